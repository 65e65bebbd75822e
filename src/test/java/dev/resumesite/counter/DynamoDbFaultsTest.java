package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.Dynalite;
import dev.resumesite.testing.DynaliteExtension;
import dev.resumesite.testing.FaultyProxy;
import dev.resumesite.testing.Poll;
import dev.resumesite.testing.TestApp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Lost answers, outages and a full backlog, against a real dynalite. */
@Tag("integration")
@ExtendWith(DynaliteExtension.class)
class DynamoDbFaultsTest {

    @Test
    void a_write_whose_answer_was_lost_is_retried_without_counting_twice(Dynalite dynalite) {
        String table = "faults-" + UUID.randomUUID();
        try (FaultyProxy proxy = new FaultyProxy(dynalite.port());
             TestApp app = TestApp.start(environment(proxy.port(), table, Map.of()))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, app.get("/").statusCode());
            }
            proxy.dropNextUpdateResponses(1);
            HttpResponse<String> afterLoss = app.get("/");
            assertEquals(200, afterLoss.statusCode());
            for (int i = 0; i < 3; i++) {
                assertEquals(200, app.get("/").statusCode());
            }
            assertEquals(1, proxy.dropped(), "the proxy really lost an answer");
            assertEquals(7, storedCount(dynalite, table), "7 views, each counted once, though one write was sent twice");
        }
    }

    @Test
    void a_retried_write_without_new_breakdown_values_is_known_applied_by_its_writer_mark_without_a_read(Dynalite dynalite) {
        String table = "faults-" + UUID.randomUUID();
        CounterKey path = new CounterKey("default", PathCounter.NAME_PREFIX + "/post");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        WriteToken token = new WriteToken("writer-1", 1);
        try (FaultyProxy proxy = new FaultyProxy(dynalite.port());
             DynamoDbClient client = Dynalite.clientVia(URI.create("http://127.0.0.1:" + proxy.port()))) {
            DynamoDbClients.createTableIfMissing(client, table);
            try (DynamoDbCounterStore store = new DynamoDbCounterStore(client, table, Duration.ofSeconds(5), path)) {
                assertEquals(Optional.of(new Totals(1, 0)), store.addOnce(path, new Tally(today, 1, 0), List.of(), token));
                int readsBefore = proxy.getItems();

                assertEquals(Optional.empty(), store.addOnce(path, new Tally(today, 1, 0), List.of(), token), "the same token again");

                assertEquals(readsBefore, proxy.getItems(), "a failed writer mark alone needs no consistent read of the day item");
                assertEquals(new Totals(1, 0), store.read(path));
                assertEquals(List.of(new DayTotals(today, 1, 0)), store.days(path, today, today), "the day counted once");
            }
        }
    }

    @Test
    void a_slow_store_costs_a_page_no_more_than_its_wait_budget_and_counts_nothing_twice(Dynalite dynalite) {
        String table = "slow-" + UUID.randomUUID();
        try (FaultyProxy proxy = new FaultyProxy(dynalite.port());
             TestApp app = TestApp.start(environment(proxy.port(), table, Map.of("COUNT_WAIT_MS", "1000")))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, app.get("/").statusCode());
            }
            proxy.stallUpdateResponses(Duration.ofMillis(2_500));
            int updating = 0;
            for (int i = 0; i < 4; i++) {
                // The 1 s budget plus scheduling slack on a busy machine, still under twice the budget.
                String page = pageWithin(app, 1_900);
                updating += page.contains("id=\"visitor-count-updating\"") ? 1 : 0;
            }
            assertTrue(updating > 0, "pages said the count was updating while the store was slow");
            proxy.stallUpdateResponses(Duration.ZERO);
            Poll.until(Duration.ofSeconds(20), "the backlog to drain", () -> app.get("/healthz").body().contains("\"pending\":0"));
            assertEquals(7, storedCount(dynalite, table), "timed-out writes that landed were not applied again");
        }
    }

    @Test
    void while_the_store_is_down_pages_answer_within_budget_and_visits_wait_in_the_backlog(@TempDir Path data) {
        String table = "outage-" + UUID.randomUUID();
        try (Dynalite disk = Dynalite.start(data); TestApp app = TestApp.start(TestApp.dynamoDbEnvironment(disk, table))) {
            assertEquals(1, TestApp.countInPage(app.get("/").body()));
            disk.kill();
            for (int i = 0; i < 5; i++) {
                String page = pageWithin(app, 1_500);
                assertTrue(page.contains("id=\"visitor-count-updating\""), "the page says the count is updating");
                assertEquals(1, TestApp.countInPage(page), "the last known count");
            }
            String health = app.get("/healthz").body();
            assertTrue(health.startsWith("{\"status\":\"degraded\",\"store\":\"down\""), health);
            assertTrue(health.contains("\"pending\":5"), health);

            disk.restart();
            Poll.until(Duration.ofSeconds(20), "the backlog to drain", () -> app.get("/healthz").body().contains("\"pending\":0"));
            assertEquals(6, storedCount(disk, table));
            assertEquals(7, TestApp.countInPage(app.get("/").body()));
        }
    }

    @Test
    void a_full_backlog_refuses_visits_loudly_and_counts_the_refusals(@TempDir Path data) {
        String table = "backlog-" + UUID.randomUUID();
        try (Dynalite disk = Dynalite.start(data);
             TestApp app = TestApp.start(TestApp.with(TestApp.dynamoDbEnvironment(disk, table), Map.of("BACKLOG_LIMIT", "3")))) {
            disk.kill();
            for (int i = 0; i < 5; i++) {
                assertEquals(200, app.get("/").statusCode());
            }
            String health = app.get("/healthz").body();
            assertTrue(health.contains("\"pending\":3") && health.contains("\"refused\":2"), health);
            disk.restart();
            Poll.until(Duration.ofSeconds(20), "the backlog to drain", () -> app.get("/healthz").body().contains("\"pending\":0"));
            assertEquals(3, storedCount(disk, table));
        }
    }

    @Test
    void a_table_that_disappears_at_run_time_reports_failing_with_the_fix_and_counting_resumes_once_it_is_back(Dynalite dynalite) {
        String table = "vanishing-" + UUID.randomUUID();
        try (TestApp app = TestApp.start(TestApp.dynamoDbEnvironment(dynalite, table));
             DynamoDbClient client = dynalite.client()) {
            assertEquals(1, TestApp.countInPage(app.get("/").body()));
            client.deleteTable(b -> b.tableName(table));
            for (int i = 0; i < 3; i++) {
                assertTrue(pageWithin(app, 1_500).contains("id=\"visitor-count-updating\""));
            }
            Poll.until(Duration.ofSeconds(10), "health to say failing", () -> app.get("/healthz").body().contains("\"status\":\"failing\""));
            String health = app.get("/healthz").body();
            assertEquals(200, app.get("/healthz").statusCode(), "the page still works, so the instance stays in service");
            assertTrue(health.contains("\"reason\":\"DYNAMODB_TABLE=" + table + ": no such table"), health);
            assertTrue(health.contains("\"pending\":3"), health);

            DynamoDbClients.createTableIfMissing(client, table);
            Poll.until(Duration.ofSeconds(20), "the backlog to drain", () -> app.get("/healthz").body().contains("\"pending\":0"));
            assertTrue(app.get("/healthz").body().startsWith("{\"status\":\"ok\""));
            assertEquals(3, storedCount(dynalite, table), "the visits kept in the backlog reached the new table");
        }
    }

    /** Gets the page, asserting a 200 within {@code maxMillis}; returns its HTML. */
    static String pageWithin(TestApp app, long maxMillis) {
        long started = System.nanoTime();
        HttpResponse<String> page = app.get("/");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, page.statusCode());
        assertTrue(millis < maxMillis, "answered in " + millis + " ms, allowed " + maxMillis);
        return page.body();
    }

    static Map<String, String> environment(int port, String table, Map<String, String> extra) {
        return TestApp.with(Map.of(
                "COUNTER_STORE", "dynamodb",
                "DYNAMODB_ENDPOINT", "http://127.0.0.1:" + port,
                "DYNAMODB_TABLE", table,
                "DYNAMODB_CREATE_TABLE", "true"), extra);
    }


    static long storedCount(Dynalite dynalite, String table) {
        try (DynamoDbClient client = dynalite.client(); DynamoDbCounterStore store =
                new DynamoDbCounterStore(client, table, Duration.ofSeconds(5), CounterKey.pageViews("default"))) {
            return store.read(CounterKey.pageViews("default")).views();
        }
    }
}
