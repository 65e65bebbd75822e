package dev.resumesite.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed values out of the process environment. Every failure becomes a {@link ConfigException}
 * that names the variable, the value it had and what is allowed, so start-up stops with one line.
 */
final class EnvReader {
    private final Map<String, String> env;

    EnvReader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    String text(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** A value that must be present; {@code why} says when it is needed. */
    String required(String name, String why) {
        String value = text(name, null);
        if (value == null) {
            throw new ConfigException(name + " is not set; " + why);
        }
        return value;
    }

    int integer(String name, int fallback, int min, int max) {
        return parsed(name, fallback, "a whole number from " + min + " to " + max, raw -> {
            int value = Integer.parseInt(raw);
            return value >= min && value <= max ? value : null;
        });
    }

    Duration millis(String name, Duration fallback, long min, long max) {
        return parsed(name, fallback, "a number of milliseconds from " + min + " to " + max, raw -> {
            long value = Long.parseLong(raw);
            return value >= min && value <= max ? Duration.ofMillis(value) : null;
        });
    }

    boolean flag(String name, boolean fallback) {
        return parsed(name, fallback, "true or false", raw -> switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        });
    }

    /** One of a fixed set of lower-case words, e.g. {@code embedded} or {@code dynamodb}. */
    String choice(String name, String fallback, Set<String> allowed) {
        return parsed(name, fallback, "one of " + String.join(", ", allowed.stream().sorted().toList()),
                raw -> allowed.contains(raw) ? raw : null);
    }

    Path path(String name, Path fallback) {
        return parsed(name, fallback, "a file system path", Path::of);
    }

    URI httpUri(String name) {
        return parsed(name, null, "an http:// or https:// URL such as http://127.0.0.1:8000", raw -> {
            URI uri = URI.create(raw);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return web && uri.getHost() != null ? uri : null;
        });
    }

    /** A value matching a pattern, e.g. a table name; {@code rule} describes the pattern to people. */
    String matching(String name, String fallback, String regex, String rule) {
        return parsed(name, fallback, rule, raw -> raw.matches(regex) ? raw : null);
    }

    /** Like {@link #matching}, but a bad value is not repeated in the error, which may end up in logs. */
    String secret(String name, String regex, String rule) {
        String raw = text(name, "");
        if (!raw.isEmpty() && !raw.matches(regex)) {
            throw new ConfigException(name + " (value not shown) is not valid: expected " + rule);
        }
        return raw;
    }

    /** A value parsed by {@code parser}, which returns null or throws for a bad value. */
    <T> T parsed(String name, T fallback, String allowed, Function<String, T> parser) {
        String raw = text(name, null);
        if (raw == null) {
            return fallback;
        }
        T value;
        try {
            value = parser.apply(raw);
        } catch (RuntimeException e) {
            value = null;
        }
        if (value == null) {
            throw new ConfigException(name + "=" + raw + " is not valid: expected " + allowed);
        }
        return value;
    }
}
