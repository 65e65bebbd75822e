package dev.resumesite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resumesite.testing.TestApp;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads of {@code /resume.pdf} are counted by the page's honest-counting rules on their own
 * counter: once per reader within the reload window, never for robots, prefetches, {@code HEAD} or
 * the versioned file itself, always for a test browser carrying the test token; and never as page views.
 */
@Tag("integration")
class PdfDownloadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEST_TOKEN = "pdf-downloads-test-token";
    private static final String ROBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static final String OTHER_BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.5 Safari/605.1.15";

    @TempDir
    Path dataDir;

    @Test
    void each_reader_counts_once_in_the_reload_window_robots_and_prefetches_never_and_views_stay_apart() throws IOException {
        try (TestApp app = TestApp.start(TestApp.patient(Map.of("DATA_DIR", dataDir.toString(),
                "RELOAD_WINDOW_MINUTES", "30", "STATS_REFRESH_SECONDS", "0", "COUNT_TEST_TOKEN", TEST_TOKEN)))) {
            String versioned = app.getBytes("/resume.pdf").headers().firstValue("Location").orElseThrow(); // 1
            app.getBytes("/resume.pdf");                                   // a reload
            app.getBytes("/resume.pdf?paper=letter");                      // the same reader, other paper
            app.getBytes(versioned);                                       // the file itself
            app.send("HEAD", "/resume.pdf");
            send(app, "/resume.pdf", "User-Agent", ROBOT);
            send(app, "/resume.pdf", "User-Agent", OTHER_BROWSER, "Sec-Purpose", "prefetch");
            send(app, "/resume.pdf", "User-Agent", ROBOT, "Cookie", PageViews.TEST_COOKIE + "=" + TEST_TOKEN); // 2
            send(app, "/resume.pdf", "User-Agent", OTHER_BROWSER);         // 3

            JsonNode totals = JSON.readTree(app.get("/stats.json").body()).get("totals");
            assertEquals(3, totals.get("downloads").asLong(), totals.toString());
            assertEquals(0, totals.get("views").asLong(), "downloads are not page views: " + totals);
            assertEquals(0, app.storedCount());
        }
    }

    @Test
    void the_page_links_both_papers_without_script_and_a_download_leaves_the_page_count_alone() {
        try (TestApp app = TestApp.start(TestApp.patient(Map.of("DATA_DIR", dataDir.toString())))) {
            Document page = Jsoup.parse(app.get("/").body());

            assertEquals("Download PDF", page.selectFirst("a[href=/resume.pdf][type=application/pdf]").text());
            assertEquals("US Letter paper", page.selectFirst("a[href=/resume.pdf?paper=letter]").text());
            assertEquals(303, app.getBytes("/resume.pdf").statusCode());
            assertEquals(1, app.storedCount());
        }
    }

    private static void send(TestApp app, String path, String... headers) {
        HttpResponse<String> response = app.send(HttpRequest.newBuilder(app.uri(path)).headers(headers).GET().build());
        assertEquals(303, response.statusCode(), path);
    }
}
