package dev.resumesite.counter;

/**
 * A store call failed. The two kinds ask for different answers: {@link StoreUnavailableException}
 * passes by itself (retry later), {@link StoreMisconfiguredException} needs the owner to change
 * something (stop start-up, or report it loudly while retrying slowly).
 */
public abstract sealed class StoreException extends RuntimeException
        permits StoreUnavailableException, StoreMisconfiguredException {
    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
