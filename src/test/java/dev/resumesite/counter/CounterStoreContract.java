package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CounterStore} must do; each implementation's test class extends this suite. */
abstract class CounterStoreContract {
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

    @Test
    void a_counter_never_written_reads_zero() {
        assertEquals(0, store.read(key));
    }

    @Test
    void add_returns_the_new_total_and_read_sees_it() {
        assertEquals(1, store.add(key, 1));
        assertEquals(6, store.add(key, 5));
        assertEquals(6, store.read(key));
    }

    @Test
    void counters_of_one_site_and_of_different_sites_are_independent() {
        CounterKey otherName = new CounterKey(key.site(), "day#2026-11-25");
        CounterKey otherSite = new CounterKey(key.site() + "-b", key.name());
        store.add(key, 3);
        store.add(otherName, 7);
        assertEquals(3, store.read(key));
        assertEquals(7, store.read(otherName));
        assertEquals(0, store.read(otherSite));
    }

    @Test
    void add_once_applies_a_token_once_and_ignores_its_retry() {
        WriteToken token = new WriteToken("instance-a", 10);
        assertEquals(OptionalLong.of(4), store.addOnce(key, 4, token));
        assertEquals(OptionalLong.empty(), store.addOnce(key, 4, token));
        assertEquals(4, store.read(key));
    }

    @Test
    void add_once_ignores_an_older_sequence_and_applies_a_newer_one() {
        store.addOnce(key, 1, new WriteToken("instance-a", 10));
        assertEquals(OptionalLong.empty(), store.addOnce(key, 1, new WriteToken("instance-a", 9)));
        assertEquals(OptionalLong.of(3), store.addOnce(key, 2, new WriteToken("instance-a", 11)));
    }

    @Test
    void writers_keep_separate_sequences() {
        store.addOnce(key, 1, new WriteToken("instance-a", 50));
        assertEquals(OptionalLong.of(2), store.addOnce(key, 1, new WriteToken("instance-b", 1)));
        assertEquals(3, store.add(key, 1));
    }

    @Test
    void forgetting_old_writers_removes_only_marks_below_the_sequence() {
        store.addOnce(key, 1, new WriteToken("gone-instance", 100));
        store.addOnce(key, 1, new WriteToken("live-instance", 500));
        assertEquals(1, store.forgetWritersBefore(key, 200));
        assertEquals(0, store.forgetWritersBefore(key, 200), "nothing left to forget");
        assertEquals(OptionalLong.empty(), store.addOnce(key, 1, new WriteToken("live-instance", 500)), "the live mark stays");
        // Only dead writers may be forgotten: the same token would now be applied again.
        assertEquals(OptionalLong.of(3), store.addOnce(key, 1, new WriteToken("gone-instance", 100)));
        assertEquals(0, store.forgetWritersBefore(new CounterKey(key.site(), "never-written"), 200));
    }

    @Test
    void concurrent_adds_lose_nothing_and_hand_out_distinct_totals() throws Exception {
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    List<Long> totals = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        totals.add(store.add(key, 1));
                    }
                    return totals;
                }));
            }
            Set<Long> seen = new HashSet<>();
            for (Future<List<Long>> result : results) {
                seen.addAll(result.get());
            }
            assertEquals(threads * perThread, seen.size(), "every add got its own total");
            assertEquals(threads * perThread, store.read(key));
        } finally {
            pool.shutdownNow();
        }
    }
}
