package dev.resumesite.counter;

/**
 * Counts visits and says which number each one got. The web layer calls it; the implementation
 * decides how visits reach the {@link CounterStore}.
 */
public interface VisitCounter extends AutoCloseable {

    /** Records the visit durably and returns its number (or the last known number, marked updating). */
    Count record(Visit visit);

    /** The current total without counting anything. */
    Count current();

    @Override
    void close();
}
