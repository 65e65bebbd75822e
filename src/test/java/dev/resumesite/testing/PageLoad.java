package dev.resumesite.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent page views against loopback, bounded in time, recording what each visitor saw: the
 * status, the number (when it was exact) and how long the page took.
 */
public final class PageLoad implements AutoCloseable {
    private final ExecutorService clients;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    public final List<Long> exactNumbers = new CopyOnWriteArrayList<>();
    public final AtomicLong updatingPages = new AtomicLong();
    public final AtomicLong connectionFailures = new AtomicLong();
    public final AtomicLong slowestMillis = new AtomicLong();

    private PageLoad(List<URI> pages, int clientsPerPage) {
        clients = Executors.newFixedThreadPool(pages.size() * clientsPerPage);
        for (URI page : pages) {
            for (int i = 0; i < clientsPerPage; i++) {
                clients.submit(() -> visitUntilStopped(page));
            }
        }
    }

    /** Starts {@code clientsPerPage} visitors on each page URL; they run until {@link #stop()}. */
    public static PageLoad start(List<URI> pages, int clientsPerPage) {
        return new PageLoad(pages, clientsPerPage);
    }

    private void visitUntilStopped(URI page) {
        while (running.get()) {
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(TestApp.navigation(page).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                slowestMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                statuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
                if (response.statusCode() == 200) {
                    if (response.body().contains("id=\"visitor-count-updating\"")) {
                        updatingPages.incrementAndGet();
                    } else {
                        exactNumbers.add(TestApp.countInPage(response.body()));
                    }
                }
            } catch (IOException e) {
                connectionFailures.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public long ok() {
        return statuses.getOrDefault(200, new AtomicLong()).get();
    }

    public long total() {
        return statuses.values().stream().mapToLong(AtomicLong::get).sum() + connectionFailures.get();
    }

    /** Stops the visitors and waits for the requests in flight to finish. */
    public void stop() {
        running.set(false);
        clients.shutdown();
        try {
            if (!clients.awaitTermination(30, TimeUnit.SECONDS)) {
                clients.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
