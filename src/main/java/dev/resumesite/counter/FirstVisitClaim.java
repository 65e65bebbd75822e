package dev.resumesite.counter;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A visitor's bid to be counted as new on a day: {@code visitor} is a keyed hash (never an address),
 * {@code id} a random id that makes asking again after a lost answer give the same result. The
 * writer settles it with the visit's batch; the store's answer, once known, stays here, so a retried
 * batch asks only about the claims still open.
 */
public final class FirstVisitClaim {
    private final LocalDate day;
    private final String visitor;
    private final String id = UUID.randomUUID().toString();
    /** Null while open. Volatile: a store may settle claims on its own threads, then the writer reads them. */
    private volatile Boolean won;

    public FirstVisitClaim(LocalDate day, String visitor) {
        this.day = day;
        this.visitor = visitor;
    }

    public LocalDate day() {
        return day;
    }

    public String visitor() {
        return visitor;
    }

    public String id() {
        return id;
    }

    public boolean isOpen() {
        return won == null;
    }

    /** Whether the store recorded this as the visitor's first visit of the day (false while open). */
    public boolean won() {
        return Boolean.TRUE.equals(won);
    }

    /** Keeps the store's answer. Only a store calls this, with an answer it has made durable. */
    public void settle(boolean first) {
        won = first;
    }
}
