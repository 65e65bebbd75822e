package dev.resumesite.counter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One page view that counts, as the web layer hands it to the {@link VisitCounter}.
 *
 * @param arrivedNanos {@link System#nanoTime()} when the request arrived: the page's wait budget runs from here
 * @param claim the visitor's bid to be a new unique visitor today, settled by the writer with the
 *     visit's batch; null when the visitor is known not to be new (or cannot be told apart)
 * @param origin where the reader came from, counted in the day's breakdowns with the view
 */
public record Visit(Instant at, long arrivedNanos, FirstVisitClaim claim, ReaderOrigin origin) {

    public Visit {
        if (origin == null) {
            throw new IllegalArgumentException("a visit's origin may be NONE, not null");
        }
    }

    /** A visit counted in no breakdown. */
    public Visit(Instant at, long arrivedNanos, FirstVisitClaim claim) {
        this(at, arrivedNanos, claim, ReaderOrigin.NONE);
    }

    /** A view by a visitor who is not new today. */
    public static Visit of(Instant at, long arrivedNanos) {
        return new Visit(at, arrivedNanos, null);
    }

    /** The same visit, from {@code origin}. */
    public Visit from(ReaderOrigin origin) {
        return new Visit(at, arrivedNanos, claim, origin);
    }

    /** The UTC day the visit counts on. */
    public LocalDate day() {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** Whether this visit made a new unique visitor (known once the writer settled its claim). */
    public boolean isNewVisitor() {
        return claim != null && claim.won();
    }
}
