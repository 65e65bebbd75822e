package dev.resumesite.counter;

import java.time.Instant;

/**
 * One page view that counts, as the web layer hands it to the {@link VisitCounter}.
 *
 * @param arrivedNanos {@link System#nanoTime()} when the request arrived: the page's wait budget runs from here
 */
public record Visit(Instant at, long arrivedNanos) {

    /** A visit arriving now. */
    public static Visit now(Instant at) {
        return new Visit(at, System.nanoTime());
    }
}
