package dev.resumesite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.TestApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short, bounded version of {@code bench/abuse}: one address sends twenty times its view budget in
 * requests from several threads at once, each with a user agent it never used before, so every one is
 * a "new visitor" by its key. The address budget, looked at before the user agent, holds the numbers
 * to it, on the page and through {@code /api/hits}; another address still counts.
 */
@Tag("integration")
class OneAddressAbuseTest {
    private static final int MAX_VIEWS = 12;
    private static final int MAX_VISITORS = 6;
    private static final String BLOG = "https://blog.example.com";
    /** Twenty times the view budget: a second on a quiet machine, a few on a busy one. */
    private static final int REQUESTS = 20 * MAX_VIEWS;
    /** A safety net, not a measure: the run fails rather than hangs if the app stops answering. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int THREADS = 4;
    private static final Pattern NUMBER = Pattern.compile("\"(views|visitors)\":(\\d+)");

    @TempDir
    static Path dataDir;
    static TestApp app;

    @BeforeAll
    static void boot() {
        app = TestApp.start(TestApp.patient(Map.of("DATA_DIR", dataDir.toString(), "ALLOWED_ORIGINS", BLOG,
                "RELOAD_WINDOW_MINUTES", "30", "ADDRESS_MAX_VIEWS", Integer.toString(MAX_VIEWS),
                "ADDRESS_MAX_VISITORS", Integer.toString(MAX_VISITORS), "TRUSTED_PROXIES", "127.0.0.1/32,::1/128")));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** A browser's user agent, another one for every {@code n}: what the 50 Firefox strings did. */
    private static String rotated(int n) {
        return "Mozilla/5.0 (X11; Linux x86_64; rv:" + (60 + n % 80) + ".0) Gecko/20100101 Firefox/" + (60 + n % 80) + "." + n / 80;
    }

    @Test
    void one_address_rotating_its_user_agent_on_the_page_moves_the_numbers_by_at_most_its_budget() throws Exception {
        long[] before = site();
        flood(n -> TestApp.navigation(app.uri("/")).header("X-Forwarded-For", "203.0.113.9").setHeader("User-Agent", rotated(n)).build());
        long[] after = site();
        assertWithinBudget(before, after);
        assertEquals(MAX_VISITORS, after[1] - before[1], "the budget is reached, so the flood did reach the counter");

        HttpResponse<String> reader = app.send(TestApp.navigation(app.uri("/")).header("X-Forwarded-For", "198.51.100.7").build());
        assertEquals(after[0] + 1, TestApp.countInPage(reader.body()), "another address still counts");
    }

    @Test
    void one_address_rotating_its_user_agent_through_api_hits_moves_the_numbers_by_at_most_its_budget() throws Exception {
        long[] before = site();
        flood(n -> TestApp.browser(app.uri("/api/hits")).setHeader("User-Agent", rotated(n))
                .header("X-Forwarded-For", "203.0.113.10").header("Origin", BLOG).header("Content-Type", "application/json")
                .header("Sec-Fetch-Mode", "cors").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"/posts/abused\"}")).build());
        long[] after = site();
        assertWithinBudget(before, after);
        long[] path = numbers(hit("203.0.113.10", "/posts/abused").body());
        assertTrue(path[0] <= MAX_VIEWS && path[1] <= MAX_VISITORS, "the path's own numbers: " + path[0] + " views, " + path[1] + " visitors");
        assertTrue(path[1] >= 1, "the flood did reach the counter");

        assertTrue(hit("198.51.100.8", "/posts/abused").body().contains("\"counted\":true"), "another address still counts");
    }

    private static void assertWithinBudget(long[] before, long[] after) {
        assertTrue(after[0] - before[0] <= MAX_VIEWS, (after[0] - before[0]) + " views from one address; budget " + MAX_VIEWS);
        assertTrue(after[1] - before[1] <= MAX_VISITORS, (after[1] - before[1]) + " new visitors from one address; budget " + MAX_VISITORS);
    }

    private static HttpResponse<String> hit(String address, String path) {
        return app.send(TestApp.browser(app.uri("/api/hits")).header("X-Forwarded-For", address).header("Origin", BLOG)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"" + path + "\"}")).build());
    }

    /** Sends {@code request(n)} for n = 0 to {@link #REQUESTS} - 1 from {@link #THREADS} threads at once; every answer a 200. */
    private static void flood(IntFunction<HttpRequest> request) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long end = System.nanoTime() + DEADLINE.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                senders.add(pool.submit(() -> {
                    int n;
                    while ((n = next.getAndIncrement()) < REQUESTS) {
                        HttpResponse<String> response = app.send(request.apply(n));
                        assertEquals(200, response.statusCode(), "request " + n + ": " + response.body());
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The site's stored views and visitors (reading counts nothing). */
    private static long[] site() {
        return numbers(app.get("/api/views").body());
    }

    private static long[] numbers(String json) {
        long[] numbers = new long[2];
        Matcher m = NUMBER.matcher(json);
        while (m.find()) {
            numbers[m.group(1).equals("views") ? 0 : 1] = Long.parseLong(m.group(2));
        }
        return numbers;
    }
}
