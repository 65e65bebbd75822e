package dev.resumesite.counter;

/**
 * The store did not answer, or answered with a failure worth retrying later (timeout, throttling,
 * connection reset). Whether a write reached the store is unknown, so callers retry with the same
 * {@link WriteToken} or give up on showing a number.
 */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
