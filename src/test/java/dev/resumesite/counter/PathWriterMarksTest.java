package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each start leaves writer marks on the paths it writes; housekeeping removes those idle for over a day. */
@Tag("integration")
class PathWriterMarksTest {
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Test
    void a_writer_idle_for_over_a_day_loses_its_mark_on_the_path_and_a_live_one_keeps_it(@TempDir Path dataDir) {
        try (SqliteCounterStore store = new SqliteCounterStore(dataDir, Duration.ofSeconds(5))) {
            PathCounter paths = new PathCounter(store, "default", 10, Duration.ofSeconds(5));
            long twoDaysAgo = (System.currentTimeMillis() - Duration.ofDays(2).toMillis()) * 1000;
            store.addOnce(paths.keyOf("/post"), new Tally(TODAY, 1, 0), new WriteToken("an-earlier-start", twoDaysAgo));
            paths.record("/post", TODAY, null, System.nanoTime());

            assertEquals(1, paths.forgetDeadWriters(), "the earlier start's mark went");
            assertEquals(0, paths.forgetDeadWriters(), "this instance's writer, just used, kept its mark");
            assertEquals(new Totals(2, 0), paths.read("/post"));
        }
    }
}
