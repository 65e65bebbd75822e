package dev.resumesite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.resumesite.testing.Dynalite;
import dev.resumesite.testing.DynaliteExtension;
import dev.resumesite.testing.TestApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** 1,000 page views from 32 concurrent clients, on each store: none lost, none shown twice. */
@Tag("integration")
@ExtendWith(DynaliteExtension.class)
class ConcurrentPageViewsTest {
    static final int CLIENTS = 32;
    static final int VIEWS = 1_000;

    @Test
    void embedded_store_counts_every_concurrent_view_exactly_once(@TempDir Path dataDir) throws Exception {
        try (TestApp app = TestApp.embedded(dataDir)) {
            assertEveryViewCountedOnce(app);
        }
    }

    @Test
    void dynamodb_store_counts_every_concurrent_view_exactly_once(Dynalite dynalite) throws Exception {
        try (TestApp app = TestApp.dynamoDb(dynalite)) {
            assertEveryViewCountedOnce(app);
        }
    }

    static void assertEveryViewCountedOnce(TestApp app) throws Exception {
        long before = app.storedCount();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Long>> views = new ArrayList<>();
            for (int i = 0; i < VIEWS; i++) {
                views.add(clients.submit(() -> {
                    HttpResponse<String> page = app.get("/");
                    assertEquals(200, page.statusCode());
                    return TestApp.countInPage(page.body());
                }));
            }
            Set<Long> shown = new HashSet<>();
            for (Future<Long> view : views) {
                shown.add(view.get());
            }
            assertEquals(VIEWS, shown.size(), "every page showed a number no other page showed");
            assertEquals(before + VIEWS, app.storedCount(), "the stored count rose by exactly the number of views");
        } finally {
            clients.shutdownNow();
        }
    }
}
