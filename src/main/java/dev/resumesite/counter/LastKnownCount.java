package dev.resumesite.counter;

import java.util.concurrent.atomic.AtomicLong;

/** The highest total this instance has seen: what a page shows, marked updating, when the store is away. */
final class LastKnownCount {
    private final AtomicLong value = new AtomicLong();
    private final StoreHealth reads = new StoreHealth("reads");

    void saw(long total) {
        value.accumulateAndGet(total, Math::max);
    }

    Count unconfirmed() {
        return Count.lastKnown(value.get());
    }

    StoreHealth.Status readStatus() {
        return reads.status();
    }

    /**
     * A strongly consistent read, or the last known count marked updating when the store fails in
     * any way: a page is never refused for want of a number.
     */
    Count read(CounterStore store, CounterKey key) {
        try {
            long total = store.read(key);
            reads.answered();
            saw(total);
            return Count.exact(total);
        } catch (RuntimeException e) {
            reads.failed(e);
            return unconfirmed();
        }
    }
}
