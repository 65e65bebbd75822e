package dev.resumesite.config;

/**
 * A mistake in configuration or content that must stop start-up. The message is shown to the
 * operator as one line, so it names the source (variable or file), the field and the fix.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
