package dev.resumesite.counter;

import java.time.LocalDate;

/**
 * What one store write adds: page views and first-time visitors, all on one UTC day, so the day's
 * history moves in the same write as the all-time totals.
 */
public record Tally(LocalDate day, long views, long visitors) {
    public Tally {
        if (views < 0 || visitors < 0 || visitors > views) {
            throw new IllegalArgumentException("a tally needs 0 <= visitors <= views: " + views + ", " + visitors);
        }
    }
}
