package dev.resumesite.stats;

import dev.resumesite.counter.CounterKey;
import dev.resumesite.counter.CounterStore;
import dev.resumesite.counter.DayShare;
import dev.resumesite.counter.DayTotals;
import dev.resumesite.counter.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The site's figures for {@code /stats}, its exports and {@code /badge.svg}, read from the store at
 * most once per refresh period (a minute by default) whatever the traffic: a {@code GetItem} and a
 * {@code Query} for the page views, one more {@code Query} for their sources and countries, and the
 * same as the first two for the PDF's downloads, a minute per instance,
 * instead of per request. While one request refreshes, the
 * others are served the previous figures; if the store cannot answer, the previous figures stay
 * (marked stale) and the next attempt comes {@value #RETRY_SECONDS} s later.
 *
 * <p>What is rendered from one copy (a page, a CSV file, a badge) is kept with it, so a busy
 * {@code /stats} or badge costs a lookup and a byte copy, not a template run.
 */
public final class StatsSource {
    /** Days of history kept in memory and offered by the page and the exports. */
    public static final int HISTORY_DAYS = 365;
    private static final long RETRY_SECONDS = 5;
    /** Renderings kept per copy; more (badges with many labels) are computed per request, not kept. */
    private static final int MAX_RENDERINGS = 64;

    private final CounterStore store;
    private final CounterKey key;
    private final CounterKey downloadsKey;
    private final Clock clock;
    private final long refreshNanos;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Copy copy;

    /** One reading of the store and what has been rendered from it. */
    private record Copy(SiteStats stats, long readNanos, Map<String, byte[]> renderings) {
    }

    /** @param downloadsKey the PDF's download counter, read beside the page's at each refresh */
    public StatsSource(CounterStore store, CounterKey key, CounterKey downloadsKey, Clock clock, Duration refresh) {
        this.store = store;
        this.key = key;
        this.downloadsKey = downloadsKey;
        this.clock = clock;
        this.refreshNanos = refresh.toNanos();
    }

    /** The current figures; throws {@link StoreException} only if the store has never answered. */
    public SiteStats current() {
        return fresh().stats();
    }

    /** {@code render} applied to the current figures, kept under {@code name} until the next refresh. */
    public byte[] rendered(String name, Function<SiteStats, byte[]> render) {
        Copy current = fresh();
        byte[] kept = current.renderings().get(name);
        if (kept != null) {
            return kept;
        }
        byte[] made = render.apply(current.stats());
        if (current.renderings().size() < MAX_RENDERINGS) {
            current.renderings().putIfAbsent(name, made);
        }
        return made;
    }

    private Copy fresh() {
        Copy seen = copy;
        if (seen != null && System.nanoTime() - seen.readNanos() < refreshNanos) {
            return seen;
        }
        if (seen != null && !refreshing.tryLock()) {
            return seen; // Another request is reading the store: the previous figures will do meanwhile.
        }
        if (seen == null) {
            refreshing.lock();
        }
        try {
            Copy now = copy;
            if (now != null && now != seen && System.nanoTime() - now.readNanos() < refreshNanos) {
                return now;
            }
            try {
                now = new Copy(read(), System.nanoTime(), new ConcurrentHashMap<>());
            } catch (StoreException e) {
                if (now == null) {
                    throw e;
                }
                // Keep showing what we had, marked stale, and try again shortly rather than on every request.
                long retryAt = System.nanoTime() - refreshNanos + Duration.ofSeconds(RETRY_SECONDS).toNanos();
                now = new Copy(now.stats().asStale(), retryAt, new ConcurrentHashMap<>());
            }
            copy = now;
            return now;
        } finally {
            refreshing.unlock();
        }
    }

    private SiteStats read() {
        Instant at = clock.instant();
        LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);
        // The days first, then the totals: a visit written in between makes the totals a little ahead, never behind.
        List<DayTotals> days = history(key, today);
        List<DayTotals> downloadDays = history(downloadsKey, today);
        List<DayShare> shares = store.shares(key, today.minusDays(HISTORY_DAYS - 1), today);
        return new SiteStats(at, store.read(key), days, store.read(downloadsKey), downloadDays, shares, false);
    }

    /** Every day of the history of one counter, oldest first, days without a count as zeros. */
    private List<DayTotals> history(CounterKey counter, LocalDate today) {
        LocalDate first = today.minusDays(HISTORY_DAYS - 1);
        Map<LocalDate, DayTotals> stored = new HashMap<>();
        for (DayTotals day : store.days(counter, first, today)) {
            stored.put(day.day(), day);
        }
        List<DayTotals> days = new ArrayList<>(HISTORY_DAYS);
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            days.add(stored.getOrDefault(day, new DayTotals(day, 0, 0)));
        }
        return days;
    }
}
