package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.Dynalite;
import dev.resumesite.testing.PageLoad;
import dev.resumesite.testing.Poll;
import dev.resumesite.testing.TestApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault drill, short form: under load, dynalite is killed, stays down for a while and restarts on
 * the same data directory. Every page still answers 200, and afterwards the stored count equals the
 * number of counted 200 responses. {@code -Ddrill.outageSeconds=30} runs a longer drill.
 */
@Tag("integration")
class FaultDrillTest {
    private static final long OUTAGE_MILLIS = Long.getLong("drill.outageSeconds", 3) * 1_000;

    @Test
    void killing_the_database_under_load_loses_no_visit_and_fails_no_page(@TempDir Path data) throws Exception {
        String table = "drill-" + UUID.randomUUID();
        try (Dynalite disk = Dynalite.start(data); TestApp app = TestApp.start(TestApp.dynamoDbEnvironment(disk, table))) {
            PageLoad load = PageLoad.start(List.of(app.uri("/")), 16);
            Poll.until(Duration.ofSeconds(10), "load to warm up", () -> load.ok() > 200);
            disk.kill();
            Thread.sleep(OUTAGE_MILLIS); // the outage itself, not a wait for a condition
            String healthDuringOutage = app.get("/healthz").body();
            disk.restart();
            long okAtRestart = load.ok();
            Poll.until(Duration.ofSeconds(20), "traffic after recovery", () -> load.ok() > okAtRestart + 200);
            load.stop();
            Poll.until(Duration.ofSeconds(20), "the backlog to drain", () -> app.get("/healthz").body().contains("\"pending\":0"));

            assertTrue(healthDuringOutage.startsWith("{\"status\":\"degraded\""), healthDuringOutage);
            assertEquals(0, load.connectionFailures.get(), "no connection failed");
            assertEquals(load.total(), load.ok(), "every page answered 200: " + load.statuses);
            assertTrue(load.updatingPages.get() > 0, "pages during the outage said the count was updating");
            assertEquals(load.ok(), DynamoDbFaultsTest.storedCount(disk, table), "stored count = counted 200 responses");
            assertEquals(load.exactNumbers.size(), new HashSet<>(load.exactNumbers).size(), "no number shown twice");
            assertTrue(load.slowestMillis.get() < 2_000, "slowest page: " + load.slowestMillis + " ms");
        }
    }
}
