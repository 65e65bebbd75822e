package dev.resumesite.counter;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Says when a repeated log line may be written again: at most once per interval, so an outage that
 * lasts hours stays a few readable lines. Safe to ask from any thread; the first ask is always due.
 */
public final class LogThrottle {
    private final long intervalNanos;
    private final AtomicLong lastNanos;

    public LogThrottle(Duration interval) {
        this.intervalNanos = interval.toNanos();
        this.lastNanos = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    /** Once a minute: for warnings and errors about a state that may last. */
    public static LogThrottle perMinute() {
        return new LogThrottle(Duration.ofMinutes(1));
    }

    /** True if the interval has passed since the last true answer (and claims this turn). */
    public boolean due() {
        long now = System.nanoTime();
        long last = lastNanos.get();
        return now - last >= intervalNanos && lastNanos.compareAndSet(last, now);
    }
}
