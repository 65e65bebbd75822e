package dev.resumesite.counter;

import java.time.Duration;
import java.util.List;

/**
 * One store write per visit (and one more per first-visit claim), on the request's own thread: the
 * straightforward design, kept as the baseline the benchmark compares against. A store failure
 * fails the request.
 */
public final class DirectVisitCounter implements VisitCounter {
    private final CounterStore store;
    private final CounterKey key;
    private final CounterStats stats = new CounterStats();
    private final LastKnownCount lastKnown = new LastKnownCount();
    private final StoreHealth writes = new StoreHealth("writes");

    public DirectVisitCounter(CounterStore store, CounterKey key) {
        this.store = store;
        this.key = key;
    }

    @Override
    public Count record(Visit visit) {
        stats.recorded();
        try {
            FirstVisitClaim claim = visit.claim();
            if (claim != null && claim.isOpen()) {
                claim.settle(store.claimFirstVisit(key, claim.day(), claim.visitor(), claim.id()));
            }
            Totals totals = store.add(key, Tally.of(visit.day(), List.of(visit)).withVisitors(visit.isNewVisitor() ? 1 : 0));
            writes.answered();
            stats.written();
            lastKnown.saw(totals);
            return Count.exact(totals.views(), totals.visitors());
        } catch (StoreException e) {
            writes.failed(e);
            stats.failedWrite();
            throw e;
        }
    }

    @Override
    public Count current() {
        return lastKnown.read(store, key);
    }

    @Override
    public CounterStats.Snapshot stats() {
        return stats.snapshot(0, writes.status().worse(lastKnown.readStatus()), store.writeTransactions());
    }

    /** Nothing is ever pending: every visit was written before it was answered. */
    @Override
    public void close(Duration flushDeadline) {
        store.close();
    }
}
