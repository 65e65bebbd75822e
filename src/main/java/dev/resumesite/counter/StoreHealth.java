package dev.resumesite.counter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the last call of one kind (reads or writes) to the store said, for {@code /healthz} and the
 * logs. Transient failures log once when they start; a failure the owner must fix, or one the store
 * was never meant to throw, logs as an error at most once a minute, so a long outage stays readable.
 */
final class StoreHealth {
    private static final Logger log = LoggerFactory.getLogger(StoreHealth.class);

    /** How the counter stands, from best to worst. */
    enum State { OK, DEGRADED, FAILING }

    /** A state and, unless OK, why. */
    record Status(State state, String reason) {
        static final Status OK = new Status(State.OK, "");

        Status worse(Status other) {
            return other.state.compareTo(state) > 0 ? other : this;
        }
    }

    private final String calls;
    private final LogThrottle loudLogs = LogThrottle.perMinute();
    private volatile Status status = Status.OK;

    /** @param calls what these calls are, for the logs ("writes", "reads") */
    StoreHealth(String calls) {
        this.calls = calls;
    }

    Status status() {
        return status;
    }

    void answered() {
        if (status.state() != State.OK) {
            log.info("store {} answer again", calls);
            status = Status.OK;
        }
    }

    void failed(Throwable e) {
        Status before = status;
        if (e instanceof StoreUnavailableException) {
            status = new Status(State.DEGRADED, e.getMessage());
            if (before.state() == State.OK) {
                log.warn("store {} fail, retrying: {}", calls, e.getMessage());
            }
        } else if (e instanceof StoreMisconfiguredException) {
            status = new Status(State.FAILING, e.getMessage());
            if (loudLogs.due()) {
                log.error("STORE {} REFUSED, retrying until fixed: {}", calls.toUpperCase(), e.getMessage());
            }
        } else {
            // Not a kind the store promises: a bug. Keep counting (retries are idempotent), but say so.
            status = new Status(State.DEGRADED, "unexpected " + e);
            if (loudLogs.due()) {
                log.error("store {} threw unexpectedly, retrying", calls, e);
            }
        }
    }
}
