package dev.resumesite.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.counter.CounterKey;
import dev.resumesite.counter.CounterStore;
import dev.resumesite.counter.DayShare;
import dev.resumesite.counter.DayTotals;
import dev.resumesite.counter.FirstVisitClaim;
import dev.resumesite.counter.SqliteCounterStore;
import dev.resumesite.counter.StoreException;
import dev.resumesite.counter.StoreUnavailableException;
import dev.resumesite.counter.Tally;
import dev.resumesite.counter.Totals;
import dev.resumesite.counter.WriteToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * StatsSource on the real embedded store, seen through a thin wrapper that counts the reads and can
 * be switched to fail like an unreachable store: many requests cost one read per refresh period,
 * and a store that goes away leaves the last figures in place, marked stale.
 */
@Tag("integration")
class StatsSourceTest {
    private static final CounterKey KEY = CounterKey.pageViews("default");
    private static final CounterKey DOWNLOADS = new CounterKey("default", "pdf");
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @TempDir
    Path dataDir;
    SqliteCounterStore sqlite;
    WatchedStore store;

    @BeforeEach
    void open() {
        sqlite = new SqliteCounterStore(dataDir, Duration.ofSeconds(5));
        store = new WatchedStore(sqlite);
        sqlite.add(KEY, new Tally(TODAY.minusDays(2), 4, 3));
    }

    @AfterEach
    void close() {
        sqlite.close();
    }

    @Test
    void a_thousand_requests_in_a_minute_cost_one_read_of_each_counter() throws Exception {
        StatsSource source = new StatsSource(store, KEY, DOWNLOADS, Clock.systemUTC(), Duration.ofMinutes(1));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<SiteStats>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                answers.add(pool.submit(source::current));
            }
            for (Future<SiteStats> answer : answers) {
                assertEquals(new Totals(4, 3), answer.get(30, TimeUnit.SECONDS).totals());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, store.totalsReads.get(), "one read of the totals of the page views and one of the downloads");
        assertEquals(2, store.dayQueries.get(), "one query of the days of each");
        assertEquals(1, store.shareQueries.get(), "one query of the page views' sources and countries");
    }

    @Test
    void the_history_is_every_day_of_the_year_with_zeros_where_nothing_was_counted() {
        SiteStats stats = new StatsSource(store, KEY, DOWNLOADS, Clock.systemUTC(), Duration.ZERO).current();
        assertEquals(StatsSource.HISTORY_DAYS, stats.days().size());
        assertEquals(TODAY, stats.today().day());
        assertEquals(new DayTotals(TODAY.minusDays(2), 4, 3), stats.lastDays(3).get(0));
        assertEquals(new Totals(4, 3), stats.sumOfLastDays(7));
        assertEquals(new Totals(0, 0), stats.sumOfLastDays(2));
    }

    @Test
    void renderings_are_kept_until_the_next_refresh() {
        StatsSource source = new StatsSource(store, KEY, DOWNLOADS, Clock.systemUTC(), Duration.ofMinutes(1));
        AtomicInteger renders = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            source.rendered("page:30", stats -> {
                renders.incrementAndGet();
                return "page".getBytes(StandardCharsets.UTF_8);
            });
        }
        assertEquals(1, renders.get());
    }

    @Test
    void when_the_store_goes_away_the_last_figures_stay_marked_stale() {
        StatsSource source = new StatsSource(store, KEY, DOWNLOADS, Clock.systemUTC(), Duration.ZERO);
        SiteStats fresh = source.current();
        assertFalse(fresh.stale());
        store.failing = true;
        SiteStats stale = source.current();
        assertTrue(stale.stale());
        assertEquals(fresh.totals(), stale.totals());
        int readsWhileAway = store.totalsReads.get();
        for (int i = 0; i < 50; i++) {
            assertSame(stale.totals(), source.current().totals());
        }
        assertEquals(readsWhileAway, store.totalsReads.get(), "no read per request while the store is away (next try in 5 s)");
    }

    @Test
    void with_no_figures_yet_a_store_that_cannot_answer_is_reported() {
        store.failing = true;
        StatsSource source = new StatsSource(store, KEY, DOWNLOADS, Clock.systemUTC(), Duration.ofMinutes(1));
        assertThrows(StoreException.class, source::current);
    }

    /** The real store, with its reads counted and a switch that makes every call fail as if unreachable. */
    private static final class WatchedStore implements CounterStore {
        private final CounterStore real;
        final AtomicInteger totalsReads = new AtomicInteger();
        final AtomicInteger dayQueries = new AtomicInteger();
        final AtomicInteger shareQueries = new AtomicInteger();
        volatile boolean failing;

        WatchedStore(CounterStore real) {
            this.real = real;
        }

        private void maybeFail() {
            if (failing) {
                throw new StoreUnavailableException("switched off by the test", null);
            }
        }

        @Override
        public Totals add(CounterKey key, Tally tally) {
            maybeFail();
            return real.add(key, tally);
        }

        @Override
        public Optional<Totals> addOnce(CounterKey key, Tally tally, List<FirstVisitClaim> claims, WriteToken token) {
            maybeFail();
            return real.addOnce(key, tally, claims, token);
        }

        @Override
        public long writeTransactions() {
            return real.writeTransactions();
        }

        @Override
        public Totals read(CounterKey key) {
            totalsReads.incrementAndGet();
            maybeFail();
            return real.read(key);
        }

        @Override
        public List<DayTotals> days(CounterKey key, LocalDate from, LocalDate to) {
            dayQueries.incrementAndGet();
            maybeFail();
            return real.days(key, from, to);
        }

        @Override
        public List<DayShare> shares(CounterKey key, LocalDate from, LocalDate to) {
            shareQueries.incrementAndGet();
            maybeFail();
            return real.shares(key, from, to);
        }

        @Override
        public boolean claimFirstVisit(CounterKey key, LocalDate day, String visitor, String claim) {
            maybeFail();
            return real.claimFirstVisit(key, day, visitor, claim);
        }

        @Override
        public String dailySecret(String site, LocalDate day, String candidate) {
            maybeFail();
            return real.dailySecret(site, day, candidate);
        }

        @Override
        public void forgetVisitorsBefore(String site, LocalDate day) {
            real.forgetVisitorsBefore(site, day);
        }

        @Override
        public int forgetWritersBefore(CounterKey key, long sequence) {
            return real.forgetWritersBefore(key, sequence);
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
