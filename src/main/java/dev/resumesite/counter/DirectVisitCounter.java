package dev.resumesite.counter;

/**
 * One store write per visit, on the request's own thread: the straightforward design, kept as the
 * baseline the benchmark compares against. A store failure fails the request.
 */
public final class DirectVisitCounter implements VisitCounter {
    private final CounterStore store;
    private final CounterKey key;

    public DirectVisitCounter(CounterStore store, CounterKey key) {
        this.store = store;
        this.key = key;
    }

    @Override
    public Count record(Visit visit) {
        return Count.exact(store.add(key, 1));
    }

    @Override
    public Count current() {
        return Count.exact(store.read(key));
    }

    @Override
    public void close() {
        store.close();
    }
}
