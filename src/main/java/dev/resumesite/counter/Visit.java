package dev.resumesite.counter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One page view that counts, as the web layer hands it to the {@link VisitCounter}.
 *
 * @param arrivedNanos {@link System#nanoTime()} when the request arrived: the page's wait budget runs from here
 * @param firstOfDay whether this is the visitor's first visit of the UTC day (a new unique visitor)
 * @param unresolved a first-visit claim the store has not answered yet (it was away): the counter
 *     settles it before writing the visit, and {@code firstOfDay} is then ignored; null normally
 */
public record Visit(Instant at, long arrivedNanos, boolean firstOfDay, VisitorClaim unresolved) {

    /** A visit arriving now, by a visitor whose first visit of the day is already settled. */
    public static Visit now(Instant at, boolean firstOfDay) {
        return new Visit(at, System.nanoTime(), firstOfDay, null);
    }

    /** The UTC day the visit counts on. */
    public LocalDate day() {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** Settles whether this is the visitor's first visit of the day, asking the store if it is still open. */
    boolean isFirstOfDay(CounterStore store, CounterKey key) {
        return unresolved == null ? firstOfDay : store.claimFirstVisit(key, unresolved.day(), unresolved.visitor(), unresolved.claim());
    }
}
