package dev.resumesite.counter;

import java.time.Duration;

/**
 * Counts visits and says which number each one got. The web layer calls it; the implementation
 * decides how visits reach the {@link CounterStore}.
 */
public interface VisitCounter {

    /** Records the visit durably and returns its number (or the last known number, marked updating). */
    Count record(Visit visit);

    /** The current total without counting anything; the last known one, marked updating, if the store is away. */
    Count current();

    /** The counter's own figures, for the health check and the benchmark. */
    CounterStats.Snapshot stats();

    /** Writes what is still pending, for at most {@code flushDeadline}, then closes the store. */
    void close(Duration flushDeadline);
}
