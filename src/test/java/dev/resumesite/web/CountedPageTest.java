package dev.resumesite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.TestApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site over real HTTP on the embedded store: what counts, what does not, and the headers. */
@Tag("integration")
class CountedPageTest {
    @TempDir
    static Path dataDir;
    static TestApp app;

    @BeforeAll
    static void boot() {
        app = TestApp.embedded(dataDir);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void page_view_increments_count_by_exactly_one_and_shows_it_in_the_html() {
        long before = app.storedCount();
        HttpResponse<String> first = app.get("/");
        HttpResponse<String> second = app.get("/");
        assertEquals(200, first.statusCode());
        assertEquals(before + 1, TestApp.countInPage(first.body()));
        assertEquals(before + 2, TestApp.countInPage(second.body()));
        assertEquals(before + 2, app.storedCount());
    }

    @Test
    void the_counter_text_is_the_formatted_number() {
        String html = app.get("/").body();
        long count = TestApp.countInPage(html);
        Matcher text = Pattern.compile("id=\"visitor-count\"[^>]*>([^<]*)<").matcher(html);
        assertTrue(text.find(), "counter element text");
        assertEquals(String.format(java.util.Locale.US, "%,d", count), text.group(1).trim());
    }

    @Test
    void the_page_has_no_script_and_no_inline_handlers() {
        String html = app.get("/").body();
        assertFalse(html.contains("<script"), "no <script>");
        assertFalse(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no on*= handlers");
    }

    @Test
    void the_page_is_never_cached_and_carries_the_security_headers() {
        HttpResponse<String> page = app.get("/");
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        HttpPolicy.SECURITY_HEADERS.forEach((name, value) ->
                assertEquals(value, page.headers().firstValue(name).orElse(null), name));
    }

    @Test
    void requests_that_are_not_page_views_leave_the_count_alone() {
        long before = app.storedCount();
        String stylesheet = linkedStylesheet(app.get("/").body());
        long afterOneView = before + 1;
        assertEquals(200, app.send("HEAD", "/").statusCode());
        assertEquals(200, app.get("/healthz").statusCode());
        assertEquals(200, app.get("/api/views").statusCode());
        assertEquals(200, app.get(stylesheet).statusCode());
        assertEquals(200, app.get("/favicon.ico").statusCode());
        assertEquals(404, app.get("/index.html").statusCode());
        assertEquals(404, app.get("/wp-login.php").statusCode());
        assertEquals(405, app.send("POST", "/").statusCode());
        assertEquals(405, app.send("DELETE", "/api/views").statusCode());
        assertEquals(200, app.send(TestApp.navigation(app.uri("/")).header("Sec-Purpose", "prefetch").build()).statusCode());
        assertEquals(afterOneView, app.storedCount());
    }

    @Test
    void api_get_reads_and_post_counts_without_caching() {
        long before = app.storedCount();
        HttpResponse<String> read = app.get("/api/views");
        assertTrue(read.body().matches("\\{\"views\":" + before + ",\"visitors\":[01]}"), read.body());
        assertEquals("no-store", read.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(read.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        HttpResponse<String> counted = app.send(TestApp.browser(app.uri("/api/views"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(200, counted.statusCode());
        assertEquals("{\"views\":" + (before + 1) + ",\"visitors\":1}", counted.body(), "one client is one visitor");
        assertEquals("no-store", counted.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(before + 1, app.storedCount());
    }

    @Test
    void health_reports_the_store_as_up() {
        HttpResponse<String> health = app.get("/healthz");
        assertEquals(200, health.statusCode());
        assertTrue(health.body().startsWith("{\"status\":\"ok\",\"store\":\"up\",\"pending\":0,"), health.body());
    }

    @Test
    void assets_are_served_under_fingerprinted_urls_with_an_immutable_cache() {
        String stylesheet = linkedStylesheet(app.get("/").body());
        assertTrue(stylesheet.matches("/assets/site\\.[0-9a-f]{8}\\.css"), stylesheet);
        HttpResponse<String> css = app.get(stylesheet);
        assertEquals(HttpPolicy.IMMUTABLE, css.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(css.headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"));
        String etag = css.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> revalidated = app.send(TestApp.browser(app.uri(stylesheet)).header("If-None-Match", etag).build());
        assertEquals(304, revalidated.statusCode());
    }

    @Test
    void a_stale_or_unknown_fingerprint_is_not_found() {
        assertEquals(404, app.get("/assets/site.00000000.css").statusCode());
        assertEquals(404, app.get("/assets/site.css").statusCode());
        // A dot segment is a non-canonical spelling: redirected to the path it means, which is not there either.
        HttpResponse<String> traversal = app.get("/assets/../pom.xml");
        assertEquals(301, traversal.statusCode());
        assertEquals("/pom.xml", traversal.headers().firstValue("Location").orElseThrow());
        assertEquals(404, app.get("/pom.xml").statusCode());
    }

    @Test
    void error_pages_do_not_reveal_the_server_software() {
        HttpResponse<String> error = app.send("POST", "/");
        // The site's footer names Tomcat on every page; what must not appear is Tomcat's own report and version.
        assertFalse(error.body().contains("Apache Tomcat") || error.body().contains("Tomcat/"), error.body());
        assertEquals("no-store", error.headers().firstValue("Cache-Control").orElseThrow());
    }

    static String linkedStylesheet(String html) {
        Matcher m = Pattern.compile("<link[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"|<link[^>]*href=\"([^\"]+\\.css)\"").matcher(html);
        assertTrue(m.find(), "the page links a stylesheet");
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
