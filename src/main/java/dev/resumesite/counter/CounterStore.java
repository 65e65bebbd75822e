package dev.resumesite.counter;

import java.util.OptionalLong;

/**
 * The port to the database that holds the counts. Implementations: {@link SqliteCounterStore}
 * (embedded, the default) and {@link DynamoDbCounterStore} (production); both pass
 * {@code CounterStoreContract}. Every method throws {@link StoreUnavailableException} when the
 * store cannot answer; a configuration mistake found on first contact throws at construction.
 */
public interface CounterStore extends AutoCloseable {

    /** Adds {@code delta} (at least 1) in one atomic step and returns the new total. */
    long add(CounterKey key, long delta);

    /**
     * Adds {@code delta} unless this token (or a later one of the same writer) was already applied.
     *
     * @return the new total, or empty when the write had already been applied before
     */
    OptionalLong addOnce(CounterKey key, long delta, WriteToken token);

    /** The current total, strongly consistent; 0 for a counter never written. */
    long read(CounterKey key);

    /**
     * Forgets the marks of writers whose last applied sequence is below {@code sequence}: instances
     * long gone, whose marks would otherwise pile up on the counter (one per process start).
     *
     * @return how many marks were removed
     */
    int forgetWritersBefore(CounterKey key, long sequence);

    @Override
    void close();
}
