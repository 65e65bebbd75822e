package dev.resumesite.visitor;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.counter.CounterKey;
import dev.resumesite.counter.SqliteCounterStore;
import dev.resumesite.testing.TestApp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hit whose write failed spent nothing of its visitor: the retry is no reload, costs no second allowance, and bids with the same claim. */
@Tag("integration")
class PathVisitorsTest {
    private static final String ADDRESS = "198.51.100.40";

    @Test
    void a_forgotten_view_is_no_reload_gives_back_its_allowance_and_keeps_its_path_claim(@TempDir Path dataDir) {
        try (SqliteCounterStore store = new SqliteCounterStore(dataDir, Duration.ofSeconds(5))) {
            DailySecrets secrets = new DailySecrets(store, "default", Clock.systemUTC());
            secrets.loadToday();
            PathVisitors visitors = new PathVisitors(secrets, CounterKey.pageViews("default"), new RobotFilter(), Duration.ofMinutes(30), 2);
            Instant now = Instant.now();
            long t0 = System.nanoTime();

            PathVisitors.Outcome failed = visitors.see(ADDRESS, TestApp.BROWSER, "/post", now, t0);
            assertTrue(failed.counts() && failed.pathClaim() != null, "a first view that may make a new path visitor");
            failed.pathClaim().settle(true); // DynamoDB: the claim landed, then the counts failed
            visitors.forget(failed);

            PathVisitors.Outcome retry = visitors.see(ADDRESS, TestApp.BROWSER, "/post", now, t0 + 1_000_000);
            assertTrue(retry.counts(), "the retry is not taken for a reload");
            assertSame(failed.pathClaim(), retry.pathClaim(), "the retry bids with the claim that may already be in the store");
            assertTrue(retry.pathClaim().won());
            // Two a minute: the failed view gave its allowance back, so the retry and one more fit.
            assertTrue(visitors.see(ADDRESS, TestApp.BROWSER, "/other", now, t0 + 2_000_000).counts());
            assertTrue(visitors.see(ADDRESS, TestApp.BROWSER, "/third", now, t0 + 3_000_000).retryAfterSeconds() > 0,
                    "the third counted request of the minute is refused");
        }
    }
}
