package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CounterStore} must do; each implementation's test class extends this suite. */
abstract class CounterStoreContract {
    protected static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    protected CounterStore store;
    protected CounterKey key;

    protected abstract CounterStore createStore();

    @BeforeEach
    void openStore() {
        store = createStore();
        key = new CounterKey("site-" + UUID.randomUUID().toString().substring(0, 8), "views");
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static Tally views(long views) {
        return new Tally(DAY, views, 0);
    }

    @Test
    void a_counter_never_written_reads_zero() {
        assertEquals(Totals.ZERO, store.read(key));
        assertEquals(List.of(), store.days(key, DAY.minusDays(30), DAY));
    }

    @Test
    void add_returns_the_new_totals_and_read_sees_them() {
        assertEquals(new Totals(1, 1), store.add(key, new Tally(DAY, 1, 1)));
        assertEquals(new Totals(6, 2), store.add(key, new Tally(DAY, 5, 1)));
        assertEquals(new Totals(6, 2), store.read(key));
    }

    @Test
    void counters_of_one_site_and_of_different_sites_are_independent() {
        CounterKey otherName = new CounterKey(key.site(), "synthetic-views");
        CounterKey otherSite = new CounterKey(key.site() + "-b", key.name());
        store.add(key, views(3));
        store.add(otherName, views(7));
        assertEquals(3, store.read(key).views());
        assertEquals(7, store.read(otherName).views());
        assertEquals(Totals.ZERO, store.read(otherSite));
        assertEquals(List.of(new DayTotals(DAY, 3, 0)), store.days(key, DAY, DAY));
    }

    @Test
    void each_write_also_moves_its_days_totals_and_days_are_kept_apart() {
        store.add(key, new Tally(DAY.minusDays(1), 4, 2));
        store.addOnce(key, new Tally(DAY, 3, 1), new WriteToken("instance-a", 1));
        store.add(key, new Tally(DAY, 2, 2));
        store.add(key, new Tally(DAY.plusDays(40), 1, 1));
        assertEquals(new Totals(10, 6), store.read(key), "all-time totals are the sum of the days");
        assertEquals(List.of(new DayTotals(DAY.minusDays(1), 4, 2), new DayTotals(DAY, 5, 3)),
                store.days(key, DAY.minusDays(7), DAY), "oldest first, only days in the range");
        assertEquals(List.of(new DayTotals(DAY, 5, 3)), store.days(key, DAY, DAY), "the range includes both ends");
    }

    @Test
    void add_once_applies_a_token_once_and_ignores_its_retry_on_the_day_too() {
        WriteToken token = new WriteToken("instance-a", 10);
        assertEquals(Optional.of(new Totals(4, 1)), store.addOnce(key, new Tally(DAY, 4, 1), token));
        assertEquals(Optional.empty(), store.addOnce(key, new Tally(DAY, 4, 1), token));
        assertEquals(new Totals(4, 1), store.read(key));
        assertEquals(List.of(new DayTotals(DAY, 4, 1)), store.days(key, DAY, DAY));
    }

    @Test
    void add_once_ignores_an_older_sequence_and_applies_a_newer_one() {
        store.addOnce(key, views(1), new WriteToken("instance-a", 10));
        assertEquals(Optional.empty(), store.addOnce(key, views(1), new WriteToken("instance-a", 9)));
        assertEquals(Optional.of(new Totals(3, 0)), store.addOnce(key, views(2), new WriteToken("instance-a", 11)));
    }

    @Test
    void writers_keep_separate_sequences() {
        store.addOnce(key, views(1), new WriteToken("instance-a", 50));
        assertEquals(Optional.of(new Totals(2, 0)), store.addOnce(key, views(1), new WriteToken("instance-b", 1)));
        assertEquals(new Totals(3, 0), store.add(key, views(1)));
    }

    @Test
    void forgetting_old_writers_removes_only_marks_below_the_sequence() {
        store.addOnce(key, views(1), new WriteToken("gone-instance", 100));
        store.addOnce(key, views(1), new WriteToken("live-instance", 500));
        assertEquals(1, store.forgetWritersBefore(key, 200));
        assertEquals(0, store.forgetWritersBefore(key, 200), "nothing left to forget");
        assertEquals(Optional.empty(), store.addOnce(key, views(1), new WriteToken("live-instance", 500)), "the live mark stays");
        // Only dead writers may be forgotten: the same token would now be applied again.
        assertEquals(Optional.of(new Totals(3, 0)), store.addOnce(key, views(1), new WriteToken("gone-instance", 100)));
        assertEquals(0, store.forgetWritersBefore(new CounterKey(key.site(), "never-written"), 200));
    }

    @Test
    void concurrent_adds_lose_nothing_and_hand_out_distinct_totals() throws Exception {
        List<Long> totals = concurrently(8, 50, i -> store.add(key, new Tally(DAY, 1, i % 5 == 0 ? 1 : 0)).views());
        assertEquals(400, new HashSet<>(totals).size(), "every add got its own total");
        assertEquals(new Totals(400, 80), store.read(key));
        assertEquals(List.of(new DayTotals(DAY, 400, 80)), store.days(key, DAY, DAY), "the day is exact too");
    }

    @Test
    void concurrent_batches_of_many_writers_keep_the_day_exact() throws Exception {
        concurrently(4, 25, i -> store.addOnce(key, new Tally(DAY, 3, 1), new WriteToken("writer-" + (i / 25), i + 1)).isPresent());
        // Each writer's sequences rise, so every batch of every writer applied once.
        assertEquals(new Totals(300, 100), store.read(key));
        assertEquals(List.of(new DayTotals(DAY, 300, 100)), store.days(key, DAY, DAY));
    }

    @Test
    void the_first_claim_of_a_visitor_on_a_day_wins_and_its_retry_still_wins() {
        assertTrue(store.claimFirstVisit(key, DAY, "visitor-1", "claim-a"));
        assertTrue(store.claimFirstVisit(key, DAY, "visitor-1", "claim-a"), "a retry after a lost answer");
        assertFalse(store.claimFirstVisit(key, DAY, "visitor-1", "claim-b"), "seen today already");
        assertTrue(store.claimFirstVisit(key, DAY.plusDays(1), "visitor-1", "claim-c"), "a new day");
        assertTrue(store.claimFirstVisit(key, DAY, "visitor-2", "claim-d"));
    }

    @Test
    void of_many_concurrent_claims_of_one_visitor_exactly_one_wins() throws Exception {
        List<Boolean> won = concurrently(8, 5, i -> store.claimFirstVisit(key, DAY, "visitor-x", "claim-" + i));
        assertEquals(1, won.stream().filter(w -> w).count());
    }

    @Test
    void every_instance_gets_the_first_stored_secret_of_a_day_and_old_days_are_forgotten() {
        assertEquals("secret-a", store.dailySecret(key.site(), DAY, "secret-a"));
        assertEquals("secret-a", store.dailySecret(key.site(), DAY, "secret-b"), "the second instance gets the first's");
        assertEquals("secret-c", store.dailySecret(key.site(), DAY.plusDays(1), "secret-c"));
        assertEquals("secret-d", store.dailySecret(key.site() + "-b", DAY, "secret-d"), "sites do not share");

        store.forgetVisitorsBefore(key.site(), DAY.plusDays(1));
        assertEquals("secret-e", store.dailySecret(key.site(), DAY, "secret-e"), "the old day's secret is gone");
        assertEquals("secret-c", store.dailySecret(key.site(), DAY.plusDays(1), "secret-f"), "the current day's stays");
        assertNotEquals("secret-a", store.dailySecret(key.site(), DAY, "secret-g"));
    }

    @Test
    void a_batch_settles_its_claims_with_its_counts_and_counts_each_winner_once() {
        FirstVisitClaim first = new FirstVisitClaim(DAY, "visitor-1");
        FirstVisitClaim other = new FirstVisitClaim(DAY, "visitor-2");
        FirstVisitClaim again = new FirstVisitClaim(DAY, "visitor-1");
        assertEquals(Optional.of(new Totals(4, 2)),
                store.addOnce(key, new Tally(DAY, 4, 0), List.of(first, other, again), new WriteToken("instance-a", 1)));
        // DynamoDB sends a batch's claims concurrently, so either of one visitor's two claims may be the one that lands first.
        assertTrue(other.won() && first.won() != again.won(), "exactly one claim of each visitor wins");
        assertFalse(first.isOpen() || again.isOpen(), "both claims are settled");
        assertEquals(List.of(new DayTotals(DAY, 4, 2)), store.days(key, DAY, DAY), "the day moved in the same write");
        assertFalse(store.claimFirstVisit(key, DAY, "visitor-2", "another-instance"), "the claim was recorded");
    }

    @Test
    void a_retried_batch_applies_once_and_keeps_its_claims_answers() {
        FirstVisitClaim claim = new FirstVisitClaim(DAY, "visitor-1");
        WriteToken token = new WriteToken("instance-a", 5);
        store.addOnce(key, new Tally(DAY, 1, 0), List.of(claim), token);
        assertEquals(Optional.empty(), store.addOnce(key, new Tally(DAY, 1, 0), List.of(claim), token));
        assertTrue(claim.won());
        assertEquals(new Totals(1, 1), store.read(key));
    }

    @Test
    void a_claim_already_answered_is_not_asked_again() {
        FirstVisitClaim answered = new FirstVisitClaim(DAY, "visitor-1");
        answered.settle(true); // As if an earlier attempt of the batch had its answer before failing.
        assertEquals(Optional.of(new Totals(1, 1)),
                store.addOnce(key, new Tally(DAY, 1, 0), List.of(answered), new WriteToken("instance-a", 1)));
        assertTrue(store.claimFirstVisit(key, DAY, "visitor-1", "fresh"), "the store was not asked about it again");
    }

    @Test
    void concurrent_batches_of_two_writers_claiming_the_same_visitors_count_each_visitor_once() throws Exception {
        // Two instances, each writing 20 batches of 5 visits by the same 25 visitors.
        concurrently(2, 20, i -> {
            List<FirstVisitClaim> claims = new ArrayList<>();
            for (int v = 0; v < 5; v++) {
                claims.add(new FirstVisitClaim(DAY, "visitor-" + ((i % 20) * 5 + v) % 25));
            }
            return store.addOnce(key, new Tally(DAY, 5, 0), claims, new WriteToken("writer-" + (i / 20), i % 20 + 1)).isPresent();
        });
        assertEquals(new Totals(200, 25), store.read(key));
        assertEquals(List.of(new DayTotals(DAY, 200, 25)), store.days(key, DAY, DAY));
    }

    // ------------------------------------------------------------------ sources and countries

    private static Tally from(LocalDate day, Map<String, Long> sources, Map<String, Long> countries) {
        long views = Math.max(sources.values().stream().mapToLong(Long::longValue).sum(),
                countries.values().stream().mapToLong(Long::longValue).sum());
        return new Tally(day, views, 0, sources, countries);
    }

    /** Source rows of one day as value -> views. */
    private Map<String, Long> rows(CounterStore reader, LocalDate day, Dimension dimension) {
        Map<String, Long> rows = new TreeMap<>();
        for (DayShare share : reader.shares(key, day, day)) {
            assertEquals(day, share.day());
            if (share.dimension() == dimension) {
                assertNull(rows.put(share.value(), share.views()), "one row per value and day: " + share);
            }
        }
        return rows;
    }

    /** {@code count} sources named {@code prefix}0, {@code prefix}1, ..., one view each. */
    private static Map<String, Long> sourcesNamed(String prefix, int count) {
        Map<String, Long> sources = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            sources.put(prefix + i, 1L);
        }
        return sources;
    }

    @Test
    void a_batchs_sources_and_countries_move_with_its_day_and_read_back_per_day() {
        store.addOnce(key, from(DAY, Map.of("linkedin", 2L, "direct", 1L), Map.of("SE", 2L, "unknown", 1L)),
                new WriteToken("instance-a", 1));
        store.addOnce(key, from(DAY, Map.of("linkedin", 1L), Map.of("DE", 1L)), new WriteToken("instance-a", 2));
        store.add(key, from(DAY.minusDays(1), Map.of("github", 4L), Map.of("US", 4L)));
        assertEquals(Map.of("linkedin", 3L, "direct", 1L), rows(store, DAY, Dimension.SOURCE));
        assertEquals(Map.of("SE", 2L, "unknown", 1L, "DE", 1L), rows(store, DAY, Dimension.COUNTRY));
        assertEquals(Set.of(new DayShare(DAY.minusDays(1), Dimension.SOURCE, "github", 4),
                        new DayShare(DAY.minusDays(1), Dimension.COUNTRY, "US", 4)),
                Set.copyOf(store.shares(key, DAY.minusDays(1), DAY.minusDays(1))), "days are kept apart");
        assertEquals(7, store.shares(key, DAY.minusDays(7), DAY).size(), "a range holds every day's rows");
        assertEquals(new Totals(8, 0), store.read(key), "the views moved in the same writes");
    }

    @Test
    void a_batch_with_sources_and_countries_costs_no_more_writes_than_one_without() {
        long before = store.writeTransactions();
        store.addOnce(key, views(3), new WriteToken("instance-a", 1));
        long plain = store.writeTransactions() - before;
        store.addOnce(key, from(DAY, Map.of("linkedin", 2L, "direct", 1L), Map.of("SE", 3L)), new WriteToken("instance-a", 2));
        store.addOnce(key, from(DAY, Map.of("linkedin", 1L, "github", 2L), Map.of("SE", 1L, "DE", 2L)), new WriteToken("instance-a", 3));
        assertEquals(3 * plain, store.writeTransactions() - before, "the breakdowns ride the batch's own write");
    }

    @Test
    void a_tally_without_breakdowns_writes_no_rows() {
        store.addOnce(key, views(3), new WriteToken("instance-a", 1));
        store.add(key, views(2));
        assertEquals(List.of(), store.shares(key, DAY, DAY));
        assertEquals(new Totals(5, 0), store.read(key));
    }

    @Test
    void a_retried_token_does_not_count_sources_or_countries_twice() {
        Tally batch = from(DAY, Map.of("x", 2L, "hacker news", 1L), Map.of("FR", 3L));
        WriteToken token = new WriteToken("instance-a", 9);
        assertTrue(store.addOnce(key, batch, token).isPresent());
        assertEquals(Optional.empty(), store.addOnce(key, batch, token), "a retry after a lost answer");
        try (CounterStore other = createStore()) {
            assertEquals(Optional.empty(), other.addOnce(key, batch, token), "also through a store that never saw the first");
        }
        assertEquals(Map.of("x", 2L, "hacker news", 1L), rows(store, DAY, Dimension.SOURCE));
        assertEquals(Map.of("FR", 3L), rows(store, DAY, Dimension.COUNTRY));
    }

    @Test
    void each_dimension_keeps_a_hundred_values_by_name_a_day_and_counts_the_rest_as_other() {
        store.addOnce(key, from(DAY, sourcesNamed("site-", 100), Map.of("SE", 100L)), new WriteToken("instance-a", 1));
        store.addOnce(key, from(DAY, Map.of("late-a", 1L, "late-b", 2L, "site-7", 1L, "other", 1L), Map.of("NO", 5L)),
                new WriteToken("instance-a", 2));
        store.add(key, from(DAY, Map.of("late-c", 1L), Map.of()));
        Map<String, Long> sources = rows(store, DAY, Dimension.SOURCE);
        assertEquals(101, sources.size(), "a hundred by name and other");
        assertEquals(2L, sources.get("site-7"), "a value already there keeps counting");
        assertEquals(5L, sources.get("other"), "late values and a tag that says other");
        assertEquals(Map.of("SE", 100L, "NO", 5L), rows(store, DAY, Dimension.COUNTRY), "the other dimension has its own places");
        assertEquals(106, sources.values().stream().mapToLong(Long::longValue).sum(), "every view is in a row");
        store.add(key, from(DAY.plusDays(1), Map.of("late-a", 1L), Map.of()));
        assertEquals(Map.of("late-a", 1L), rows(store, DAY.plusDays(1), Dimension.SOURCE), "the next day starts afresh");
    }

    @Test
    void the_last_places_of_a_day_go_to_a_batchs_most_viewed_new_values() {
        store.add(key, from(DAY, sourcesNamed("site-", 98), Map.of()));
        store.addOnce(key, from(DAY, Map.of("once", 1L, "thrice", 3L, "twice-b", 2L, "twice-a", 2L), Map.of()),
                new WriteToken("instance-a", 1));
        Map<String, Long> sources = rows(store, DAY, Dimension.SOURCE);
        assertEquals(3L, sources.get("thrice"));
        assertEquals(2L, sources.get("twice-a"), "equal counts: by name");
        assertEquals(3L, sources.get("other"), "twice-b and once");
        assertEquals(101, sources.size());
    }

    @Test
    void an_instance_that_missed_another_ones_new_values_still_keeps_the_bound() {
        store.addOnce(key, from(DAY, sourcesNamed("first-", 95), Map.of()), new WriteToken("instance-a", 1));
        try (CounterStore other = createStore()) {
            other.addOnce(key, from(DAY, sourcesNamed("second-", 5), Map.of()), new WriteToken("instance-b", 1));
        }
        // This store last saw 95 values; the day now has 100.
        store.addOnce(key, from(DAY, Map.of("third-0", 1L, "first-3", 1L), Map.of()), new WriteToken("instance-a", 2));
        Map<String, Long> sources = rows(store, DAY, Dimension.SOURCE);
        assertEquals(101, sources.size(), sources.toString());
        assertEquals(1L, sources.get("other"));
        assertEquals(2L, sources.get("first-3"));
    }

    @Test
    void writers_of_two_instances_racing_for_the_last_places_keep_the_bound_exactly() throws Exception {
        store.addOnce(key, from(DAY, sourcesNamed("early-", 90), Map.of()), new WriteToken("instance-a", 1));
        try (CounterStore other = createStore()) {
            List<CounterStore> instances = List.of(store, other);
            // Two instances, 10 batches each, every batch with three values no one wrote before.
            concurrently(2, 10, i -> {
                int instance = i / 10;
                Tally batch = from(DAY, sourcesNamed("racer-" + i + "-", 3), Map.of("SE", 3L));
                return writeUntilStored(instances.get(instance), batch, new WriteToken("racer-" + instance, i % 10 + 2));
            });
        }
        Map<String, Long> sources = rows(store, DAY, Dimension.SOURCE);
        assertEquals(101, sources.size(), "exactly a hundred by name, and other");
        assertEquals(50L, sources.get("other"), "60 racing views, 10 of them took the last places");
        assertEquals(150, sources.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(Map.of("SE", 60L), rows(store, DAY, Dimension.COUNTRY));
        assertEquals(new Totals(150, 0), store.read(key));
    }

    /** Retries the batch with its token while the store is busy, backing off as the writer does; whether the last attempt applied it. */
    private boolean writeUntilStored(CounterStore target, Tally batch, WriteToken token) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Backoff backoff = new Backoff();
        while (true) {
            try {
                return target.addOnce(key, batch, token).isPresent();
            } catch (StoreUnavailableException busy) {
                // Another instance holds the lock or changed the day meanwhile: the same token again, a little later.
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the batch was never stored: " + token, busy);
                }
                LockSupport.parkNanos(backoff.nextNanos());
            }
        }
    }

    private <T> List<T> concurrently(int threads, int perThread, IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<T>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<T> values = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        values.add(call.apply(thread * perThread + i));
                    }
                    return values;
                }));
            }
            List<T> all = new ArrayList<>();
            for (Future<List<T>> result : results) {
                all.addAll(result.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
