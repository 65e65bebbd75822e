package dev.resumesite.counter;

import dev.resumesite.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalLong;
import org.sqlite.SQLiteException;

/**
 * The embedded store: one SQLite file under the data directory. Every write is a committed
 * transaction with {@code synchronous=FULL}, so a count that was answered survives a crash or
 * {@code kill -9}. One connection serves the process; SQLite serialises writers anyway. A file
 * busy with another process is a transient failure; anything else (read-only, full, corrupt) needs
 * the owner and names {@code DATA_DIR}.
 */
public final class SqliteCounterStore implements CounterStore {
    private static final String FILE_NAME = "counters.db";

    private final Connection connection;
    private final Path file;

    /** @param callBudget how long a call may wait for another process's lock on the file: the page's budget */
    public SqliteCounterStore(Path dataDir, Duration callBudget) {
        file = dataDir.resolve(FILE_NAME);
        try {
            createPrivateDirectory(dataDir);
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=" + callBudget.toMillis());
                s.execute("CREATE TABLE IF NOT EXISTS counters ("
                        + "site TEXT NOT NULL, name TEXT NOT NULL, total INTEGER NOT NULL, PRIMARY KEY (site, name))");
                s.execute("CREATE TABLE IF NOT EXISTS writers ("
                        + "site TEXT NOT NULL, name TEXT NOT NULL, writer TEXT NOT NULL, sequence INTEGER NOT NULL, "
                        + "PRIMARY KEY (site, name, writer))");
            }
            connection.setAutoCommit(false);
        } catch (IOException | SQLException e) {
            throw new ConfigException("DATA_DIR=" + dataDir + ": cannot open the counter database " + file
                    + " (" + e.getMessage() + "); point DATA_DIR at a writable directory");
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // The count is nobody else's business: owner-only, like the file SQLite creates inside.
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }

    @Override
    public synchronized long add(CounterKey key, long delta) {
        try {
            long total = upsert(key, delta);
            connection.commit();
            return total;
        } catch (SQLException e) {
            throw rollBackAndWrap(e);
        }
    }

    @Override
    public synchronized OptionalLong addOnce(CounterKey key, long delta, WriteToken token) {
        try {
            if (lastSequence(key, token.writer()) >= token.sequence()) {
                connection.rollback();
                return OptionalLong.empty();
            }
            try (PreparedStatement s = connection.prepareStatement(
                    "INSERT INTO writers (site, name, writer, sequence) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT (site, name, writer) DO UPDATE SET sequence = excluded.sequence")) {
                bindKey(s, key);
                s.setString(3, token.writer());
                s.setLong(4, token.sequence());
                s.executeUpdate();
            }
            long total = upsert(key, delta);
            connection.commit();
            return OptionalLong.of(total);
        } catch (SQLException e) {
            throw rollBackAndWrap(e);
        }
    }

    @Override
    public synchronized long read(CounterKey key) {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT total FROM counters WHERE site = ? AND name = ?")) {
            bindKey(s, key);
            try (ResultSet rs = s.executeQuery()) {
                long total = rs.next() ? rs.getLong(1) : 0;
                connection.commit();
                return total;
            }
        } catch (SQLException e) {
            throw rollBackAndWrap(e);
        }
    }

    @Override
    public synchronized int forgetWritersBefore(CounterKey key, long sequence) {
        try (PreparedStatement s = connection.prepareStatement(
                "DELETE FROM writers WHERE site = ? AND name = ? AND sequence < ?")) {
            bindKey(s, key);
            s.setLong(3, sequence);
            int removed = s.executeUpdate();
            connection.commit();
            return removed;
        } catch (SQLException e) {
            throw rollBackAndWrap(e);
        }
    }

    private long upsert(CounterKey key, long delta) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO counters (site, name, total) VALUES (?, ?, ?) "
                        + "ON CONFLICT (site, name) DO UPDATE SET total = total + excluded.total RETURNING total")) {
            bindKey(s, key);
            s.setLong(3, delta);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long lastSequence(CounterKey key, String writer) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT sequence FROM writers WHERE site = ? AND name = ? AND writer = ?")) {
            bindKey(s, key);
            s.setString(3, writer);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : Long.MIN_VALUE;
            }
        }
    }

    private static void bindKey(PreparedStatement s, CounterKey key) throws SQLException {
        s.setString(1, key.site());
        s.setString(2, key.name());
    }

    private StoreException rollBackAndWrap(SQLException e) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            e.addSuppressed(rollbackFailure);
        }
        String code = e instanceof SQLiteException sqlite ? sqlite.getResultCode().name() : "";
        if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED") || code.startsWith("SQLITE_IOERR")) {
            return new StoreUnavailableException("embedded counter database busy: " + e.getMessage(), e);
        }
        return new StoreMisconfiguredException("DATA_DIR: the counter database " + file + " failed (" + e.getMessage()
                + "); make the file and its directory writable by the app, with free disk space", e);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreUnavailableException("closing the embedded counter database failed", e);
        }
    }
}
