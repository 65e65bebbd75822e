package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit on the real embedded store: exact, distinct numbers, and far fewer writes than visits. */
@Tag("integration")
class GroupCommitCounterTest {
    private static final CounterKey KEY = CounterKey.pageViews("default");

    @TempDir
    Path dataDir;

    private GroupCommitCounter counter(Duration wait, int backlogLimit) {
        return new GroupCommitCounter(new SqliteCounterStore(dataDir, Duration.ofSeconds(5)), KEY, "test-writer", wait, backlogLimit);
    }

    @Test
    void concurrent_visits_get_exactly_the_numbers_one_to_n_with_far_fewer_writes() throws Exception {
        GroupCommitCounter counter = counter(Duration.ofSeconds(5), 100_000);
        int threads = 32;
        int perThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    List<Long> numbers = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        Count count = counter.record(Visit.of(Instant.now(), System.nanoTime()));
                        assertFalse(count.updating(), "the store is up, so every number is exact");
                        numbers.add(count.views());
                    }
                    return numbers;
                }));
            }
            Set<Long> numbers = new TreeSet<>();
            for (Future<List<Long>> result : results) {
                numbers.addAll(result.get());
            }
            int visits = threads * perThread;
            assertEquals(LongStream.rangeClosed(1, visits).boxed().collect(Collectors.toCollection(TreeSet::new)), numbers);
            CounterStats.Snapshot stats = counter.stats();
            assertEquals(visits, stats.visits());
            assertTrue(stats.writes() < visits / 4, "writes: " + stats.writes() + " for " + visits + " visits");
        } finally {
            pool.shutdownNow();
            counter.close(Duration.ofSeconds(5));
        }
        try (SqliteCounterStore reopened = new SqliteCounterStore(dataDir, Duration.ofSeconds(5))) {
            assertEquals(threads * perThread, reopened.read(KEY).views());
        }
    }

    @Test
    void a_batchs_sources_and_countries_are_summed_into_its_one_write() throws Exception {
        GroupCommitCounter counter = counter(Duration.ofSeconds(5), 100_000);
        List<ReaderOrigin> origins = List.of(new ReaderOrigin("linkedin", "SE"), new ReaderOrigin("direct", "unknown"),
                new ReaderOrigin("github", "SE"));
        int threads = 16;
        int perThread = 30;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        counter.record(Visit.of(Instant.now(), System.nanoTime()).from(origins.get(i % 3)));
                    }
                }));
            }
            for (Future<?> thread : done) {
                thread.get();
            }
            assertEquals(counter.stats().writes(), counter.stats().storeTransactions(),
                    "one store transaction per batch, breakdowns included");
        } finally {
            pool.shutdownNow();
            counter.close(Duration.ofSeconds(5));
        }
        try (SqliteCounterStore reopened = new SqliteCounterStore(dataDir, Duration.ofSeconds(5))) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            Map<String, Long> rows = new TreeMap<>();
            reopened.shares(KEY, today.minusDays(1), today).forEach(share -> rows.merge(share.dimension() + ":" + share.value(), share.views(), Long::sum));
            assertEquals(Map.of("SOURCE:linkedin", 160L, "SOURCE:direct", 160L, "SOURCE:github", 160L,
                    "COUNTRY:SE", 320L, "COUNTRY:unknown", 160L), rows);
        }
    }

    @Test
    void a_lone_visitor_gets_one_write_per_visit() {
        GroupCommitCounter counter = counter(Duration.ofSeconds(5), 100_000);
        try {
            for (long expected = 1; expected <= 20; expected++) {
                assertEquals(Count.exact(expected, 0), counter.record(Visit.of(Instant.now(), System.nanoTime())));
            }
            assertEquals(20, counter.stats().writes());
        } finally {
            counter.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void visits_after_close_are_refused_and_reported() {
        GroupCommitCounter counter = counter(Duration.ofSeconds(5), 100_000);
        counter.record(Visit.of(Instant.now(), System.nanoTime()));
        counter.close(Duration.ofSeconds(5));
        Count refused = counter.record(Visit.of(Instant.now(), System.nanoTime()));
        assertTrue(refused.updating());
        assertEquals(1, refused.views(), "the last known count");
        assertEquals(1, counter.stats().refused());
    }
}
