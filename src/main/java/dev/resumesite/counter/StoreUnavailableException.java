package dev.resumesite.counter;

/**
 * The store did not answer, or answered with a failure that passes by itself (timeout, throttling,
 * connection reset, 5xx, a busy database file). Whether a write reached the store is unknown, so
 * callers retry with the same {@link WriteToken} or give up on showing a number.
 */
public final class StoreUnavailableException extends StoreException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
