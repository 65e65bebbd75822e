package dev.resumesite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resumesite.counter.CounterKey;
import dev.resumesite.counter.CounterStore;
import dev.resumesite.counter.DynamoDbClients;
import dev.resumesite.counter.DynamoDbCounterStore;
import dev.resumesite.counter.SqliteCounterStore;
import dev.resumesite.counter.Tally;
import dev.resumesite.testing.Dynalite;
import dev.resumesite.testing.DynaliteExtension;
import dev.resumesite.testing.TestApp;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code /stats}, its exports and {@code /badge.svg} over real HTTP, on a history written into the
 * real store before the app starts: the numbers shown are the numbers stored, and looking counts nothing.
 */
@Tag("integration")
@ExtendWith(DynaliteExtension.class)
class StatsPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final CounterKey DOWNLOADS = new CounterKey("default", "pdf");
    /** Views and visitors on past days: inside the week, the month, the year, and before it. */
    private static final Map<LocalDate, long[]> HISTORY = Map.of(
            TODAY.minusDays(1), new long[] {5, 3},
            TODAY.minusDays(6), new long[] {2, 2},
            TODAY.minusDays(29), new long[] {7, 4},
            TODAY.minusDays(40), new long[] {11, 6},
            TODAY.minusDays(400), new long[] {100, 50});
    private static final Pattern ROW = Pattern.compile(
            "<tr data-day=\"([0-9-]+)\">\\s*<th[^>]*>.*?</th>\\s*<td class=\"day-views\" data-count=\"(\\d+)\">[^<]*</td>\\s*"
                    + "<td class=\"day-visitors\" data-count=\"(\\d+)\">", Pattern.DOTALL);

    @TempDir
    static Path dataDir;
    static TestApp app;

    @BeforeAll
    static void boot() {
        try (CounterStore store = new SqliteCounterStore(dataDir, Duration.ofSeconds(5))) {
            seed(store);
        }
        app = TestApp.start(TestApp.patient(Map.of("DATA_DIR", dataDir.toString(), "STATS_REFRESH_SECONDS", "0")));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static void seed(CounterStore store) {
        HISTORY.forEach((day, figures) -> store.add(CounterKey.pageViews("default"), new Tally(day, figures[0], figures[1])));
        store.add(DOWNLOADS, new Tally(TODAY, 3, 2));
        store.add(DOWNLOADS, new Tally(TODAY.minusDays(40), 4, 4));
    }

    @Test
    void pdf_downloads_have_their_own_column_and_never_add_to_the_page_views() throws Exception {
        String html = page("/stats").body();
        assertEquals("3", downloads(html, "summary-today"));
        assertEquals("3", downloads(html, "summary-30"));
        assertEquals("7", downloads(html, "summary-365"));
        assertEquals("7", downloads(html, "summary-all-time"));
        assertEquals(List.of("25", "15"), summary(html, "summary-365"), "the same views as without downloads");
        assertEquals(7, JSON.readTree(app.get("/stats.json").body()).get("totals").get("downloads").asLong());
    }

    @Test
    void the_page_shows_the_all_time_totals_and_the_sums_of_the_stored_days() {
        long views = app.storedCount();
        String html = page("/stats").body();
        assertEquals(List.of(Long.toString(views), "65"), summary(html, "summary-all-time"));
        assertEquals(List.of("7", "5"), summary(html, "summary-7"), "yesterday and six days ago");
        assertEquals(List.of("14", "9"), summary(html, "summary-30"), "29 days ago is inside the last 30");
        assertEquals(List.of("25", "15"), summary(html, "summary-365"), "400 days ago is not");
    }

    @Test
    void the_chart_its_data_table_and_the_json_export_agree_with_the_stored_history() throws Exception {
        for (int days : List.of(7, 30, 90, 365)) {
            String html = page("/stats?days=" + days).body();
            Map<String, long[]> expected = expectedDays(days);
            assertRowsEqual(expected, tableRows(html), "table, " + days + " days");
            assertRowsEqual(expected, jsonRows(app.get("/stats.json?days=" + days).body()), "json, " + days + " days");
            Matcher bars = Pattern.compile("<rect x=\"[\\d.]+\" y=\"[\\d.]+\" width=\"[\\d.]+\" height=\"([\\d.]+)\"")
                    .matcher(html.substring(html.indexOf("chart-bars")));
            List<Double> heights = bars.results().map(m -> Double.parseDouble(m.group(1))).toList();
            assertEquals(days, heights.size(), "one bar per day");
            List<long[]> values = List.copyOf(expected.values());
            long highest = values.stream().mapToLong(v -> v[0]).max().orElseThrow();
            for (int i = 0; i < days; i++) {
                // Bars are in proportion to the day's views: the same ratio to the tallest bar.
                double tallest = heights.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                assertEquals((double) values.get(i)[0] / highest, heights.get(i) / tallest, 0.01, "bar " + i);
            }
        }
    }

    @Test
    void the_csv_export_is_a_download_with_one_row_per_day_of_the_year() {
        HttpResponse<String> csv = app.get("/stats.csv");
        assertEquals(200, csv.statusCode());
        assertEquals("text/csv;charset=UTF-8", csv.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(csv.headers().firstValue("Content-Disposition").orElseThrow()
                .matches("attachment; filename=\"stats-default-365-days-to-\\d{4}-\\d\\d-\\d\\d\\.csv\""));
        List<String> lines = csv.body().lines().toList();
        assertEquals("date,views,visitors", lines.get(0));
        assertEquals(366, lines.size());
        Map<String, long[]> rows = new LinkedHashMap<>();
        lines.subList(1, lines.size()).forEach(line -> {
            String[] cells = line.split(",");
            rows.put(cells[0], new long[] {Long.parseLong(cells[1]), Long.parseLong(cells[2])});
        });
        Map<String, long[]> expected = expectedDays(365);
        // Today may have views from other tests of this class; the past is fixed.
        expected.remove(TODAY.toString());
        rows.remove(TODAY.toString());
        assertRowsEqual(expected, rows, "csv");
    }

    @Test
    void the_json_export_carries_the_totals_and_its_content_type() throws Exception {
        HttpResponse<String> json = app.get("/stats.json");
        assertTrue(json.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonNode root = JSON.readTree(json.body());
        assertEquals("default", root.get("site").asText());
        assertEquals(365, root.get("days").size());
        assertEquals(65, root.get("totals").get("visitors").asLong());
    }

    @Test
    void looking_at_the_stats_the_exports_and_the_badge_counts_nothing() {
        long before = app.storedCount();
        for (String path : List.of("/stats", "/stats?days=7", "/stats.csv", "/stats.json", "/badge.svg", "/badge.svg?metric=visitors")) {
            assertEquals(200, app.get(path).statusCode(), path);
            assertEquals(200, app.send("HEAD", path).statusCode(), path);
        }
        assertEquals(before, app.storedCount());
    }

    @Test
    void a_range_outside_the_offered_ones_is_refused() {
        for (String bad : List.of("31", "abc", "-7", "3650", "")) {
            assertEquals(400, app.get("/stats?days=" + bad).statusCode(), bad);
            assertEquals(400, app.get("/stats.csv?days=" + bad).statusCode(), bad);
        }
    }

    @Test
    void the_stats_are_never_indexed_never_cached_and_run_no_script() {
        for (String path : List.of("/stats", "/stats.csv", "/stats.json")) {
            HttpResponse<String> response = app.get(path);
            assertEquals(HttpPolicy.NOT_INDEXED, response.headers().firstValue("X-Robots-Tag").orElse(null), path);
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow(), path);
        }
        String html = page("/stats").body();
        assertTrue(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
        assertFalse(html.contains("<script"), "no <script>");
        assertFalse(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no on*= handlers");
        assertFalse(Pattern.compile("\\sstyle\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no inline style (CSP)");
    }

    @Test
    void the_badge_is_a_cacheable_svg_with_a_title_and_the_stored_number() throws Exception {
        HttpResponse<String> badge = app.get("/badge.svg");
        assertEquals(200, badge.statusCode());
        assertEquals("image/svg+xml;charset=UTF-8", badge.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("public, max-age=60", badge.headers().firstValue("Cache-Control").orElseThrow());
        Document svg = xml(badge.body());
        assertEquals("svg", svg.getDocumentElement().getLocalName());
        assertEquals("page views: " + String.format(java.util.Locale.US, "%,d", app.storedCount()),
                svg.getElementsByTagName("title").item(0).getTextContent());
        assertEquals("visitors: 65", xml(app.get("/badge.svg?metric=visitors").body())
                .getElementsByTagName("title").item(0).getTextContent());
        String etag = badge.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, app.send(TestApp.browser(app.uri("/badge.svg")).header("If-None-Match", etag).build()).statusCode());
    }

    @Test
    void the_badge_is_not_modified_for_its_weakened_tag_a_wildcard_or_a_list_holding_it_and_is_sent_again_otherwise() {
        String etag = app.get("/badge.svg").headers().firstValue("ETag").orElseThrow();
        // Caches weaken a compressed answer's tag (Tomcat itself does when it compresses) and send lists.
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("W/" + etag, 304);
        expected.put("*", 304);
        expected.put("\"stale\", " + etag, 304);
        expected.put("W/\"stale\",W/" + etag + " ,\"other\"", 304);
        expected.put("\"stale\", W/\"other\"", 200);
        expected.put(etag.replace("\"", ""), 200);
        for (Map.Entry<String, Integer> ifNoneMatch : expected.entrySet()) {
            HttpResponse<String> badge = app.send(TestApp.browser(app.uri("/badge.svg"))
                    .header("If-None-Match", ifNoneMatch.getKey()).build());
            assertEquals(ifNoneMatch.getValue(), badge.statusCode(), "If-None-Match: " + ifNoneMatch.getKey());
            assertEquals(etag, badge.headers().firstValue("ETag").orElseThrow(), "the tag comes back either way");
            assertEquals(ifNoneMatch.getValue() == 200, badge.body().startsWith("<svg"), "a body only with a 200");
        }
    }

    @Test
    void the_badge_is_as_wide_as_its_text() throws Exception {
        int narrow = width(app.get("/badge.svg?label=a").body());
        int wide = width(app.get("/badge.svg?label=" + "profile%20views%20of%20my%20site").body());
        assertTrue(wide > narrow + 100, narrow + " vs " + wide);
    }

    @Test
    void a_badge_with_a_bad_metric_or_label_is_refused() {
        for (String query : List.of("metric=hits", "label=", "label=%3Cscript%3E", "label=" + "x".repeat(33), "label=%20lead")) {
            assertEquals(400, app.get("/badge.svg?" + query).statusCode(), query);
        }
    }

    @Test
    void with_a_token_the_stats_need_it_and_their_links_carry_it_while_the_badge_stays_public() {
        String token = "stats-token-" + UUID.randomUUID();
        try (TestApp closed = TestApp.start(TestApp.patient(Map.of("DATA_DIR", dataDir.resolve("closed").toString(),
                "STATS_TOKEN", token)))) {
            for (String path : List.of("/stats", "/stats.csv", "/stats.json")) {
                assertEquals(403, closed.get(path).statusCode(), path);
                assertEquals(403, closed.get(path + "?token=wrong-token-0123456789").statusCode(), path);
                assertEquals(200, closed.get(path + "?token=" + token).statusCode(), path);
            }
            String html = closed.get("/stats?token=" + token).body();
            assertTrue(html.contains("href=\"/stats.csv?days=30&amp;token=" + token + "\""), "export links carry the token");
            assertEquals(200, closed.get("/badge.svg").statusCode());
        }
    }

    @Test
    void the_figures_are_read_at_most_once_a_minute() throws Exception {
        Path own = Files.createDirectories(dataDir.resolve("cached"));
        try (TestApp cached = TestApp.start(TestApp.patient(Map.of("DATA_DIR", own.toString())))) {
            String before = cached.get("/badge.svg").body();
            String statsBefore = cached.get("/stats.json").body();
            HttpResponse<String> counted = cached.send(TestApp.browser(cached.uri("/api/views"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertEquals("{\"views\":1,\"visitors\":1}", counted.body());
            assertEquals(before, cached.get("/badge.svg").body(), "the badge shows the figures of the last minute");
            assertEquals(statsBefore, cached.get("/stats.json").body());
        }
    }

    @Test
    void on_dynamodb_the_page_and_the_json_export_show_the_stored_history(Dynalite dynalite) throws Exception {
        String table = "stats-" + UUID.randomUUID();
        try (var client = dynalite.client()) {
            DynamoDbClients.createTableIfMissing(client, table);
            seed(new DynamoDbCounterStore(client, table, Duration.ofSeconds(5), CounterKey.pageViews("probe")));
        }
        try (TestApp onDynamo = TestApp.start(TestApp.patient(TestApp.with(TestApp.dynamoDbEnvironment(dynalite, table),
                Map.of("STATS_REFRESH_SECONDS", "0"))))) {
            assertRowsEqual(expectedDays(30), jsonRows(onDynamo.get("/stats.json?days=30").body()), "json");
            assertRowsEqual(expectedDays(30), tableRows(onDynamo.get("/stats").body()), "table");
            assertEquals(List.of("125", "65"), summary(onDynamo.get("/stats").body(), "summary-all-time"));
        }
    }

    /** The stored days of the last {@code days} (today included), zeros for the rest, oldest first; today as the app has it now. */
    private static Map<String, long[]> expectedDays(int days) {
        Map<String, long[]> expected = new LinkedHashMap<>();
        for (LocalDate day = TODAY.minusDays(days - 1); !day.isAfter(TODAY); day = day.plusDays(1)) {
            expected.put(day.toString(), HISTORY.getOrDefault(day, new long[] {0, 0}));
        }
        return expected;
    }

    private static void assertRowsEqual(Map<String, long[]> expected, Map<String, long[]> actual, String what) {
        Map<String, List<Long>> want = new LinkedHashMap<>();
        expected.forEach((day, v) -> want.put(day, List.of(v[0], v[1])));
        Map<String, List<Long>> got = new LinkedHashMap<>();
        actual.forEach((day, v) -> got.put(day, List.of(v[0], v[1])));
        if (want.containsKey(TODAY.toString()) && got.containsKey(TODAY.toString())) {
            want.put(TODAY.toString(), got.get(TODAY.toString())); // Other tests may count today.
        }
        assertEquals(List.copyOf(want.keySet()), List.copyOf(got.keySet()), what + ": days in order");
        assertEquals(want, got, what);
    }

    private static Map<String, long[]> tableRows(String html) {
        Map<String, long[]> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            rows.put(m.group(1), new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
        }
        return rows;
    }

    private static Map<String, long[]> jsonRows(String body) throws Exception {
        Map<String, long[]> rows = new LinkedHashMap<>();
        for (JsonNode day : JSON.readTree(body).get("days")) {
            rows.put(day.get("date").asText(), new long[] {day.get("views").asLong(), day.get("visitors").asLong()});
        }
        return rows;
    }

    private static String downloads(String html, String id) {
        Matcher m = Pattern.compile("<tr id=\"" + id + "\"><th[^>]*>[^<]*</th>(?:<td>[^<]*</td>){2}<td>([^<]*)</td>").matcher(html);
        assertTrue(m.find(), "summary row " + id);
        return m.group(1).replace(",", "");
    }

    private static List<String> summary(String html, String id) {
        Matcher m = Pattern.compile("<tr id=\"" + id + "\"><th[^>]*>[^<]*</th><td>([^<]*)</td><td>([^<]*)</td>").matcher(html);
        assertTrue(m.find(), "summary row " + id);
        return List.of(m.group(1).replace(",", ""), m.group(2).replace(",", ""));
    }

    private static HttpResponse<String> page(String path) {
        HttpResponse<String> page = app.get(path);
        assertEquals(200, page.statusCode(), path);
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        return page;
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static int width(String svg) throws Exception {
        return Integer.parseInt(xml(svg).getDocumentElement().getAttribute("width"));
    }

}
