package dev.resumesite.counter;

import java.util.concurrent.atomic.AtomicLong;

/** The highest total this instance has seen: what a page shows, marked updating, when the store is away. */
final class LastKnownCount {
    private final AtomicLong value = new AtomicLong();

    void saw(long total) {
        value.accumulateAndGet(total, Math::max);
    }

    Count unconfirmed() {
        return Count.lastKnown(value.get());
    }

    /** A strongly consistent read, or the last known count marked updating when the store does not answer. */
    Count read(CounterStore store, CounterKey key) {
        try {
            long total = store.read(key);
            saw(total);
            return Count.exact(total);
        } catch (StoreUnavailableException e) {
            return unconfirmed();
        }
    }
}
