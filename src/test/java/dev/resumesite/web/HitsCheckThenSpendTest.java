package dev.resumesite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.counter.CounterKey;
import dev.resumesite.counter.DayTotals;
import dev.resumesite.counter.DynamoDbCounterStore;
import dev.resumesite.counter.PathCounter;
import dev.resumesite.counter.Totals;
import dev.resumesite.testing.Dynalite;
import dev.resumesite.testing.DynaliteExtension;
import dev.resumesite.testing.FaultyProxy;
import dev.resumesite.testing.Poll;
import dev.resumesite.testing.RawHttp;
import dev.resumesite.testing.TestApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code POST /api/hits} checks, then spends: a refused or failed request writes nothing and spends
 * nothing of the visitor (first visit of the day, reload window, rate limit, address budget), so the
 * caller's retry after a 503 counts once; on DynamoDB a lost answer is retried under the path's write
 * token, so it never counts twice and the path's total stays the sum of its days.
 */
@Tag("integration")
@ExtendWith(DynaliteExtension.class)
class HitsCheckThenSpendTest {
    private static final String BLOG = "https://blog.example.com";
    /** Honest counting as in production (a reload window, a low rate limit), each visitor behind a trusted proxy. */
    private static final Map<String, String> HONEST_HITS = Map.of("ALLOWED_ORIGINS", BLOG, "RELOAD_WINDOW_MINUTES", "30",
            "HITS_PER_MINUTE", "5", "TRUSTED_PROXIES", "127.0.0.1/32,::1/128");
    /** The tables a count, a first-visit claim or a writer mark goes to (the day's secret is the background's). */
    private static final List<String> COUNTING_TABLES = List.of("counters", "days", "shares", "writers", "seen");

    @TempDir
    Path dataDir;

    @Test
    void with_the_path_cap_full_300_refused_requests_write_no_row_and_spend_nothing_of_the_visitor() throws SQLException {
        try (TestApp app = TestApp.start(TestApp.patient(TestApp.with(HONEST_HITS,
                Map.of("DATA_DIR", dataDir.toString(), "HITS_MAX_PATHS", "1", "ADDRESS_MAX_VIEWS", "2", "ADDRESS_MAX_VISITORS", "2"))))) {
            assertCounted(hit(app, "198.51.100.1", "/the-only-path"), 1, 1);
            long rows = countingRows();
            Totals site = siteTotals(app);

            for (int i = 0; i < 300; i++) {
                HttpResponse<String> refused = hit(app, "198.51.100.2", "/new/" + i);
                assertEquals(422, refused.statusCode(), refused.body());
            }

            assertEquals(rows, countingRows(), "no count, first-visit claim or writer mark was written");
            assertEquals(site, siteTotals(app));
            HttpResponse<String> page = app.send(TestApp.navigation(app.uri("/")).header("X-Forwarded-For", "198.51.100.2").build());
            assertEquals(200, page.statusCode());
            assertEquals(new Totals(site.views() + 1, site.visitors() + 1), siteTotals(app),
                    "the refused visitor's first visit of the day was still theirs to make");
            // Five a minute and two views per address, and 300 refusals took none of them.
            assertCounted(hit(app, "198.51.100.2", "/the-only-path"), 2, 2);
        }
    }

    @Test
    void a_503_on_the_path_write_leaves_nothing_and_the_callers_retry_counts_once() throws SQLException {
        // The wait budget (also SQLite's busy timeout): the locked write gives up after it, the retry's write fits in it on a busy machine.
        try (TestApp app = TestApp.start(TestApp.with(HONEST_HITS, Map.of("DATA_DIR", dataDir.toString(), "COUNT_WAIT_MS", "3000",
                // One view per address: the failed request must give back what it reserved.
                "ADDRESS_MAX_VIEWS", "1", "ADDRESS_MAX_VISITORS", "1")))) {
            assertEquals(200, app.get("/").statusCode());
            Poll.until(Duration.ofSeconds(10), "the page's view to be written", () -> app.healthFigure("pending") == 0);
            Totals site = siteTotals(app);
            long rows = countingRows();

            HttpResponse<String> refused;
            // Another process holds the database's write lock for longer than the request's wait budget.
            try (Connection locker = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("counters.db"));
                 Statement lock = locker.createStatement()) {
                lock.execute("BEGIN IMMEDIATE");
                refused = hit(app, "198.51.100.7", "/post");
                lock.execute("ROLLBACK");
            }
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals(rows, countingRows(), "the failed write left no count and no first-visit claim");

            HttpResponse<String> retry = hit(app, "198.51.100.7", "/post");
            assertCounted(retry, 1, 1);
            Poll.until(Duration.ofSeconds(10), "the site's batch to be written",
                    () -> siteTotals(app).equals(new Totals(site.views() + 1, site.visitors() + 1)));
            assertEquals(new Totals(site.views() + 1, site.visitors() + 1), siteTotals(app), "views +1 and visitors +1, once");
        }
    }

    @Test
    void a_chunked_body_counts_like_a_sized_one() {
        try (TestApp app = TestApp.start(TestApp.patient(TestApp.with(HONEST_HITS, Map.of("DATA_DIR", dataDir.toString()))))) {
            String body = "{\"path\":\"/notes/chunked\"}";
            RawHttp.Response sized = RawHttp.exchange(app.uri("/").getPort(), rawHit("198.51.100.20", "Content-Length: " + body.length(), body)).get(0);
            String chunk = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
            RawHttp.Response chunked = RawHttp.exchange(app.uri("/").getPort(), rawHit("198.51.100.21", "Transfer-Encoding: chunked", chunk)).get(0);

            assertEquals("{\"path\":\"/notes/chunked\",\"views\":1,\"visitors\":1,\"counted\":true}", sized.body());
            assertEquals("{\"path\":\"/notes/chunked\",\"views\":2,\"visitors\":2,\"counted\":true}", chunked.body());
        }
    }

    @Test
    void on_dynamodb_a_lost_answer_is_retried_without_counting_twice_and_the_path_total_is_the_sum_of_its_days(Dynalite dynalite) {
        String table = "hits-lost-" + UUID.randomUUID();
        try (FaultyProxy proxy = new FaultyProxy(dynalite.port());
             TestApp app = TestApp.start(TestApp.patient(TestApp.with(TestApp.with(HONEST_HITS, TestApp.dynamoDbEnvironment(dynalite, table)),
                     Map.of("DYNAMODB_ENDPOINT", "http://127.0.0.1:" + proxy.port()))))) {
            assertCounted(hit(app, "203.0.113.1", "/notes/dynamo"), 1, 1);

            proxy.dropNextUpdateResponses(1);
            assertCounted(hit(app, "203.0.113.2", "/notes/dynamo"), 2, 2);

            assertEquals(1, proxy.dropped(), "the proxy really lost the answer to a write of the path that landed");
            CounterKey path = new CounterKey("default", PathCounter.NAME_PREFIX + "/notes/dynamo");
            try (DynamoDbClient client = dynalite.client();
                 DynamoDbCounterStore store = new DynamoDbCounterStore(client, table, Duration.ofSeconds(5), CounterKey.pageViews("default"))) {
                assertEquals(new Totals(2, 2), store.read(path));
                LocalDate today = LocalDate.now(ZoneOffset.UTC);
                List<DayTotals> days = store.days(path, today.minusDays(1), today);
                assertEquals(new Totals(2, 2), new Totals(days.stream().mapToLong(DayTotals::views).sum(),
                        days.stream().mapToLong(DayTotals::visitors).sum()), "the path's days: " + days);
            }
            assertEquals(2, app.storedCount(), "the site's views");
        }
    }

    /** A hit as a blog page's fetch() sends it, from {@code visitor}'s address behind the trusted proxy. */
    private static HttpResponse<String> hit(TestApp app, String visitor, String path) {
        return app.send(TestApp.browser(app.uri("/api/hits")).header("X-Forwarded-For", visitor).header("Origin", BLOG)
                .header("Content-Type", "application/json").header("Sec-Fetch-Mode", "cors").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"" + path + "\"}")).build());
    }

    /** The same hit as bytes, with the body framed by {@code framing} (a Content-Length or chunked). */
    private static String rawHit(String visitor, String framing, String body) {
        return "POST /api/hits HTTP/1.1\r\nHost: resume.example\r\nUser-Agent: " + TestApp.BROWSER + "\r\nOrigin: " + BLOG
                + "\r\nContent-Type: application/json\r\nSec-Fetch-Mode: cors\r\nSec-Fetch-Site: cross-site\r\nX-Forwarded-For: "
                + visitor + "\r\n" + framing + "\r\n\r\n" + new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static void assertCounted(HttpResponse<String> response, long pathViews, long pathVisitors) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(pathViews, number(response.body(), "views"), response.body());
        assertEquals(pathVisitors, number(response.body(), "visitors"), response.body());
        assertTrue(response.body().endsWith("\"counted\":true}"), response.body());
    }

    private static Totals siteTotals(TestApp app) {
        String body = app.get("/api/views").body();
        return new Totals(number(body, "views"), number(body, "visitors"));
    }

    private static long number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return Long.parseLong(m.group(1));
    }

    /** Rows in the tables counting writes to, read from the database file as another process would. */
    private long countingRows() throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("counters.db"));
             Statement query = db.createStatement()) {
            long rows = 0;
            for (String table : COUNTING_TABLES) {
                try (ResultSet count = query.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    count.next();
                    rows += count.getLong(1);
                }
            }
            return rows;
        }
    }
}
