package dev.resumesite.counter;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's upkeep, off the request path: one daemon thread runs each task, the first time soon
 * after start and then at its interval. A task that fails is logged (at most once a minute) and runs
 * again next time; a slow one delays only other upkeep, never a page.
 */
public final class Housekeeping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread housekeeper = new Thread(runnable, "store-housekeeping");
        housekeeper.setDaemon(true);
        return housekeeper;
    });
    private final LogThrottle failureLogs = LogThrottle.perMinute();

    /** Runs {@code task} after {@code first}, then {@code every} after each run ends. */
    public void schedule(String what, Duration first, Duration every, Runnable task) {
        thread.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (Throwable e) { // A thrown task would never be scheduled again.
                if (failureLogs.due()) {
                    log.warn("housekeeping ({}) failed, will try again: {}", what, e.toString());
                }
            }
        }, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the upkeep; a task in a store call is interrupted and the thread, a daemon, does not hold the JVM. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
