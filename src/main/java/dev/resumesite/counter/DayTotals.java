package dev.resumesite.counter;

import java.time.LocalDate;

/** Page views and unique visitors of one UTC day. */
public record DayTotals(LocalDate day, long views, long visitors) {
}
