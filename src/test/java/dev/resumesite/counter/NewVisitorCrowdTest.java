package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.TestApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crowd after a link to the CV is shared: 400 people, each a new visitor, from 32 concurrent
 * clients right after start-up, with the production page budget. Each sends a real browser
 * navigation's headers through a trusted proxy that names its own address. Every page shows its
 * own exact number, and the writes are batched with the claims.
 */
@Tag("integration")
class NewVisitorCrowdTest {
    private static final int CLIENTS = 32;
    private static final int VISITORS = 400;
    private static final Pattern UNIQUE = Pattern.compile("<[^>]*\\bid=\"unique-visitors\"[^>]*\\bdata-count=\"(\\d+)\"");

    /** A page as Firefox asks for it when a person follows a link. */
    private static HttpRequest navigation(TestApp app, String address) {
        return TestApp.browser(app.uri("/"))
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .header("Accept-Language", "en-US,en;q=0.5")
                .header("Sec-Fetch-Dest", "document")
                .header("Sec-Fetch-Mode", "navigate")
                .header("Sec-Fetch-Site", "cross-site")
                .header("X-Forwarded-For", address)
                .GET().build();
    }

    @Test
    void four_hundred_new_visitors_right_after_start_up_each_see_their_own_exact_number(@TempDir Path dataDir) throws Exception {
        // The production budget (COUNT_WAIT_MS 250), and the production reload window.
        try (TestApp app = TestApp.start(Map.of("DATA_DIR", dataDir.toString(), "TRUSTED_PROXIES", "127.0.0.1/32",
                "RELOAD_WINDOW_MINUTES", "30"))) {
            long transactionsBefore = app.healthFigure("storeTransactions");
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<String>> pages = new ArrayList<>();
                for (int i = 0; i < VISITORS; i++) {
                    String address = "198.51." + (100 + i / 250) + "." + (i % 250 + 1);
                    pages.add(clients.submit(() -> {
                        HttpResponse<String> page = app.send(navigation(app, address));
                        assertEquals(200, page.statusCode());
                        return page.body();
                    }));
                }
                Set<Long> views = new HashSet<>();
                int updating = 0;
                for (Future<String> page : pages) {
                    String html = page.get(60, TimeUnit.SECONDS);
                    long shown = TestApp.countInPage(html);
                    Matcher unique = UNIQUE.matcher(html);
                    assertTrue(unique.find(), "the page shows its unique visitors");
                    assertTrue(Long.parseLong(unique.group(1)) <= shown, "visitors <= views on every page");
                    updating += html.contains("id=\"visitor-count-updating\"") ? 1 : 0;
                    views.add(shown);
                }
                long transactions = app.healthFigure("storeTransactions") - transactionsBefore;
                System.out.printf("new-visitor crowd: %d of %d pages exact, %d store transactions (%.0f per 1,000 visitors)%n",
                        VISITORS - updating, VISITORS, transactions, transactions * 1000.0 / VISITORS);
                assertEquals(0, updating, "pages that showed updating… instead of their number");
                assertEquals(VISITORS, views.size(), "every page showed a number no other page showed");
                assertEquals(VISITORS, app.storedCount());
                assertTrue(app.get("/api/views").body().contains("\"visitors\":" + VISITORS), app.get("/api/views").body());
                // The old design made one per claim plus one per batch (> 400); a cold start batches less than steady state.
                assertFalse(transactions > VISITORS / 2, transactions + " store transactions: claims ride the batches");
            } finally {
                clients.shutdownNow();
            }
        }
    }
}
