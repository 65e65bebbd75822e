package dev.resumesite.testing;

import dev.resumesite.App;
import dev.resumesite.config.AppConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real application wiring, booted in-process on a free port, with a small HTTP client for tests. */
public final class TestApp implements AutoCloseable {
    private static final Pattern COUNTER_TAG = Pattern.compile("<[^>]*\\bid=\"visitor-count\"[^>]*>");
    private static final Pattern DATA_COUNT = Pattern.compile("\\bdata-count=\"(\\d+)\"");

    private final App app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A real browser's user agent (Firefox 133 on Linux): requests without one are robots and not counted. */
    public static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    private TestApp(Map<String, String> env) {
        Map<String, String> withPort = new HashMap<>(COUNT_EVERY_REQUEST);
        withPort.putAll(env);
        withPort.put("PORT", "0");
        app = App.assemble(AppConfig.fromEnvironment(withPort)).start();
    }

    /**
     * Tests of the counting machinery send many views from one client, so by default every request
     * counts (no reload window, no address budget to speak of); tests of honest counting set
     * RELOAD_WINDOW_MINUTES and the ADDRESS_ settings themselves.
     */
    public static final Map<String, String> COUNT_EVERY_REQUEST = Map.of("RELOAD_WINDOW_MINUTES", "0",
            "ADDRESS_MAX_VIEWS", "1000000", "ADDRESS_MAX_VISITORS", "1000000");

    /**
     * What Firefox 133 sends besides its user agent when a reader opens the page in a tab: an Accept that
     * asks for HTML and the Fetch metadata of a navigation. Only such a request counts as a page view.
     */
    public static final Map<String, String> NAVIGATION = Map.of(
            "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Sec-Fetch-Dest", "document",
            "Sec-Fetch-Mode", "navigate",
            "Sec-Fetch-Site", "none",
            "Sec-Fetch-User", "?1");

    /** {@link #NAVIGATION} as raw header lines, each ending in CRLF, for tests that write bytes. */
    public static final String NAVIGATION_LINES = NAVIGATION.entrySet().stream()
            .map(header -> header.getKey() + ": " + header.getValue() + "\r\n").sorted().reduce("", String::concat);

    /** A request as a browser's script or image load sends it: the user agent, no navigation headers. */
    public static HttpRequest.Builder browser(URI uri) {
        return HttpRequest.newBuilder(uri).header("User-Agent", BROWSER);
    }

    /** A reader opening {@code uri} in a tab (see {@link #NAVIGATION}). */
    public static HttpRequest.Builder navigation(URI uri) {
        HttpRequest.Builder request = browser(uri);
        NAVIGATION.forEach(request::header);
        return request;
    }

    /**
     * A distinct visitor's address for tests behind a trusted loopback proxy ({@code X-Forwarded-For}):
     * one address per visitor, as people have, so the address budget is never what a test measures.
     */
    public static String visitorAddress(int visitor) {
        return "198.18." + (visitor >> 8 & 0xff) + "." + (visitor & 0xff);
    }

    public static TestApp embedded(Path dataDir) {
        return start(patient(Map.of("DATA_DIR", dataDir.toString())));
    }

    /** The app on a fresh table of the given dynalite, created through the local-development switch. */
    public static TestApp dynamoDb(Dynalite dynalite) {
        return start(patient(dynamoDbEnvironment(dynalite, "site-" + UUID.randomUUID())));
    }

    /**
     * For tests about exact numbers, not latency: a long page budget. On a busy machine a page can be
     * stalled past the production 250 ms and would rightly show "updating" instead of its number.
     */
    public static Map<String, String> patient(Map<String, String> env) {
        return with(env, Map.of("COUNT_WAIT_MS", "10000"));
    }

    public static Map<String, String> with(Map<String, String> base, Map<String, String> extra) {
        Map<String, String> merged = new HashMap<>(base);
        merged.putAll(extra);
        return merged;
    }

    public static Map<String, String> dynamoDbEnvironment(Dynalite dynalite, String table) {
        return Map.of(
                "COUNTER_STORE", "dynamodb",
                "DYNAMODB_ENDPOINT", dynalite.endpoint().toString(),
                "DYNAMODB_TABLE", table,
                "DYNAMODB_CREATE_TABLE", "true");
    }

    public static TestApp start(Map<String, String> env) {
        return new TestApp(env);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    /** A reader's request: a navigation, which counts when it is a GET of the page. */
    public HttpResponse<String> send(String method, String path) {
        return send(navigation(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A GET as a browser sends it, answered as bytes (a PDF, say); redirects are not followed. */
    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return http.send(browser(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("request failed: GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The stored page views, read through the API (a GET never counts). */
    public long storedCount() {
        String body = get("/api/views").body();
        Matcher m = Pattern.compile("\"views\":(\\d+)").matcher(body);
        if (!m.find()) {
            throw new AssertionError("no views in " + body);
        }
        return Long.parseLong(m.group(1));
    }

    /** A number from the {@code /healthz} body, such as {@code writes} or {@code pending}. */
    public long healthFigure(String name) {
        String body = get("/healthz").body();
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(body);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + body);
        }
        return Long.parseLong(m.group(1));
    }

    /** The number in the page's {@code #visitor-count} element. */
    public static long countInPage(String html) {
        Matcher tag = COUNTER_TAG.matcher(html);
        if (!tag.find()) {
            throw new AssertionError("the page has no element with id=\"visitor-count\"");
        }
        Matcher count = DATA_COUNT.matcher(tag.group());
        if (!count.find()) {
            throw new AssertionError("#visitor-count has no data-count: " + tag.group());
        }
        return Long.parseLong(count.group(1));
    }

    @Override
    public void close() {
        app.close();
    }
}
