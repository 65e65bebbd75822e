package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class SqliteCounterStoreTest extends CounterStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected CounterStore createStore() {
        return new SqliteCounterStore(dataDir.resolve("data"), Duration.ofSeconds(5));
    }

    @Test
    void the_count_survives_closing_and_reopening_the_database() {
        store.add(key, new Tally(DAY, 41, 7));
        store.close();
        store = createStore();
        assertEquals(new Totals(42, 7), store.add(key, new Tally(DAY, 1, 0)));
    }

    @Test
    void a_database_written_before_visitors_were_counted_opens_and_keeps_its_count() throws Exception {
        store.close();
        Path old = dataDir.resolve("old");
        Files.createDirectories(old);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old.resolve("counters.db"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE counters (site TEXT NOT NULL, name TEXT NOT NULL, total INTEGER NOT NULL, PRIMARY KEY (site, name))");
            s.execute("INSERT INTO counters VALUES ('default', 'views', 1234)");
        }
        store = new SqliteCounterStore(old, Duration.ofSeconds(5));
        assertEquals(new Totals(1234, 0), store.read(CounterKey.pageViews("default")));
        assertEquals(new Totals(1235, 1), store.add(CounterKey.pageViews("default"), new Tally(DAY, 1, 1)));
    }

    @Test
    void the_data_directory_it_creates_is_private_to_the_owner() throws Exception {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("data"))));
    }

    @Test
    void an_unwritable_data_directory_stops_start_up_naming_the_variable() throws Exception {
        Path blocker = Files.writeString(dataDir.resolve("not-a-directory"), "x");
        StoreMisconfiguredException error = assertThrows(StoreMisconfiguredException.class, () -> new SqliteCounterStore(blocker, Duration.ofSeconds(5)));
        assertTrue(error.getMessage().startsWith("DATA_DIR=" + blocker), error.getMessage());
    }
}
