package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.Poll;
import dev.resumesite.visitor.DailySecrets;
import dev.resumesite.visitor.RobotFilter;
import dev.resumesite.visitor.Visitors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The day's secret and the day's housekeeping never sit on a page's path: with no secret to be had,
 * pages are counted at once and reloads still recognised; at midnight, with a store that takes
 * seconds to forget the old day, pages of the new day wait only for their batch.
 */
@Tag("unit")
class SecretsOffThePageTest {
    private static final CounterKey KEY = CounterKey.pageViews("default");
    private static final Duration BUDGET = Duration.ofMillis(250);
    /** Scheduling on a busy 2-core machine; still far below the 5.9 s pages waited when each asked the store. */
    private static final long SLACK_MILLIS = 600;
    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    private final ScriptedStore store = new ScriptedStore();
    private final GroupCommitCounter counter = new GroupCommitCounter(store, KEY, "secrets-test", BUDGET, 10_000);
    private final ExecutorService pool = Executors.newFixedThreadPool(24);

    @AfterEach
    void close() {
        pool.shutdownNow();
        counter.close(Duration.ofSeconds(2));
    }

    /** One visitor's page: decides, counts, and asserts the wait stayed within the budget. */
    private Optional<Count> page(Visitors visitors, Clock clock, String address) {
        long arrived = System.nanoTime();
        Optional<Visit> visit = visitors.visitOf(address, FIREFOX, false, clock.instant(), arrived);
        Optional<Count> count = visit.map(counter::record);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - arrived);
        assertTrue(waited <= BUDGET.toMillis() + SLACK_MILLIS, "a page waited " + waited + " ms");
        return count;
    }

    private List<Optional<Count>> concurrentPages(Visitors visitors, Clock clock, int people) throws Exception {
        List<Future<Optional<Count>>> pages = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            String address = "203.0.113." + i;
            pages.add(pool.submit(() -> page(visitors, clock, address)));
        }
        List<Optional<Count>> counts = new ArrayList<>();
        for (Future<Optional<Count>> page : pages) {
            counts.add(page.get(30, TimeUnit.SECONDS));
        }
        return counts;
    }

    @Test
    void with_no_secret_for_the_day_first_views_are_counted_at_once_and_reloads_are_not() throws Exception {
        store.refuseSecrets();
        Clock clock = Clock.systemUTC();
        DailySecrets secrets = new DailySecrets(store, KEY.site(), clock);
        secrets.loadToday();
        Visitors visitors = new Visitors(secrets, KEY, new RobotFilter(), Duration.ofMinutes(30));

        List<Optional<Count>> first = concurrentPages(visitors, clock, 24);
        assertTrue(first.stream().allMatch(Optional::isPresent), "every first view counts");
        List<Long> exact = first.stream().filter(count -> !count.get().updating()).map(count -> count.get().views()).toList();
        assertEquals(exact.size(), exact.stream().distinct().count(), "no number given twice: " + exact);
        List<Optional<Count>> reloads = concurrentPages(visitors, clock, 24);
        assertTrue(reloads.stream().allMatch(Optional::isEmpty), "reloads are recognised without the shared secret");
        Poll.until(Duration.ofSeconds(5), "the views to be stored", () -> store.total() == 24);
        assertEquals(0, store.visitors(), "no visitor counted as new with a key other instances cannot share");
        assertEquals(0, store.claimCalls());
    }

    @Test
    void at_midnight_a_slow_cleanup_keeps_no_page_waiting() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-05T23:30:00Z"));
        DailySecrets secrets = new DailySecrets(store, KEY.site(), clock);
        secrets.refresh(); // The background task, an hour before midnight: today's and tomorrow's secrets.
        Visitors visitors = new Visitors(secrets, KEY, new RobotFilter(), Duration.ofMinutes(30));
        assertTrue(page(visitors, clock, "198.51.100.1").isPresent());

        store.slowHousekeeping(3_000);
        clock.set(Instant.parse("2026-12-06T00:00:05Z"));
        CompletableFuture<Void> cleanup = CompletableFuture.runAsync(secrets::refresh); // Forgets the old days, slowly.
        List<Optional<Count>> pages = concurrentPages(visitors, clock, 24);
        assertFalse(cleanup.isDone(), "the pages did not wait for the cleanup");
        assertTrue(pages.stream().allMatch(count -> count.isPresent() && !count.get().updating()), "exact numbers: " + pages);
        assertEquals(25, pages.stream().mapToLong(count -> count.get().visitors()).max().orElseThrow(),
                "the new day's visitors are counted with the secret fetched before midnight");
        cleanup.get(10, TimeUnit.SECONDS);
    }

    /** A clock the test moves across midnight. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            assertNotNull(now);
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
