package dev.resumesite.counter;

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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.sqlite.SQLiteException;

/**
 * The embedded store: one SQLite file under the data directory. Every write is a committed
 * transaction with {@code synchronous=FULL}, so a count that was answered survives a crash or
 * {@code kill -9}. Two connections: writes take turns on one (SQLite serialises writers anyway), and
 * reads use the other, so a page's read never queues behind a write's commit (WAL lets a reader see
 * the last commit while a writer works). A batch's first-visit claims and counts are one transaction.
 * The day's breakdowns are rows of {@code shares}, bounded in the same transaction (the values already
 * there are read under the write lock, so two processes on one file cannot both take the last place).
 * A file busy with another process is a transient failure; anything else (read-only, full, corrupt)
 * needs the owner and names {@code DATA_DIR}.
 */
public final class SqliteCounterStore implements CounterStore {
    private static final String FILE_NAME = "counters.db";

    private final Connection connection;
    /** Used under its own lock, never the writer's. */
    private final Connection reads;
    private final Path file;
    private final AtomicLong commits = new AtomicLong();

    /**
     * @param callBudget how long a call may wait for another process's lock on the file: the page's
     *     budget (a page waits on its batch for no longer; a later retry does better than a longer wait)
     * @throws StoreMisconfiguredException when the file cannot be opened, naming DATA_DIR and the fix
     */
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
                if (!hasColumn(s, "counters", "visitors")) { // Files written before unique visitors were counted.
                    s.execute("ALTER TABLE counters ADD COLUMN visitors INTEGER NOT NULL DEFAULT 0");
                }
                s.execute("CREATE TABLE IF NOT EXISTS days (site TEXT NOT NULL, name TEXT NOT NULL, day TEXT NOT NULL, "
                        + "views INTEGER NOT NULL, visitors INTEGER NOT NULL, PRIMARY KEY (site, name, day))");
                s.execute("CREATE TABLE IF NOT EXISTS shares (site TEXT NOT NULL, name TEXT NOT NULL, day TEXT NOT NULL, "
                        + "dimension TEXT NOT NULL, value TEXT NOT NULL, views INTEGER NOT NULL, "
                        + "PRIMARY KEY (site, name, day, dimension, value))");
                s.execute("CREATE TABLE IF NOT EXISTS writers ("
                        + "site TEXT NOT NULL, name TEXT NOT NULL, writer TEXT NOT NULL, sequence INTEGER NOT NULL, "
                        + "PRIMARY KEY (site, name, writer))");
                s.execute("CREATE TABLE IF NOT EXISTS seen (site TEXT NOT NULL, name TEXT NOT NULL, day TEXT NOT NULL, "
                        + "visitor TEXT NOT NULL, claim TEXT NOT NULL, PRIMARY KEY (site, name, day, visitor))");
                s.execute("CREATE TABLE IF NOT EXISTS secrets (site TEXT NOT NULL, day TEXT NOT NULL, "
                        + "secret TEXT NOT NULL, PRIMARY KEY (site, day))");
            }
            connection.setAutoCommit(false);
            reads = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = reads.createStatement()) {
                s.execute("PRAGMA busy_timeout=" + callBudget.toMillis());
            }
        } catch (IOException | SQLException e) {
            throw new StoreMisconfiguredException("DATA_DIR=" + dataDir + ": cannot open the counter database " + file
                    + " (" + e.getMessage() + "); point DATA_DIR at a writable directory", e);
        }
    }

    private static boolean hasColumn(Statement s, String table, String column) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                if (rs.getString("name").equals(column)) {
                    return true;
                }
            }
            return false;
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
    public synchronized Totals add(CounterKey key, Tally tally) {
        try {
            Totals totals = apply(key, tally);
            commit();
            return totals;
        } catch (SQLException e) {
            throw rollBackAndWrap(e);
        }
    }

    /** Claims, writer mark and counts in one transaction: the claims' answers are kept only once it committed. */
    @Override
    public synchronized Optional<Totals> addOnce(CounterKey key, Tally tally, List<FirstVisitClaim> claims, WriteToken token) {
        try {
            if (lastSequence(key, token.writer()) >= token.sequence()) {
                connection.rollback();
                return Optional.empty();
            }
            update("INSERT INTO writers (site, name, writer, sequence) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (site, name, writer) DO UPDATE SET sequence = excluded.sequence",
                    key.site(), key.name(), token.writer(), token.sequence());
            boolean[] won = new boolean[claims.size()];
            long visitors = tally.visitors();
            for (int i = 0; i < won.length; i++) {
                FirstVisitClaim claim = claims.get(i);
                won[i] = claim.isOpen() ? claimed(key, claim.day(), claim.visitor(), claim.id()) : claim.won();
                visitors += won[i] ? 1 : 0;
            }
            Totals totals = apply(key, tally.withVisitors(visitors));
            commit();
            for (int i = 0; i < won.length; i++) {
                claims.get(i).settle(won[i]);
            }
            return Optional.of(totals);
        } catch (SQLException e) {
            throw rollBackAndWrap(e);
        }
    }

    /** Records the visitor as seen on the day unless they were; true if this claim is the one recorded. Inside a transaction. */
    private boolean claimed(CounterKey key, LocalDate day, String visitor, String claim) throws SQLException {
        int inserted = update("INSERT INTO seen (site, name, day, visitor, claim) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                key.site(), key.name(), day.toString(), visitor, claim);
        return inserted == 1 || claim.equals(queryString("SELECT claim FROM seen WHERE site = ? AND name = ? AND day = ? "
                + "AND visitor = ?", key.site(), key.name(), day.toString(), visitor));
    }

    private void commit() throws SQLException {
        connection.commit();
        commits.incrementAndGet();
    }

    @Override
    public long writeTransactions() {
        return commits.get();
    }

    /** The all-time and the day's totals and breakdowns move in one transaction, so they can never disagree. */
    private Totals apply(CounterKey key, Tally tally) throws SQLException {
        update("INSERT INTO days (site, name, day, views, visitors) VALUES (?, ?, ?, ?, ?) ON CONFLICT (site, name, day) "
                + "DO UPDATE SET views = views + excluded.views, visitors = visitors + excluded.visitors",
                key.site(), key.name(), tally.day().toString(), tally.views(), tally.visitors());
        for (Dimension dimension : Dimension.values()) {
            addShares(key, tally.day(), dimension, tally.of(dimension));
        }
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO counters (site, name, total, visitors) VALUES (?, ?, ?, ?) ON CONFLICT (site, name) "
                        + "DO UPDATE SET total = total + excluded.total, visitors = visitors + excluded.visitors "
                        + "RETURNING total, visitors")) {
            bind(s, key.site(), key.name(), tally.views(), tally.visitors());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Totals(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    /** Adds a batch's views per value to the day's rows, within the day's bound. Inside a transaction. */
    private void addShares(CounterKey key, LocalDate day, Dimension dimension, Map<String, Long> counts) throws SQLException {
        if (counts.isEmpty()) {
            return;
        }
        Set<String> known = new HashSet<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT value FROM shares "
                + "WHERE site = ? AND name = ? AND day = ? AND dimension = ? AND value <> ?")) {
            bind(s, key.site(), key.name(), day.toString(), dimension.label(), ReaderOrigin.OTHER);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
        }
        for (Map.Entry<String, Long> share : DayBreakdown.within(counts, known).entrySet()) {
            update("INSERT INTO shares (site, name, day, dimension, value, views) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (site, name, day, dimension, value) DO UPDATE SET views = views + excluded.views",
                    key.site(), key.name(), day.toString(), dimension.label(), share.getKey(), share.getValue());
        }
    }

    @Override
    public Totals read(CounterKey key) {
        List<Totals> totals = readRows("SELECT total, visitors FROM counters WHERE site = ? AND name = ?",
                rs -> new Totals(rs.getLong(1), rs.getLong(2)), key.site(), key.name());
        return totals.isEmpty() ? Totals.ZERO : totals.get(0);
    }

    @Override
    public List<DayTotals> days(CounterKey key, LocalDate from, LocalDate to) {
        return readRows("SELECT day, views, visitors FROM days WHERE site = ? AND name = ? AND day BETWEEN ? AND ? ORDER BY day",
                rs -> new DayTotals(LocalDate.parse(rs.getString(1)), rs.getLong(2), rs.getLong(3)),
                key.site(), key.name(), from.toString(), to.toString());
    }

    @Override
    public List<DayShare> shares(CounterKey key, LocalDate from, LocalDate to) {
        return readRows("SELECT day, dimension, value, views FROM shares WHERE site = ? AND name = ? AND day BETWEEN ? AND ?",
                rs -> new DayShare(LocalDate.parse(rs.getString(1)), Dimension.ofLabel(rs.getString(2)), rs.getString(3), rs.getLong(4)),
                key.site(), key.name(), from.toString(), to.toString());
    }

    /** One row of a result as a value. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** On the read connection (autocommit: each query sees the last commit), never behind a write. */
    private <T> List<T> readRows(String sql, RowReader<T> row, Object... values) {
        synchronized (reads) {
            try (PreparedStatement s = reads.prepareStatement(sql)) {
                bind(s, values);
                List<T> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row.read(rs));
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw wrap(e);
            }
        }
    }

    @Override
    public synchronized boolean claimFirstVisit(CounterKey key, LocalDate day, String visitor, String claim) {
        try {
            boolean mine = claimed(key, day, visitor, claim);
            commit();
            return mine;
        } catch (SQLException e) {
            throw rollBackAndWrap(e);
        }
    }

    @Override
    public synchronized String dailySecret(String site, LocalDate day, String candidate) {
        try {
            update("INSERT INTO secrets (site, day, secret) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    site, day.toString(), candidate);
            String secret = queryString("SELECT secret FROM secrets WHERE site = ? AND day = ?", site, day.toString());
            commit();
            return secret;
        } catch (SQLException e) {
            throw rollBackAndWrap(e);
        }
    }

    @Override
    public synchronized void forgetVisitorsBefore(String site, LocalDate day) {
        try {
            update("DELETE FROM secrets WHERE site = ? AND day < ?", site, day.toString());
            update("DELETE FROM seen WHERE site = ? AND day < ?", site, day.toString());
            commit();
        } catch (SQLException e) {
            throw rollBackAndWrap(e);
        }
    }

    @Override
    public synchronized int forgetWritersBefore(CounterKey key, long sequence) {
        try {
            int removed = update("DELETE FROM writers WHERE site = ? AND name = ? AND sequence < ?",
                    key.site(), key.name(), sequence);
            commit();
            return removed;
        } catch (SQLException e) {
            throw rollBackAndWrap(e);
        }
    }

    private long lastSequence(CounterKey key, String writer) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT sequence FROM writers WHERE site = ? AND name = ? AND writer = ?")) {
            bind(s, key.site(), key.name(), writer);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : Long.MIN_VALUE;
            }
        }
    }

    private int update(String sql, Object... values) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            bind(s, values);
            return s.executeUpdate();
        }
    }

    private String queryString(String sql, Object... values) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            bind(s, values);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void bind(PreparedStatement s, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            s.setObject(i + 1, values[i]);
        }
    }

    private StoreException rollBackAndWrap(SQLException e) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            e.addSuppressed(rollbackFailure);
        }
        return wrap(e);
    }

    private StoreException wrap(SQLException e) {
        String code = e instanceof SQLiteException sqlite ? sqlite.getResultCode().name() : "";
        if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED") || code.startsWith("SQLITE_IOERR")) {
            return new StoreUnavailableException("embedded counter database busy: " + e.getMessage(), e);
        }
        return new StoreMisconfiguredException("DATA_DIR: the counter database " + file + " failed (" + e.getMessage()
                + "); make the file and its directory writable by the app, with free disk space", e);
    }

    @Override
    public synchronized void close() {
        try (Connection readConnection = reads) {
            connection.close();
        } catch (SQLException e) {
            throw new StoreUnavailableException("closing the embedded counter database failed", e);
        }
    }
}
