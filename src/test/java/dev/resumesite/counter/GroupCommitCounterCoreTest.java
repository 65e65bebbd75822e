package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.Poll;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The group commit core against a store that misbehaves on cue: whatever the store does, counting
 * resumes when it works again, every visit is stored exactly once, and no page waits past its budget.
 */
@Tag("unit")
class GroupCommitCounterCoreTest {
    private static final CounterKey KEY = CounterKey.pageViews("default");
    /**
     * Long enough that scheduling on a busy 2-core machine (pages were seen 300 ms late at a load of 13)
     * stays inside the slack, which is still less than the budget: a page that waited twice would fail.
     */
    private static final Duration BUDGET = Duration.ofMillis(1_000);
    private static final long SLACK_MILLIS = 900;
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final ScriptedStore store = new ScriptedStore();
    private GroupCommitCounter counter;

    private GroupCommitCounter counter(int backlogLimit) {
        counter = new GroupCommitCounter(store, KEY, "core-test", BUDGET, backlogLimit);
        return counter;
    }

    @AfterEach
    void close() {
        if (counter != null) {
            counter.close(Duration.ofSeconds(2));
        }
    }

    /** Records a visit arriving now and asserts the page waited no longer than its budget. */
    private Count visitWithinBudget() {
        long started = System.nanoTime();
        Count count = counter.record(Visit.of(Instant.now(), System.nanoTime()));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(waited <= BUDGET.toMillis() + SLACK_MILLIS, "the page waited " + waited + " ms, budget " + BUDGET.toMillis());
        return count;
    }

    private void awaitDrained() {
        Poll.until(DRAIN, "the backlog to drain", () -> counter.stats().pending() == 0);
    }

    @Test
    void an_unexpected_exception_once_does_not_stop_counting() {
        counter(1_000);
        store.failNextWrites(1, new IllegalStateException("a bug in the store adapter"));
        visitWithinBudget();
        for (long expected = 2; expected <= 10; expected++) {
            assertEquals(Count.exact(expected, 0), visitWithinBudget(), "counting resumed with exact numbers");
        }
        awaitDrained();
        assertEquals(10, store.total());
        assertEquals("ok", counter.stats().state());
    }

    @Test
    void a_store_that_hangs_past_the_budget_costs_each_page_only_its_budget_and_loses_nothing() {
        counter(1_000);
        visitWithinBudget();
        store.hang();
        for (int i = 0; i < 3; i++) {
            Count count = visitWithinBudget();
            assertTrue(count.updating(), "no number can be vouched for while the store hangs");
            assertEquals(1, count.views(), "the last known count");
        }
        assertEquals(3, counter.stats().pending());
        store.release();
        awaitDrained();
        assertEquals(4, store.total());
        assertEquals(Count.exact(5, 0), visitWithinBudget());
    }

    @Test
    void a_page_that_arrived_earlier_waits_only_what_is_left_of_its_budget() {
        counter(1_000);
        store.hang();
        long arrived = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(950);
        long started = System.nanoTime();
        Count count = counter.record(Visit.of(Instant.now(), arrived));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(count.updating());
        assertTrue(waited < BUDGET.toMillis(), "one deadline per page, from its arrival: waited " + waited + " ms");
        store.release();
        awaitDrained();
        assertEquals(1, store.total());
    }

    @Test
    void a_slow_store_within_the_budget_still_gives_exact_numbers() {
        counter(1_000);
        store.answerAfter(BUDGET.toMillis() / 3);
        for (long expected = 1; expected <= 5; expected++) {
            assertEquals(Count.exact(expected, 0), visitWithinBudget());
        }
    }

    @Test
    void a_permanent_refusal_reports_failing_with_the_fix_and_counting_resumes_once_fixed() {
        counter(1_000);
        store.failWrites(new StoreMisconfiguredException("DYNAMODB_TABLE=t: the app's AWS role may not use this table", null));
        for (int i = 0; i < 3; i++) {
            assertTrue(visitWithinBudget().updating());
        }
        CounterStats.Snapshot failing = counter.stats();
        assertEquals("failing", failing.state());
        assertTrue(failing.reason().contains("may not use this table"), failing.reason());
        assertEquals(3, failing.pending());
        store.heal();
        awaitDrained();
        assertEquals(3, store.total());
        assertEquals("ok", counter.stats().state());
        assertEquals(Count.exact(4, 0), visitWithinBudget());
    }

    @Test
    void a_transient_outage_reports_degraded_then_ok() {
        counter(1_000);
        store.failWrites(new StoreUnavailableException("timeout", null));
        visitWithinBudget();
        assertEquals("degraded", counter.stats().state());
        store.heal();
        awaitDrained();
        assertEquals("ok", counter.stats().state());
        assertEquals(1, store.total());
    }

    @Test
    void close_during_a_hanging_write_returns_within_its_deadline_and_leaves_no_thread_that_keeps_the_jvm_alive() {
        counter(1_000);
        store.hang();
        visitWithinBudget();
        long started = System.nanoTime();
        counter.close(Duration.ofMillis(1_000));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(took <= 1_000 + SLACK_MILLIS, "close took " + took + " ms for a 1 s deadline");
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("group-commit-writer")) {
                assertTrue(thread.isDaemon(), "the writer must not keep the JVM alive");
            }
        }
        store.release();
        counter = null;
    }

    @Test
    void close_of_an_idle_counter_wakes_the_writer_and_returns_at_once() throws Exception {
        counter(1_000);
        visitWithinBudget();
        long started = System.nanoTime();
        counter.close(Duration.ofSeconds(3));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(took < 2_000, "close took " + took + " ms with nothing to write, deadline 3 s");
        assertTrue(counter.record(Visit.of(Instant.now(), System.nanoTime())).updating(), "visits after close are refused");
        assertEquals(1, counter.stats().refused());
        counter = null;
    }

    @Test
    void close_with_a_failing_store_gives_up_at_its_deadline_and_reports_the_lost_visits() {
        counter(1_000);
        store.failWrites(new StoreUnavailableException("down", null));
        for (int i = 0; i < 4; i++) {
            visitWithinBudget();
        }
        long started = System.nanoTime();
        counter.close(Duration.ofMillis(1_000));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(took <= 1_000 + SLACK_MILLIS, "close took " + took + " ms for a 1 s deadline");
        // The writer reports the visits lost, then frees their room: wait for both.
        Poll.until(Duration.ofSeconds(2), "the unwritten visits to be reported lost and their room freed",
                () -> counter.stats().lost() == 4 && counter.stats().pending() == 0);
        counter = null;
    }

    @Test
    void a_full_backlog_refuses_visits_and_counts_the_refusals() {
        counter(3);
        store.hang();
        for (int i = 0; i < 5; i++) {
            assertTrue(visitWithinBudget().updating());
        }
        CounterStats.Snapshot full = counter.stats();
        assertEquals(3, full.pending());
        assertEquals(2, full.refused());
        store.release();
        awaitDrained();
        assertEquals(3, store.total());
    }

    @Test
    void many_concurrent_visitors_through_random_failures_are_each_stored_once_with_distinct_numbers() throws Exception {
        counter(100_000);
        int threads = 16;
        int perThread = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Count>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    List<Count> counts = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        if (i % 40 == 7) {
                            store.failNextWrites(1, i % 80 == 7 ? new IllegalStateException("bug") : new StoreUnavailableException("blip", null));
                        }
                        counts.add(counter.record(Visit.of(Instant.now(), System.nanoTime())));
                    }
                    return counts;
                }));
            }
            Set<Long> exact = new TreeSet<>();
            int vouched = 0;
            for (Future<List<Count>> result : results) {
                for (Count count : result.get(60, TimeUnit.SECONDS)) {
                    if (!count.updating()) {
                        vouched++;
                        assertTrue(exact.add(count.views()), "number " + count.views() + " was given twice");
                    }
                }
            }
            awaitDrained();
            int visits = threads * perThread;
            assertEquals(visits, store.total(), "every visit stored exactly once");
            assertEquals(visits, counter.stats().visits());
            assertTrue(exact.stream().allMatch(n -> n >= 1 && n <= visits), "numbers within 1.." + visits);
            assertTrue(vouched > visits / 2, "most pages got their exact number: " + vouched);
            assertTrue(counter.stats().writes() < visits / 2, "batched: " + counter.stats().writes() + " writes");
            assertFalse(counter.stats().state().equals("failing"));
        } finally {
            pool.shutdownNow();
        }
    }

    /** A new-looking visitor's visit arriving now, whose page gives up at once: the visit stays queued. */
    private static Visit impatientNewVisitor() {
        Instant now = Instant.now();
        return new Visit(now, System.nanoTime() - BUDGET.toNanos(), new FirstVisitClaim(LocalDate.ofInstant(now, ZoneOffset.UTC),
                UUID.randomUUID().toString()));
    }

    @Test
    void an_outage_followed_by_two_percent_failing_calls_drains_the_backlog_within_seconds() {
        counter(100_000);
        store.failWrites(new StoreUnavailableException("outage", null));
        int visits = 1_000;
        for (int i = 0; i < visits; i++) {
            assertTrue(counter.record(impatientNewVisitor()).updating());
        }
        store.heal();
        store.failAtRandom(0.02, new StoreUnavailableException("2 % of calls fail", null));
        long started = System.nanoTime();
        Poll.until(Duration.ofSeconds(5), "the backlog of " + visits + " to drain through 2 % failures",
                () -> counter.stats().pending() == 0);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(visits, store.total(), "every visit stored once");
        assertEquals(visits, store.visitors(), "every new visitor counted once");
        // Each claim asked during the outage, then about once more: a retry asks only what is still open.
        assertTrue(store.claimCalls() < 3 * visits, store.claimCalls() + " claim calls for " + visits + " visitors");
        assertEquals(0, counter.stats().refused());
        System.out.println("drained " + visits + " visits through 2 % failures in " + took + " ms");
    }

    @Test
    void any_throwable_in_a_store_call_is_retried_and_the_writer_continues() {
        counter(1_000);
        store.failNextWrites(1, new AssertionError("a broken invariant in the adapter"));
        visitWithinBudget();
        store.failNextWrites(1, new StackOverflowError());
        visitWithinBudget();
        store.failNextWrites(1, new NoClassDefFoundError("software/amazon/Missing"));
        visitWithinBudget();
        awaitDrained();
        assertEquals(Count.exact(4, 0), visitWithinBudget(), "counting resumed with exact numbers");
        assertEquals(4, store.total());
        assertEquals("ok", counter.stats().state());
    }

    @Test
    void every_page_shows_no_more_visitors_than_views_and_each_new_visitor_is_counted_once() throws Exception {
        counter(100_000);
        int threads = 16;
        int perThread = 60;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Count>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    List<Count> counts = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        // 40 visitors, each claiming several times (other instances, evicted memory): one claim wins.
                        String visitor = "visitor-" + ThreadLocalRandom.current().nextInt(40);
                        Instant now = Instant.now();
                        FirstVisitClaim claim = i % 3 == 0 ? null : new FirstVisitClaim(LocalDate.ofInstant(now, ZoneOffset.UTC), visitor);
                        counts.add(counter.record(new Visit(now, System.nanoTime(), claim)));
                    }
                    return counts;
                }));
            }
            Set<Long> views = new TreeSet<>();
            for (Future<List<Count>> result : results) {
                for (Count count : result.get(60, TimeUnit.SECONDS)) {
                    assertTrue(count.visitors() <= count.views(), "a page showed " + count);
                    if (!count.updating()) {
                        assertTrue(views.add(count.views()), "number " + count.views() + " was given twice");
                    }
                }
            }
            awaitDrained();
            assertEquals(threads * perThread, store.total());
            assertTrue(store.visitors() <= 40, store.visitors() + " new visitors of 40 people");
            assertTrue(store.visitors() >= 35, "nearly all 40 came with a claim: " + store.visitors());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_page_of_a_batch_sees_the_visitors_counted_up_to_itself() {
        counter(1_000);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Count first = counter.record(new Visit(Instant.now(), System.nanoTime(), new FirstVisitClaim(today, "a")));
        Count reload = counter.record(Visit.of(Instant.now(), System.nanoTime()));
        Count second = counter.record(new Visit(Instant.now(), System.nanoTime(), new FirstVisitClaim(today, "a")));
        assertEquals(Count.exact(1, 1), first);
        assertEquals(Count.exact(2, 1), reload);
        assertEquals(Count.exact(3, 1), second, "the same visitor's second claim does not count");
    }

    @Test
    void close_with_a_zero_deadline_waits_for_an_idle_writer_to_stop_and_closes_the_store() {
        counter(1_000);
        visitWithinBudget();
        long started = System.nanoTime();
        counter.close(Duration.ZERO);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(took < 1_000, "close took " + took + " ms");
        assertTrue(store.isClosed(), "the writer stopped, so the store was closed");
        assertEquals(0, counter.stats().lost());
        counter = null;
    }

    @Test
    void healthz_figures_count_the_stores_write_transactions_not_the_visits() {
        counter(100_000);
        for (int i = 0; i < 200; i++) {
            counter.record(impatientNewVisitor());
        }
        awaitDrained();
        assertEquals(200, store.total());
        long transactions = counter.stats().storeTransactions();
        assertTrue(transactions >= 1 && transactions == store.writeTransactions(), "storeTransactions: " + transactions);
    }
}
