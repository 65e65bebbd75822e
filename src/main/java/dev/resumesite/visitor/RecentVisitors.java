package dev.resumesite.visitor;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The visitors this instance counted lately, by key: a view within the reload window of the last
 * counted one is a reload, not a new view, and a visitor counted earlier today needs no store write
 * to learn they are not new. Only a cache: the store has the last word on who is new, so forgetting
 * costs a store write, never a wrong number. Bounded: past {@code capacity} keys, those outside the
 * window go, and if that is not enough, all go.
 */
final class RecentVisitors {
    /** What this instance knows of a visitor now. */
    enum Seen { NOT_RECENTLY, EARLIER_TODAY, WITHIN_WINDOW }

    private final long windowNanos;
    private final int capacity;
    private final Map<String, Long> lastCounted = new ConcurrentHashMap<>();

    RecentVisitors(Duration window, int capacity) {
        this.windowNanos = window.toNanos();
        this.capacity = capacity;
    }

    /** Looks the visitor up and, unless the view is a reload, notes it as counted at {@code nowNanos}. */
    Seen see(String visitor, long nowNanos) {
        Seen[] seen = new Seen[1];
        lastCounted.compute(visitor, (key, last) -> {
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
        if (lastCounted.size() > capacity) {
            lastCounted.values().removeIf(last -> nowNanos - last >= windowNanos);
            if (lastCounted.size() > capacity) {
                lastCounted.clear();
            }
        }
        return seen[0];
    }

    int size() {
        return lastCounted.size();
    }
}
