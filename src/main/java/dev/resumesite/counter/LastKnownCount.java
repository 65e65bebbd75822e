package dev.resumesite.counter;

import java.util.concurrent.atomic.AtomicReference;

/** The highest total this instance has seen: what a page shows, marked updating, when the store is away. */
final class LastKnownCount {
    private final AtomicReference<Totals> highest = new AtomicReference<>(Totals.ZERO);
    private final StoreHealth reads = new StoreHealth("reads");

    void saw(Totals totals) {
        highest.accumulateAndGet(totals, Totals::max);
    }

    Count unconfirmed() {
        return Count.lastKnown(highest.get());
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
            Totals totals = store.read(key);
            reads.answered();
            saw(totals);
            return Count.exact(totals.views(), totals.visitors());
        } catch (RuntimeException e) {
            reads.failed(e);
            return unconfirmed();
        }
    }
}
