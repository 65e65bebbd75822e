package dev.resumesite.counter;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** How long to wait between retries of a failing store: doubling from 25 ms up to 1 s, with jitter so instances spread out. */
final class Backoff {
    private static final long FIRST_MILLIS = 25;
    private static final long MAX_MILLIS = 1_000;

    private long next = FIRST_MILLIS;

    long nextNanos() {
        long millis = next / 2 + ThreadLocalRandom.current().nextLong(next / 2 + 1);
        next = Math.min(next * 2, MAX_MILLIS);
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
