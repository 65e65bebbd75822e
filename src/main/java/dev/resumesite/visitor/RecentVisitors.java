package dev.resumesite.visitor;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;

/**
 * The visitors this instance counted lately, by key: a view within the reload window of the last
 * counted one is a reload, not a new view, and a visitor counted earlier today needs no store write
 * to learn they are not new. Only a cache: the store has the last word on who is new, so forgetting
 * costs a store write, never a wrong number. Bounded: past {@code capacity} keys, the least used
 * go first (Caffeine's eviction), never all at once, so a flood of new keys cannot make every reload count again.
 */
final class RecentVisitors {
    /** What this instance knows of a visitor now. */
    enum Seen { NOT_RECENTLY, EARLIER_TODAY, WITHIN_WINDOW }

    private final long windowNanos;
    private final Cache<String, Long> cache;
    private final Map<String, Long> lastCounted;

    RecentVisitors(Duration window, int capacity) {
        this.windowNanos = window.toNanos();
        this.cache = Caffeine.newBuilder().maximumSize(capacity).build();
        this.lastCounted = cache.asMap();
    }

    /** How a visitor was seen, and the note the view replaced (null if none), to put back with {@link #forget}. */
    record Sighting(Seen seen, Long previous) {
    }

    /** Looks the visitor up and, unless the view is a reload, notes it as counted at {@code nowNanos}. */
    Sighting see(String visitor, long nowNanos) {
        Seen[] seen = new Seen[1];
        Long[] previous = new Long[1];
        lastCounted.compute(visitor, (key, last) -> {
            previous[0] = last;
            if (last == null) {
                seen[0] = Seen.NOT_RECENTLY;
                return nowNanos;
            }
            if (windowNanos > 0 && nowNanos - last < windowNanos) {
                seen[0] = Seen.WITHIN_WINDOW;
                return last;
            }
            seen[0] = Seen.EARLIER_TODAY;
            return Math.max(last, nowNanos); // Requests racing in may be noted out of arrival order.
        });
        return new Sighting(seen[0], previous[0]);
    }

    /**
     * Takes back the note {@link #see} made at {@code notedNanos}, for a view that was not counted after
     * all (its write failed): the note it replaced comes back, so the visitor's next view is not a reload
     * and, if they were counted earlier today, still not taken for a new visitor (which would claim again).
     * A later note is kept.
     */
    void forget(String visitor, long notedNanos, Long previous) {
        lastCounted.computeIfPresent(visitor, (key, last) -> last == notedNanos ? previous : last);
    }

    int size() {
        cache.cleanUp(); // evictions run in the background; settle them before counting
        return (int) cache.estimatedSize();
    }
}
