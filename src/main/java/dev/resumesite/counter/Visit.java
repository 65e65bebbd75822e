package dev.resumesite.counter;

import java.time.Instant;

/** One page view that counts, as the web layer hands it to the {@link VisitCounter}. */
public record Visit(Instant at) {
}
