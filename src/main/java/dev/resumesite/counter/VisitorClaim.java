package dev.resumesite.counter;

import java.time.LocalDate;

/**
 * A request to record {@code visitor} (a keyed hash) as seen on {@code day}. The random {@code claim}
 * makes it idempotent: asking again with the same claim after a lost answer gives the same result.
 */
public record VisitorClaim(LocalDate day, String visitor, String claim) {
}
