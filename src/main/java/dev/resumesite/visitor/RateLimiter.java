package dev.resumesite.visitor;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;

/**
 * At most {@code perMinute} requests per key in each minute-long window that starts with a key's first
 * request. Bounded like {@link RecentVisitors}: past {@code capacity} keys, the least used go first,
 * never all at once (forgetting only forgives, never refuses, a request too many).
 */
final class RateLimiter {
    private static final long WINDOW_NANOS = 60_000_000_000L;

    private final int perMinute;
    private final Map<String, Window> windows;

    private record Window(long startNanos, int requests) {
    }

    RateLimiter(int perMinute, int capacity) {
        this.perMinute = perMinute;
        this.windows = Caffeine.newBuilder().maximumSize(capacity).<String, Window>build().asMap();
    }

    /** Takes one request of {@code key}'s allowance: 0 when allowed, else the seconds until the window ends. */
    long take(String key, long nowNanos) {
        Window window = windows.compute(key, (k, w) -> w == null || nowNanos - w.startNanos() >= WINDOW_NANOS
                ? new Window(nowNanos, 1)
                : new Window(w.startNanos(), Math.min(w.requests() + 1, perMinute + 1)));
        if (window.requests() <= perMinute) {
            return 0;
        }
        long left = WINDOW_NANOS - (nowNanos - window.startNanos());
        return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    /** Returns the allowance a request took at {@code takenNanos} (its work failed), unless its window has ended since. */
    void giveBack(String key, long takenNanos) {
        windows.computeIfPresent(key, (k, w) -> takenNanos >= w.startNanos() && takenNanos - w.startNanos() < WINDOW_NANOS
                && w.requests() > 0 ? new Window(w.startNanos(), w.requests() - 1) : w);
    }
}
