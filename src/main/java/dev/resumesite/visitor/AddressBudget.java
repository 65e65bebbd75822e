package dev.resumesite.visitor;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most so many counted views and new visitors per client address ({@link AddressGroup}: IPv6 by
 * its /64) in each window that starts with the address's first counted view. Looked at before the
 * user agent, which the client chooses freely: rotating it makes new visitor keys, never a new address.
 *
 * <p>Check, then commit: {@link #reserve} takes one view and one new visitor from the address's
 * allowance before anything else is decided, and refuses when either is used up; the caller then
 * {@link Permit#spend spends} what the request really counted and {@link Permit#close returns} the
 * rest. So robots, reloads and failed writes spend nothing, and requests racing in from one address
 * can never count more than the allowance between them. Past it the page is served with the current
 * number; one line a minute says how many views were not counted, from how many addresses.
 */
public final class AddressBudget {
    private static final Logger log = LoggerFactory.getLogger(AddressBudget.class);
    private static final long LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();
    /** Addresses remembered: about 150 bytes each, so at most ~15 MB; the least used go first. */
    static final int REMEMBERED_ADDRESSES = 100_000;

    private final int maxViews;
    private final int maxVisitors;
    private final long windowNanos;
    private final MemoryKeys keys = new MemoryKeys();
    private final ConcurrentMap<String, Window> windows;
    private final AtomicLong refusedViews = new AtomicLong();
    private final AtomicLong refusedAddresses = new AtomicLong();
    private final AtomicLong lastLogNanos;

    /** Views and new visitors counted or reserved in one window; {@code refusing} once it refused one. */
    private record Window(long startNanos, int views, int visitors, boolean refusing) {
    }

    public AddressBudget(int maxViews, int maxVisitors, Duration window) {
        this(maxViews, maxVisitors, window, REMEMBERED_ADDRESSES);
    }

    AddressBudget(int maxViews, int maxVisitors, Duration window, int capacity) {
        this.maxViews = maxViews;
        this.maxVisitors = maxVisitors;
        this.windowNanos = window.toNanos();
        this.windows = Caffeine.newBuilder().maximumSize(capacity).<String, Window>build().asMap();
        this.lastLogNanos = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    }

    /** Takes a view and a new visitor from {@code address}'s allowance; a permit that is not granted when it is used up. */
    public Permit reserve(String address, long nowNanos) {
        String key = keys.of(AddressGroup.of(address));
        boolean[] granted = new boolean[1];
        boolean[] firstRefusal = new boolean[1];
        Window window = windows.compute(key, (k, w) -> {
            if (w == null || nowNanos - w.startNanos() >= windowNanos) {
                w = new Window(nowNanos, 0, 0, false);
            }
            if (w.views() >= maxViews || w.visitors() >= maxVisitors) {
                firstRefusal[0] = !w.refusing();
                return new Window(w.startNanos(), w.views(), w.visitors(), true);
            }
            granted[0] = true;
            return new Window(w.startNanos(), w.views() + 1, w.visitors() + 1, w.refusing());
        });
        if (!granted[0]) {
            refused(firstRefusal[0], nowNanos);
            return new Permit(null, 0);
        }
        return new Permit(key, window.startNanos());
    }

    private void refused(boolean newAddress, long nowNanos) {
        refusedViews.incrementAndGet();
        if (newAddress) {
            refusedAddresses.incrementAndGet();
        }
        long last = lastLogNanos.get();
        if (nowNanos - last >= LOG_INTERVAL_NANOS && lastLogNanos.compareAndSet(last, nowNanos)) {
            log.warn("address budget: {} views not counted from {} addresses over their budget ({} views, {} new visitors per {} min) since the last such line",
                    refusedViews.getAndSet(0), refusedAddresses.getAndSet(0), maxViews, maxVisitors, Duration.ofNanos(windowNanos).toMinutes());
        }
    }

    /** How many addresses this instance remembers now. */
    int remembered() {
        return windows.size();
    }

    /** One request's reservation: spend what it counted, then close to give back the rest. */
    public final class Permit implements AutoCloseable {
        private final String key;
        private final long windowStart;
        private boolean settled;

        private Permit(String key, long windowStart) {
            this.key = key;
            this.windowStart = windowStart;
            this.settled = key == null;
        }

        /** Whether the address had allowance left; when false, nothing may be counted. */
        public boolean granted() {
            return key != null;
        }

        /** The request counted a view, and a new visitor when {@code newVisitor}: the reserved visitor goes back otherwise. */
        public void spend(boolean newVisitor) {
            settle(0, newVisitor ? 0 : 1);
        }

        /** Gives back whatever was not spent (all of it, unless {@link #spend} came first). */
        @Override
        public void close() {
            settle(1, 1);
        }

        private void settle(int views, int visitors) {
            if (settled) {
                return;
            }
            settled = true;
            if (views == 0 && visitors == 0) {
                return;
            }
            windows.computeIfPresent(key, (k, w) -> w.startNanos() != windowStart ? w
                    : new Window(w.startNanos(), w.views() - views, w.visitors() - visitors, w.refusing()));
        }
    }
}
