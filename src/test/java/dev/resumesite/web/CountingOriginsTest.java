package dev.resumesite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.Dynalite;
import dev.resumesite.testing.DynaliteExtension;
import dev.resumesite.testing.TestApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counting APIs against requests as browsers send them: a listed origin's page counts through
 * {@code /api/hits} (per path and in the site's totals) under the honest-counting rules; a page on
 * any other origin, a form, an image-like {@code no-cors} request or a wrong content type counts nothing.
 */
@Tag("integration")
@ExtendWith(DynaliteExtension.class)
class CountingOriginsTest {
    private static final String BLOG = "https://blog.example.com";
    private static final String EVIL = "https://evil.example";

    @TempDir
    static Path dataDir;
    static TestApp app;
    /** Each test is another visitor (a trusted proxy reports the address), so rate limits and reloads do not leak between tests. */
    static int nextVisitor = 1;

    @BeforeAll
    static void boot() {
        app = TestApp.start(TestApp.patient(Map.of("DATA_DIR", dataDir.toString(), "ALLOWED_ORIGINS", BLOG,
                "RELOAD_WINDOW_MINUTES", "30", "HITS_PER_MINUTE", "5", "TRUSTED_PROXIES", "127.0.0.1/32,::1/128")));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String newVisitor() {
        int n = nextVisitor++;
        return "198.51.100." + n;
    }

    private static HttpResponse<String> post(String path, String visitor, String body, String... headers) {
        HttpRequest.Builder request = TestApp.browser(app.uri(path)).header("X-Forwarded-For", visitor)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return app.send(request.build());
    }

    /** A hit as a blog page's fetch() sends it. */
    private static HttpResponse<String> hit(String visitor, String path) {
        return post("/api/hits", visitor, "{\"path\":\"" + path + "\"}", "Origin", BLOG, "Content-Type", "application/json",
                "Sec-Fetch-Mode", "cors", "Sec-Fetch-Site", "cross-site");
    }

    private static long number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return Long.parseLong(m.group(1));
    }

    @Test
    void a_listed_origin_counts_a_path_and_the_site_and_may_read_the_answer() {
        String visitor = newVisitor();
        long siteBefore = app.storedCount();
        HttpResponse<String> first = hit(visitor, "/posts/hello/");
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("{\"path\":\"/posts/hello\",\"views\":1,\"visitors\":1,\"counted\":true}", first.body(),
                "a trailing slash is the same page");
        assertEquals(BLOG, first.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(first.headers().allValues("Vary").contains("Origin"));
        assertEquals(siteBefore + 1, app.storedCount(), "in the site's totals too");
        HttpResponse<String> other = hit(visitor, "/posts/second");
        assertEquals("{\"path\":\"/posts/second\",\"views\":1,\"visitors\":1,\"counted\":true}", other.body(),
                "another page by the same person is another view, and that page's new visitor");
        assertEquals(siteBefore + 2, app.storedCount());
    }

    @Test
    void a_reload_of_the_same_path_is_not_a_new_view_and_a_robot_is_never_counted() {
        String visitor = newVisitor();
        assertTrue(hit(visitor, "/posts/reloaded").body().contains("\"counted\":true"));
        long site = app.storedCount();
        HttpResponse<String> reload = hit(visitor, "/posts/reloaded");
        assertEquals("{\"path\":\"/posts/reloaded\",\"views\":1,\"visitors\":1,\"counted\":false}", reload.body());
        HttpResponse<String> robot = app.send(HttpRequest.newBuilder(app.uri("/api/hits"))
                .header("User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
                .header("X-Forwarded-For", newVisitor()).header("Origin", BLOG).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"/posts/reloaded\"}")).build());
        assertTrue(robot.body().contains("\"counted\":false"), robot.body());
        HttpResponse<String> prefetch = post("/api/hits", newVisitor(), "{\"path\":\"/posts/reloaded\"}", "Origin", BLOG,
                "Content-Type", "application/json", "Sec-Purpose", "prefetch;prerender");
        assertTrue(prefetch.body().contains("\"counted\":false"), prefetch.body());
        assertEquals(site, app.storedCount());
    }

    @Test
    void the_preflight_allows_exactly_the_listed_origin_and_never_everyone() {
        HttpResponse<String> allowed = app.send(TestApp.browser(app.uri("/api/hits")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", BLOG).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build());
        assertEquals(204, allowed.statusCode());
        assertEquals(BLOG, allowed.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("POST", allowed.headers().firstValue("Access-Control-Allow-Methods").orElseThrow());
        assertEquals("Content-Type", allowed.headers().firstValue("Access-Control-Allow-Headers").orElseThrow());
        for (String path : List.of("/api/hits", "/api/views")) {
            HttpResponse<String> refused = app.send(TestApp.browser(app.uri(path)).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", EVIL).header("Access-Control-Request-Method", "POST").build());
            assertEquals(403, refused.statusCode(), path);
            assertTrue(refused.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), path);
        }
    }

    @Test
    void no_page_on_another_origin_can_move_a_number() {
        long site = app.storedCount();
        String visitor = newVisitor();
        // What the issue measured: each of these used to add one.
        List<String[]> attempts = List.of(
                new String[] {"Origin", EVIL, "Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Site", "cross-site"},
                new String[] {"Origin", EVIL, "Content-Type", "text/plain", "Sec-Fetch-Mode", "no-cors", "Sec-Fetch-Site", "cross-site"},
                new String[] {"Origin", EVIL, "Content-Type", "multipart/form-data; boundary=x"},
                new String[] {"Origin", "null", "Content-Type", "application/json"},
                new String[] {"Origin", EVIL, "Content-Type", "application/json", "Sec-Fetch-Mode", "cors", "Sec-Fetch-Site", "cross-site"},
                new String[] {"Origin", BLOG, "Content-Type", "text/plain", "Sec-Fetch-Mode", "no-cors", "Sec-Fetch-Site", "cross-site"},
                new String[] {"Origin", "https://blog.example.com.evil.example", "Content-Type", "application/json"},
                new String[] {"Sec-Fetch-Site", "cross-site", "Content-Type", "application/json"});
        for (String path : List.of("/api/views", "/api/hits")) {
            for (String[] headers : attempts) {
                HttpResponse<String> response = post(path, visitor, "{\"path\":\"/posts/target\"}", headers);
                assertTrue(response.statusCode() == 403 || response.statusCode() == 415,
                        path + " " + String.join(" ", headers) + ": " + response.statusCode());
                assertTrue(response.headers().firstValue("Access-Control-Allow-Origin").isEmpty()
                        || response.headers().firstValue("Access-Control-Allow-Origin").orElseThrow().equals(BLOG));
            }
        }
        assertEquals(site, app.storedCount());
        assertTrue(hit(newVisitor(), "/posts/target").body().contains("\"views\":1,"), "the path was never counted before");
    }

    @Test
    void the_site_itself_and_a_listed_origin_may_count_through_api_views_with_json() {
        long site = app.storedCount();
        HttpResponse<String> own = post("/api/views", newVisitor(), "{}", "Content-Type", "application/json",
                "Sec-Fetch-Mode", "cors", "Sec-Fetch-Site", "same-origin", "Origin", app.uri("").toString());
        assertEquals(200, own.statusCode(), own.body());
        HttpResponse<String> listed = post("/api/views", newVisitor(), "", "Content-Type", "application/json; charset=utf-8",
                "Origin", BLOG, "Sec-Fetch-Mode", "cors", "Sec-Fetch-Site", "cross-site");
        assertEquals(200, listed.statusCode(), listed.body());
        assertEquals(BLOG, listed.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals(site + 2, app.storedCount());
        assertEquals(415, post("/api/views", newVisitor(), "{}", "Sec-Fetch-Site", "same-origin").statusCode(),
                "JSON only, even from the site itself");
    }

    @Test
    void a_visitor_asking_too_often_gets_429_with_retry_after_and_counts_nothing_more() {
        String visitor = newVisitor();
        for (int i = 1; i <= 5; i++) {
            assertEquals(200, hit(visitor, "/posts/many-" + i).statusCode());
        }
        long site = app.storedCount();
        HttpResponse<String> limited = hit(visitor, "/posts/many-6");
        assertEquals(429, limited.statusCode());
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(BLOG, limited.headers().firstValue("Access-Control-Allow-Origin").orElseThrow(), "the page may read why");
        assertTrue(limited.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("Retry-After"),
                "a cross-origin page can read Retry-After only when it is exposed");
        assertEquals(site, app.storedCount());
        assertTrue(hit(newVisitor(), "/posts/many-6").body().contains("\"views\":1,"), "the limited hit was not counted");
    }

    @Test
    void bad_bodies_and_paths_get_400_and_count_nothing() {
        long site = app.storedCount();
        String visitor = newVisitor();
        for (String body : List.of("not json", "[]", "{}", "{\"path\":3}", "{\"path\":\"no-slash\"}", "{\"path\":\"/a?b=c\"}",
                "{\"path\":\"/a#b\"}", "{\"path\":\"/a b\"}", "{\"path\":\"/../etc\"}", "{\"path\":\"//x\"}",
                "{\"path\":\"/" + "x".repeat(300) + "\"}")) {
            HttpResponse<String> response = post("/api/hits", visitor, body, "Origin", BLOG, "Content-Type", "application/json");
            assertEquals(400, response.statusCode(), body + ": " + response.body());
        }
        HttpResponse<String> huge = post("/api/hits", visitor, "{\"path\":\"/a\",\"pad\":\"" + "x".repeat(2000) + "\"}",
                "Origin", BLOG, "Content-Type", "application/json");
        assertEquals(413, huge.statusCode());
        assertEquals(site, app.storedCount());
    }

    @Test
    void a_path_has_one_spelling_and_parameters_or_broken_escapes_get_400() {
        assertEquals("{\"path\":\"/spelt\",\"views\":1,\"visitors\":1,\"counted\":true}", hit(newVisitor(), "/spelt").body());
        assertEquals("{\"path\":\"/spelt\",\"views\":2,\"visitors\":2,\"counted\":true}", hit(newVisitor(), "/%73pelt").body(),
                "an escaped unreserved letter is the same page");
        long site = app.storedCount();
        for (String path : List.of("/spelt;x", "/spelt%2", "/spelt%zz")) {
            HttpResponse<String> refused = hit(newVisitor(), path);
            assertEquals(400, refused.statusCode(), path + ": " + refused.body());
        }
        assertEquals(site, app.storedCount());
        assertTrue(hit(newVisitor(), "/spelt").body().contains("\"views\":3,"), "the refused spellings counted nothing");
    }

    @Test
    void without_listed_origins_nobody_may_use_the_hits_api() {
        try (TestApp closed = TestApp.embedded(dataDir.resolve("closed"))) {
            HttpResponse<String> response = closed.send(TestApp.browser(closed.uri("/api/hits")).header("Origin", BLOG)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"/a\"}")).build());
            assertEquals(403, response.statusCode());
            assertFalse(response.headers().firstValue("Access-Control-Allow-Origin").isPresent());
            assertEquals(0, closed.storedCount());
        }
    }

    @Test
    void an_origin_listed_with_its_default_port_counts_from_a_browser_whose_origin_names_none() {
        try (TestApp listedWithPort = TestApp.start(TestApp.patient(Map.of("DATA_DIR", dataDir.resolve("port").toString(),
                "ALLOWED_ORIGINS", BLOG + ":443")))) {
            HttpResponse<String> preflight = listedWithPort.send(TestApp.browser(listedWithPort.uri("/api/hits"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", BLOG)
                    .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type").build());
            assertEquals(204, preflight.statusCode());
            assertEquals(BLOG, preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            HttpResponse<String> counted = listedWithPort.send(TestApp.browser(listedWithPort.uri("/api/hits")).header("Origin", BLOG)
                    .header("Content-Type", "application/json").header("Sec-Fetch-Mode", "cors").header("Sec-Fetch-Site", "cross-site")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"/ported\"}")).build());
            assertEquals(200, counted.statusCode(), counted.body());
            assertEquals(BLOG, counted.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            assertEquals(1, listedWithPort.storedCount());
        }
    }

    @Test
    void on_dynamodb_a_hit_counts_per_path_and_in_the_site_and_a_reload_does_not(Dynalite dynalite) {
        try (TestApp onDynamo = TestApp.start(TestApp.patient(TestApp.with(
                TestApp.dynamoDbEnvironment(dynalite, "hits-" + java.util.UUID.randomUUID()),
                Map.of("ALLOWED_ORIGINS", BLOG, "RELOAD_WINDOW_MINUTES", "30", "TRUSTED_PROXIES", "127.0.0.1/32,::1/128"))))) {
            HttpRequest.Builder hit = TestApp.browser(onDynamo.uri("/api/hits")).header("X-Forwarded-For", "203.0.113.9")
                    .header("Origin", BLOG).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"/notes/2026/dynamo\"}"));
            assertEquals("{\"path\":\"/notes/2026/dynamo\",\"views\":1,\"visitors\":1,\"counted\":true}",
                    onDynamo.send(hit.build()).body());
            assertEquals("{\"path\":\"/notes/2026/dynamo\",\"views\":1,\"visitors\":1,\"counted\":false}",
                    onDynamo.send(hit.build()).body());
            assertEquals(1, onDynamo.storedCount());
            assertTrue(onDynamo.get("/api/views").body().endsWith("\"visitors\":1}"), "one visitor of the site");
        }
    }
}
