package dev.resumesite.counter;

import java.time.LocalDate;

/** The page views of one value of a breakdown on one UTC day: one source's, or one country's. */
public record DayShare(LocalDate day, Dimension dimension, String value, long views) {
}
