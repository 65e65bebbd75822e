package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.config.ConfigException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
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
        store.add(key, 41);
        store.close();
        store = createStore();
        assertEquals(42, store.add(key, 1));
    }

    @Test
    void the_data_directory_it_creates_is_private_to_the_owner() throws Exception {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("data"))));
    }

    @Test
    void an_unwritable_data_directory_stops_start_up_naming_the_variable() throws Exception {
        Path blocker = Files.writeString(dataDir.resolve("not-a-directory"), "x");
        ConfigException error = assertThrows(ConfigException.class, () -> new SqliteCounterStore(blocker, Duration.ofSeconds(5)));
        assertTrue(error.getMessage().startsWith("DATA_DIR=" + blocker), error.getMessage());
    }
}
