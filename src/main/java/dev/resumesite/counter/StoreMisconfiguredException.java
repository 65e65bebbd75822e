package dev.resumesite.counter;

/**
 * The store refused in a way that will not pass by itself: the table does not exist, the role may
 * not use it, the credentials are wrong, the request is invalid, the database file is read-only.
 * The message names the setting and the fix, because an operator has to act on it.
 */
public final class StoreMisconfiguredException extends StoreException {
    public StoreMisconfiguredException(String message, Throwable cause) {
        super(message, cause);
    }
}
