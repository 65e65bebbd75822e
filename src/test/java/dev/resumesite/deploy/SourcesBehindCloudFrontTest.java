package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resumesite.testing.Dynalite;
import dev.resumesite.testing.DynaliteExtension;
import dev.resumesite.testing.Poll;
import dev.resumesite.testing.RawHttp;
import dev.resumesite.testing.TestApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where readers come from, end to end: viewers reach the app (on DynamoDB, via dynalite) through the
 * CloudFront-like proxy, which reports their address and country as CloudFront does, and
 * {@code /stats.json} and {@code /stats} show exactly the sources and countries of the views that counted.
 */
@Tag("integration")
@ExtendWith(DynaliteExtension.class)
class SourcesBehindCloudFrontTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    @Test
    void two_viewers_from_two_countries_and_two_referrers_are_exact_rows_and_views_not_counted_are_none(Dynalite dynalite) {
        Map<String, String> env = TestApp.patient(TestApp.with(TestApp.dynamoDbEnvironment(dynalite, "sources-" + System.nanoTime()),
                Map.of("TRUSTED_PROXIES", "127.0.0.1/32", "RELOAD_WINDOW_MINUTES", "30", "STATS_REFRESH_SECONDS", "0",
                        "ADDRESS_MAX_VIEWS", "1")));
        try (TestApp app = TestApp.start(env); CloudFrontSimulation cloudFront = CloudFrontSimulation.start(app.uri(""), "")) {
            // A tagged link on a LinkedIn profile (the tag wins over the search engine the reader came through)...
            view(app, cloudFront, "/?ref=LinkedIn", "198.51.100.40:50001", "SE", "https://www.google.com/search?q=avery");
            // ...and a Hacker News thread, whose path and query are not kept.
            view(app, cloudFront, "/", "198.51.100.41:50002", "DE", "https://news.ycombinator.com/item?id=4242");
            // The first reader reloads (the tag does not make a new page or a new visitor); a robot follows a link.
            view(app, cloudFront, "/?ref=linkedin", "198.51.100.40:50003", "SE", "https://www.google.com/");
            view(app, cloudFront, "/?utm_source=newsletter", "198.51.100.42:50004", "FR", "https://bing.com/", GOOGLEBOT);
            // Neither does a second device on the first reader's address, past its budget of one view...
            view(app, cloudFront, "/?ref=budget", "198.51.100.40:50005", "SE", "https://bing.com/", TestApp.BROWSER + " Mobile");
            // ...nor a page that embeds ours (not a navigation).
            HttpRequest embedded = TestApp.browser(cloudFront.uri("/?ref=embed")).header("Sec-Fetch-Dest", "iframe")
                    .header(CloudFrontSimulation.VIEWER_ADDRESS_HEADER, "198.51.100.43:50006")
                    .header(CloudFrontSimulation.VIEWER_COUNTRY_HEADER, "NO").header("Referer", "https://bing.com/").build();
            assertEquals(200, app.send(embedded).statusCode());

            // Each page was answered once its view was stored; polled all the same, as a cold app may be slow.
            Poll.until(Duration.ofSeconds(10), "two views in /stats.json",
                    () -> json(app.get("/stats.json?days=7").body()).at("/totals/views").asLong() == 2);
            JsonNode stats = json(app.get("/stats.json?days=7").body());
            assertEquals(2, stats.at("/totals/visitors").asLong());
            assertEquals(json("[{\"source\":\"hacker news\",\"views\":1},{\"source\":\"linkedin\",\"views\":1}]"), stats.get("sources"));
            assertEquals(json("[{\"country\":\"DE\",\"views\":1},{\"country\":\"SE\",\"views\":1}]"), stats.get("countries"));

            String page = app.get("/stats?days=7").body();
            assertEquals(Map.of("hacker news", 1L, "linkedin", 1L), rows(page, "sources-table"));
            assertEquals(Map.of("DE", 1L, "SE", 1L), rows(page, "countries-table"));
            assertTrue(page.contains(">Sweden (SE)</th>"), page);
            assertEquals("source,views\r\nhacker news,1\r\nlinkedin,1\r\n", app.get("/stats.csv?rows=sources&days=7").body());
            assertEquals("country,views\r\nDE,1\r\nSE,1\r\n", app.get("/stats.csv?rows=countries&days=7").body());
        }
    }

    @Test
    void a_country_header_from_anyone_but_a_trusted_proxy_is_not_believed(@TempDir Path dataDir) {
        try (TestApp app = TestApp.start(TestApp.patient(Map.of("DATA_DIR", dataDir.toString(), "STATS_REFRESH_SECONDS", "0")))) {
            HttpRequest forged = TestApp.navigation(app.uri("/")).header("CloudFront-Viewer-Country", "SE")
                    .header("Referer", "https://github.com/avery").build();
            assertEquals(200, app.send(forged).statusCode());
            JsonNode stats = json(app.get("/stats.json?days=7").body());
            assertEquals(json("[{\"country\":\"unknown\",\"views\":1}]"), stats.get("countries"));
            assertEquals(json("[{\"source\":\"github\",\"views\":1}]"), stats.get("sources"));
        }
    }

    @Test
    void a_bad_rows_parameter_or_a_broken_tag_is_refused_and_counts_nothing(@TempDir Path dataDir) {
        try (TestApp app = TestApp.start(TestApp.patient(Map.of("DATA_DIR", dataDir.toString(), "STATS_REFRESH_SECONDS", "0")))) {
            assertEquals(400, app.get("/stats.csv?rows=referrers").statusCode());
            assertEquals(400, app.get("/stats.json?rows=sources").statusCode(), "the JSON always holds every table");
            RawHttp.Response broken = RawHttp.exchange(app.uri("").getPort(), "GET /?ref=%zz HTTP/1.1\r\nHost: resume.example\r\n"
                    + "User-Agent: " + TestApp.BROWSER + "\r\n" + TestApp.NAVIGATION_LINES + "Connection: close\r\n\r\n").get(0);
            assertEquals(400, broken.status(), "a tag with a broken escape: " + broken.raw());
            assertEquals(0, app.storedCount());
        }
    }

    private static void view(TestApp app, CloudFrontSimulation cloudFront, String path, String viewer, String country, String referer) {
        view(app, cloudFront, path, viewer, country, referer, TestApp.BROWSER);
    }

    private static void view(TestApp app, CloudFrontSimulation cloudFront, String path, String viewer, String country,
                             String referer, String userAgent) {
        HttpRequest request = TestApp.navigation(cloudFront.uri(path)).setHeader("User-Agent", userAgent)
                .header(CloudFrontSimulation.VIEWER_ADDRESS_HEADER, viewer)
                .header(CloudFrontSimulation.VIEWER_COUNTRY_HEADER, country)
                .header("Referer", referer).build();
        assertEquals(200, app.send(request).statusCode());
    }

    /** The rows of one breakdown table of the page: value -> the views it shows. */
    private static Map<String, Long> rows(String page, String tableId) {
        Matcher table = Pattern.compile("<table[^>]*id=\"" + tableId + "\".*?</table>", Pattern.DOTALL).matcher(page);
        assertTrue(table.find(), "no table " + tableId + " in " + page);
        Matcher row = Pattern.compile("<tr data-value=\"([^\"]+)\">.*?data-count=\"(\\d+)\"", Pattern.DOTALL).matcher(table.group());
        Map<String, Long> rows = new TreeMap<>();
        while (row.find()) {
            rows.put(row.group(1), Long.parseLong(row.group(2)));
        }
        return rows;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(text, e);
        }
    }
}
