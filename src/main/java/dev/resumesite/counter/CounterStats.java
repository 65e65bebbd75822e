package dev.resumesite.counter;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counter's own figures: visits recorded, store writes, failures and visits that could not be
 * kept. Refused and lost visits are logged as errors, at most once a second so an outage stays readable.
 */
public final class CounterStats {
    private static final Logger log = LoggerFactory.getLogger(CounterStats.class);

    private final AtomicLong visits = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final LogThrottle refusalLogs = new LogThrottle(Duration.ofSeconds(1));

    /**
     * A point-in-time copy for {@code /healthz} and the benchmark.
     *
     * @param state {@code ok}, {@code degraded} (the store fails now and then; retrying) or
     *     {@code failing} (the store refuses until the owner fixes a setting, or the writer stopped: see {@code reason})
     * @param storeTransactions durable write transactions the store made since start (SQLite commits,
     *     DynamoDB write calls), all counters of the store together: what group commit saves
     */
    public record Snapshot(long visits, long writes, long failedWrites, long refused, long lost, long pending,
                           String state, String reason, long storeTransactions) {
    }

    void recorded() {
        visits.incrementAndGet();
    }

    void written() {
        writes.incrementAndGet();
    }

    void failedWrite() {
        failedWrites.incrementAndGet();
    }

    void refused(long pending, boolean closing) {
        long total = refused.incrementAndGet();
        if (refusalLogs.due()) {
            log.error("VISITS NOT COUNTED: {} so far; {} (pending: {})", total,
                    closing ? "the app is shutting down" : "the backlog is full", pending);
        }
    }

    void lost(long count) {
        lost.addAndGet(count);
    }

    Snapshot snapshot(long pending, StoreHealth.Status status, long storeTransactions) {
        return new Snapshot(visits.get(), writes.get(), failedWrites.get(), refused.get(), lost.get(), pending,
                status.state().name().toLowerCase(Locale.ROOT), status.reason(), storeTransactions);
    }
}
