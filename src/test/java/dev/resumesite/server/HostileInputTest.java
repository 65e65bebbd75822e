package dev.resumesite.server;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.RawHttp;
import dev.resumesite.testing.RawHttp.Response;
import dev.resumesite.testing.TestApp;
import dev.resumesite.web.HttpPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input over a raw socket, byte for byte as an attacker would send it. For every case: the
 * statuses, the shape of each body, our headers on every response, the stored count moved only by
 * genuine page views, and the server still answers a normal request afterwards.
 */
@Tag("integration")
class HostileInputTest {
    @TempDir
    static Path dataDir;
    static TestApp app;
    static int port;

    @BeforeAll
    static void boot() {
        // Loopback is a trusted proxy here, so forwarded-address cases reach the code that reads them.
        // TestApp counts every genuine view (no reload window), so a count that should not move would
        // show; patient, so a page on a busy machine still shows its exact number.
        app = TestApp.start(TestApp.patient(Map.of("DATA_DIR", dataDir.toString(), "TRUSTED_PROXIES", "127.0.0.1/32")));
        port = app.uri("/").getPort();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** What a response body must look like. */
    enum Shape {
        /** The counted resume page. */
        PAGE,
        /** The designed HTML error page. */
        ERROR_PAGE,
        /** The API's small JSON error. */
        JSON_ERROR,
        /** A redirect with an empty body. */
        REDIRECT,
        /** 200 with an empty body ({@code OPTIONS}). */
        EMPTY,
        /** Any successful JSON or asset answer of a route that never counts. */
        OTHER
    }

    record Expected(int status, Shape shape) {
    }

    static Expected e(int status, Shape shape) {
        return new Expected(status, shape);
    }

    static Arguments hostile(String name, String request, int countDelta, Expected... responses) {
        return Arguments.of(name, request, countDelta, List.of(responses));
    }

    /**
     * Host, a browser's User-Agent and a navigation's headers: every hostile request would count if it got
     * through as a page view.
     */
    private static final String H = "Host: resume.example\r\nUser-Agent: " + TestApp.BROWSER + "\r\n" + TestApp.NAVIGATION_LINES;
    private static final String HIDDEN_PAGE_VIEW = request("GET /");

    /** An HTTP/1.1 request with {@link #H} and any further header lines, each ending in CRLF. */
    static String request(String methodAndTarget, String... headerLines) {
        return methodAndTarget + " HTTP/1.1\r\n" + H + String.join("", headerLines) + "\r\n";
    }

    /** {@code POST /api/views} as the site's own script sends it, with {@code body} (ISO-8859-1 characters as bytes). */
    static String apiPost(String body, String... headerLines) {
        return "POST /api/views HTTP/1.1\r\nHost: resume.example\r\nUser-Agent: " + TestApp.BROWSER + "\r\n"
                + "Content-Type: application/json\r\nSec-Fetch-Site: same-origin\r\nSec-Fetch-Mode: cors\r\nSec-Fetch-Dest: empty\r\n"
                + String.join("", headerLines)
                + (headerLines.length == 0 ? "Content-Length: " + body.length() + "\r\n" : "") + "\r\n" + body;
    }

    /** {@code body} as one chunk and the last chunk. */
    static String chunked(String body) {
        return Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
    }

    /** UTF-16 (little-endian, with its byte-order mark) as ISO-8859-1 characters, one per byte. */
    static String utf16(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // Traversal, in every encoding.
                hostile("traversal plain", request("GET /../../etc/passwd"), 0, e(400, Shape.ERROR_PAGE)),
                hostile("traversal encoded dots", request("GET /%2e%2e/%2e%2e/etc/passwd"), 0, e(400, Shape.ERROR_PAGE)),
                hostile("traversal encoded slash", request("GET /assets/..%2f..%2fpom.xml"), 0, e(400, Shape.ERROR_PAGE)),
                hostile("traversal encoded backslash", request("GET /assets/..%5c..%5cpom.xml"), 0, e(400, Shape.ERROR_PAGE)),
                hostile("traversal raw backslash", request("GET /assets/..\\..\\pom.xml"), 0, e(400, Shape.ERROR_PAGE)),
                hostile("traversal double encoded", request("GET /assets/%252e%252e/pom.xml"), 0, e(404, Shape.ERROR_PAGE)),
                hostile("traversal overlong utf-8", request("GET /assets/%c0%ae%c0%ae/pom.xml"), 0, e(400, Shape.ERROR_PAGE)),
                hostile("traversal with path parameter", request("GET /assets/..;/..;/pom.xml"), 0, e(400, Shape.ERROR_PAGE)),
                hostile("traversal inside the site", request("GET /assets/../pom.xml"), 0, e(301, Shape.REDIRECT)),
                // Request smuggling shapes: the hidden GET / must never run.
                hostile("CL.TE", "POST /healthz HTTP/1.1\r\n" + H + "Content-Length: 40\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "0\r\n\r\nGET / HTTP/1.1\r\n" + H + "\r\n", 0, e(405, Shape.ERROR_PAGE)),
                hostile("TE.CL", "POST /healthz HTTP/1.1\r\n" + H + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(HIDDEN_PAGE_VIEW.length()) + "\r\n" + HIDDEN_PAGE_VIEW + "\r\n0\r\n\r\n", 0, e(405, Shape.ERROR_PAGE)),
                hostile("TE obfuscated", request("POST /api/views", "Transfer-Encoding: xchunked\r\n"), 0, e(501, Shape.JSON_ERROR)),
                hostile("TE with space before colon", "POST /api/views HTTP/1.1\r\n" + H + "Transfer-Encoding : chunked\r\nContent-Length: 3\r\n\r\nabc", 0,
                        e(400, Shape.JSON_ERROR)),
                hostile("two differing Content-Lengths", request("POST /api/views", "Content-Length: 0\r\nContent-Length: 30\r\n"), 0,
                        e(400, Shape.JSON_ERROR)),
                hostile("signed Content-Length", request("POST /api/views", "Content-Length: +0\r\n"), 0, e(400, Shape.JSON_ERROR)),
                hostile("folded Transfer-Encoding smuggles a request", "POST /api/views HTTP/1.1\r\n" + H + "Content-Length: 4\r\nX-A: b\r\n"
                        + " Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET / HTTP/1.1\r\n" + H + "\r\n", 0, e(400, Shape.JSON_ERROR)),
                hostile("folded header with a tab", request("GET /", "Purpose: none\r\n\tprefetch\r\n"), 0, e(400, Shape.ERROR_PAGE)),
                // Sizes.
                hostile("oversized URI", "GET /" + "a".repeat(HttpPolicy.MAX_HEADER_BYTES + 100) + " HTTP/1.1\r\n" + H + "\r\n", 0,
                        e(400, Shape.ERROR_PAGE)),
                hostile("oversized header", "GET / HTTP/1.1\r\n" + H + "X-Big: " + "a".repeat(HttpPolicy.MAX_HEADER_BYTES + 100) + "\r\n\r\n", 0,
                        e(400, Shape.ERROR_PAGE)),
                hostile("too many headers", "GET / HTTP/1.1\r\n" + H + "X-A: a\r\n".repeat(HttpPolicy.MAX_HEADER_COUNT + 1) + "\r\n", 0,
                        e(400, Shape.ERROR_PAGE)),
                hostile("oversized API body", "POST /api/views HTTP/1.1\r\n" + H + "Content-Length: " + (HttpPolicy.MAX_BODY_BYTES + 1) + "\r\n\r\n"
                        + "x".repeat(HttpPolicy.MAX_BODY_BYTES + 1), 0, e(413, Shape.JSON_ERROR)),
                hostile("oversized API body, declared 1 MB", "POST /api/views HTTP/1.1\r\n" + H + "Content-Length: 1048576\r\n\r\n"
                        + "x".repeat(4096), 0, e(413, Shape.JSON_ERROR)),
                hostile("oversized chunked API body", "POST /api/views HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n"
                        + ("400\r\n" + "x".repeat(1024) + "\r\n").repeat(3) + "0\r\n\r\n", 0, e(413, Shape.JSON_ERROR)),
                // Invalid percent-encoding and UTF-8.
                hostile("invalid percent-encoding", request("GET /%zz"), 0, e(400, Shape.ERROR_PAGE)),
                hostile("truncated percent-encoding", request("GET /%"), 0, e(400, Shape.ERROR_PAGE)),
                hostile("encoded NUL", request("GET /%00"), 0, e(400, Shape.ERROR_PAGE)),
                hostile("invalid UTF-8 in the path", request("GET /%c3%28"), 0, e(400, Shape.ERROR_PAGE)),
                hostile("raw non-ASCII byte in the path", request("GET /\u00ff"), 0, e(400, Shape.ERROR_PAGE)),
                hostile("control character in Accept-Encoding", request("GET /", "Accept-Encoding: gz\u0000ip\r\n"), 0,
                        e(400, Shape.ERROR_PAGE)),
                hostile("raw NUL in a header", request("GET /", "X-A: a\u0000b\r\n"), 0, e(400, Shape.ERROR_PAGE)),
                // Method games.
                hostile("TRACE", request("TRACE /"), 0, e(405, Shape.ERROR_PAGE)),
                hostile("unknown method", request("TRACK /"), 0, e(501, Shape.ERROR_PAGE)),
                hostile("lower-case get", "get / HTTP/1.1\r\n" + H + "\r\n", 0, e(501, Shape.ERROR_PAGE)),
                hostile("CONNECT", "CONNECT resume.example:443 HTTP/1.1\r\nHost: resume.example:443\r\n\r\n", 0, e(501, Shape.ERROR_PAGE)),
                hostile("PUT on the page", request("PUT /", "Content-Length: 0\r\n"), 0, e(405, Shape.ERROR_PAGE)),
                hostile("DELETE on the API", request("DELETE /api/views"), 0, e(405, Shape.JSON_ERROR)),
                hostile("method override header", request("GET /api/views", "X-HTTP-Method-Override: POST\r\n"), 0, e(200, Shape.OTHER)),
                hostile("HEAD on the page", request("HEAD /"), 0, e(200, Shape.EMPTY)),
                hostile("OPTIONS on the page", request("OPTIONS /"), 0, e(200, Shape.EMPTY)),
                hostile("OPTIONS on a path that is not there", request("OPTIONS /wp-admin/"), 0, e(404, Shape.ERROR_PAGE)),
                hostile("OPTIONS *", request("OPTIONS *"), 0, e(200, Shape.EMPTY)),
                // Behind the (trusted) proxy a servlet's own OPTIONS answer would list TRACE.
                hostile("CORS-preflight-shaped OPTIONS on the page", request("OPTIONS /", "Origin: https://evil.example\r\n"
                        + "Access-Control-Request-Method: POST\r\n"), 0, e(200, Shape.EMPTY)),
                hostile("GET *", request("GET *"), 0, e(400, Shape.ERROR_PAGE)),
                // Protocol versions.
                hostile("HTTP/0.9", "GET /\r\n\r\n", 0, e(400, Shape.OTHER)),
                hostile("damaged request line read as HTTP/0.9", "GET /\r\nPurpose: prefetch\r\n\r\n", 0, e(400, Shape.OTHER)),
                hostile("HTTP/1.2", "GET / HTTP/1.2\r\n" + H + "\r\n", 0, e(505, Shape.ERROR_PAGE)),
                // Tomcat recognises the preface of HTTP/2 (which it does not speak here) and closes without a word.
                hostile("HTTP/2 preface over HTTP/1.1", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 0),
                hostile("request line with extra words", "GET / HTTP/1.1 extra\r\n" + H + "\r\n", 0, e(400, Shape.ERROR_PAGE)),
                // Host games.
                hostile("missing Host", "GET / HTTP/1.1\r\n\r\n", 0, e(400, Shape.ERROR_PAGE)),
                hostile("two Hosts", request("GET /", "Host: evil.example\r\n"), 0, e(400, Shape.ERROR_PAGE)),
                hostile("Host port out of range", "GET / HTTP/1.1\r\nHost: resume.example:99999\r\n\r\n", 0, e(400, Shape.ERROR_PAGE)),
                hostile("Host with user information", "GET / HTTP/1.1\r\nHost: user@resume.example\r\n\r\n", 0, e(400, Shape.ERROR_PAGE)),
                hostile("Host with a space", "GET / HTTP/1.1\r\nHost: resume example\r\n\r\n", 0, e(400, Shape.ERROR_PAGE)),
                hostile("absolute form with user information", request("GET http://user:pw@resume.example/"), 0,
                        e(400, Shape.ERROR_PAGE)),
                hostile("absolute form with user information, no path", request("GET http://user@resume.example"), 0,
                        e(400, Shape.ERROR_PAGE)),
                hostile("absolute form for another host", request("GET http://evil.example/"), 0, e(400, Shape.ERROR_PAGE)),
                // Header injection: nothing from the request may become a response header.
                hostile("CRLF in the path", request("GET /nope%0d%0aSet-Cookie:%20a=b"), 0, e(301, Shape.REDIRECT)),
                hostile("CRLF in the path, canonically encoded", request("GET /nope%0D%0ASet-Cookie:%20a=b"), 0,
                        e(404, Shape.ERROR_PAGE)),
                hostile("CRLF in a redirect", request("GET /./%0d%0aSet-Cookie:%20a=b"), 0, e(301, Shape.REDIRECT)),
                hostile("bare CR in a header value", request("GET /healthz", "X-A: a\rSet-Cookie: a=b\r\n"), 0, e(400, Shape.ERROR_PAGE)),
                // Absurd ranges are ignored, not computed.
                hostile("thousand ranges", "GET /favicon.ico HTTP/1.1\r\n" + H + "Range: bytes=" + "0-0,".repeat(1000) + "1-1\r\n\r\n", 0,
                        e(200, Shape.OTHER)),
                hostile("huge range", request("GET /favicon.ico", "Range: bytes=99999999999999999999-\r\n"), 0, e(200, Shape.OTHER)),
                // Non-canonical spellings of the page are redirected, never shown uncounted.
                hostile("session id in the path", request("GET /;jsessionid=ABC"), 0, e(301, Shape.REDIRECT)),
                hostile("double slash", request("GET //"), 0, e(301, Shape.REDIRECT)),
                hostile("dot segment", request("GET /./"), 0, e(301, Shape.REDIRECT)),
                hostile("percent-encoded API path", request("POST /%61pi/views", "Content-Length: 0\r\n"), 0, e(308, Shape.REDIRECT)),
                // JSON two parsers could read differently is refused; a chunked body reads like a sized one.
                hostile("duplicate key in a JSON body", apiPost("{\"a\":1,\"a\":2}"), 0, e(400, Shape.JSON_ERROR)),
                hostile("trailing garbage after a JSON body", apiPost("{} {}"), 0, e(400, Shape.JSON_ERROR)),
                hostile("UTF-16 JSON body", apiPost(utf16("\ufeff{}")), 0, e(400, Shape.JSON_ERROR)),
                hostile("UTF-16 JSON body without a byte-order mark", apiPost(utf16("{}")), 0, e(400, Shape.JSON_ERROR)),
                hostile("invalid UTF-8 in a JSON body", apiPost("{\"a\":\"\u00c3\u0028\"}"), 0, e(400, Shape.JSON_ERROR)),
                hostile("chunked JSON body counts like a sized one", apiPost(chunked("{}"), "Transfer-Encoding: chunked\r\n"), 1,
                        e(200, Shape.OTHER)),
                hostile("chunked JSON body with trailing garbage", apiPost(chunked("{}x"), "Transfer-Encoding: chunked\r\n"), 0,
                        e(400, Shape.JSON_ERROR)),
                // Genuine page views, spelled oddly but correctly, count once each.
                hostile("malformed X-Forwarded-For hop from a trusted proxy", request("GET /", "X-Forwarded-For: 999.1.1.7\r\n"), 1,
                        e(200, Shape.PAGE)),
                hostile("prefetch does not count", request("GET /", "Sec-Purpose: prefetch\r\n"), 0, e(200, Shape.PAGE)),
                hostile("pipelined page views count once each", "GET / HTTP/1.1\r\n" + H + "\r\nGET / HTTP/1.1\r\n" + H + "\r\n", 2,
                        e(200, Shape.PAGE), e(200, Shape.PAGE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostile_input_gets_the_right_answer_our_headers_and_no_count(String name, String request, int countDelta,
            List<Expected> expected) {
        long before = app.storedCount();
        List<Response> responses = RawHttp.exchange(port, request);

        List<Integer> statuses = new ArrayList<>();
        responses.forEach(r -> statuses.add(r.status()));
        assertEquals(expected.stream().map(Expected::status).toList(), statuses, name + ": statuses; got " + firstRaw(responses));
        for (int i = 0; i < responses.size(); i++) {
            assertWellFormed(request, responses.get(i), expected.get(i));
        }
        assertEquals(before + countDelta, app.storedCount(), name + ": the stored count moved only by genuine page views");
        assertEquals(200, RawHttp.exchange(port, request("GET /healthz", "Connection: close\r\n")).get(0).status(),
                "the server still answers after " + name);
    }

    @Test
    void behind_an_https_proxy_every_answer_carries_hsts_and_the_site_files_name_no_plain_port() {
        String https = "X-Forwarded-Proto: https\r\n";
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("page", request("GET /", https));
        answers.put("not found", request("GET /nope", https));
        answers.put("the adapter's redirect", request("GET /./", https));
        answers.put("the adapter's OPTIONS", request("OPTIONS /", https));
        answers.put("the adapter's OPTIONS *", request("OPTIONS *", https));
        answers.put("the adapter's 400", request("GET http://user@resume.example/", https));
        answers.put("Tomcat's own 400 for a header", request("GET /", https, "X-A: a\u0000b\r\n"));
        answers.put("Tomcat's own 405", request("TRACE /", https));
        answers.put("Tomcat's own 400 for too many headers", request("GET /", https, "X-A: a\r\n".repeat(HttpPolicy.MAX_HEADER_COUNT)));
        answers.put("Tomcat's own 400 for a bare CR", request("GET /", https, "X-A: a\rb\r\n"));
        answers.put("Tomcat's own 400 for a folded line", request("GET /", https, "X-A: a\r\n\tb\r\n"));
        answers.put("Tomcat's own 501 for an unknown transfer coding", request("POST /api/views", https, "Transfer-Encoding: xchunked\r\n"));
        answers.put("Tomcat's own 505", "GET / HTTP/1.2\r\n" + H + https + "\r\n");
        answers.put("the adapter's 308", request("POST /%61pi/views", https, "Content-Length: 0\r\n"));
        answers.put("the adapter's CORS-shaped OPTIONS", request("OPTIONS /", https, "Origin: https://evil.example\r\n",
                "Access-Control-Request-Method: POST\r\n"));
        answers.put("the API's refused preflight", request("OPTIONS /api/hits", https, "Origin: https://evil.example\r\n",
                "Access-Control-Request-Method: POST\r\n"));
        answers.put("the body limit's 413", request("POST /api/views", https, "Content-Length: " + (HttpPolicy.MAX_BODY_BYTES + 1) + "\r\n")
                + "x".repeat(HttpPolicy.MAX_BODY_BYTES + 1));
        answers.put("a 304", request("GET /badge.svg", https, "If-None-Match: *\r\n"));
        for (Map.Entry<String, String> answer : answers.entrySet()) {
            Response response = RawHttp.exchange(port, answer.getValue()).get(0);
            assertEquals(HttpPolicy.HSTS, response.header("Strict-Transport-Security"),
                    answer.getKey() + " (" + response.status() + ") carries HSTS");
        }
        assertNull(RawHttp.exchange(port, request("GET /./")).get(0).header("Strict-Transport-Security"),
                "plain HTTP, as the proxy says: no HSTS");
        String sitemap = RawHttp.exchange(port, request("GET /sitemap.xml", https)).get(0).body();
        assertTrue(sitemap.contains("<loc>https://resume.example/</loc>"), sitemap);
        String robots = RawHttp.exchange(port, request("GET /robots.txt", https)).get(0).body();
        assertTrue(robots.contains("Sitemap: https://resume.example/sitemap.xml"), robots);
    }

    @Test
    void a_normal_page_is_served_and_counted_after_all_of_it() {
        long before = app.storedCount();
        Response page = RawHttp.exchange(port, request("GET /", "Connection: close\r\n")).get(0);
        assertEquals(200, page.status());
        assertEquals(before + 1, TestApp.countInPage(page.body()));
    }

    private static String firstRaw(List<Response> responses) {
        return responses.isEmpty() ? "nothing" : responses.get(0).raw().lines().limit(1).findFirst().orElse("");
    }

    private static void assertWellFormed(String request, Response response, Expected expected) {
        String body = response.body();
        assertAll(
                () -> HttpPolicy.SECURITY_HEADERS.forEach((header, value) ->
                        assertEquals(value, response.header(header), header + " on " + response.status())),
                () -> assertNotNull(response.header("Cache-Control"), "Cache-Control on " + response.status()),
                () -> assertNull(response.header("Set-Cookie"), "no header made from the request"),
                () -> assertFalse(body.contains("Apache Tomcat") || body.contains("Exception") || body.contains("\tat "),
                        "no server version or stack trace"),
                () -> assertFalse(body.contains("root:") || body.contains("<project"), "no file from outside the site"));
        if (response.status() >= 400 || response.status() / 100 == 3) {
            assertEquals(HttpPolicy.NO_STORE, response.header("Cache-Control"), "errors and redirects are never stored");
        }
        if (response.status() == 405) {
            assertNotNull(response.header("Allow"), "every 405 says what is allowed");
            assertFalse(response.header("Allow").contains("TRACE"), "TRACE is never allowed");
        }
        switch (expected.shape()) {
            case PAGE -> assertTrue(body.contains("id=\"visitor-count\""), "the resume page");
            case ERROR_PAGE -> assertTrue(body.startsWith("<!DOCTYPE html>") && body.contains("Error " + response.status()),
                    "the designed error page for " + response.status() + ": " + body.lines().limit(3).toList());
            case JSON_ERROR -> assertEquals("{\"error\":", body.substring(0, Math.min(9, body.length())), "JSON error: " + body);
            case REDIRECT -> {
                String location = response.header("Location");
                assertNotNull(location, "a redirect has a Location");
                assertTrue(location.startsWith("/") && !location.startsWith("//") && !location.contains("\r") && !location.contains("\n"),
                        "the redirect stays on this site: " + location);
                assertEquals("", body);
            }
            case EMPTY -> assertEquals("", body);
            case OTHER -> assertTrue(response.status() < 500, "no server error");
        }
        if (response.status() == 200 && expected.shape() == Shape.EMPTY && request.startsWith("OPTIONS")) {
            assertFalse(response.header("Allow").contains("PUT") || response.header("Allow").contains("DELETE")
                    || response.header("Allow").contains("TRACE"), "an honest Allow: " + response.header("Allow"));
        }
    }
}
