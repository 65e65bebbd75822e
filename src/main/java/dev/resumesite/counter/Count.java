package dev.resumesite.counter;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * A visitor number to show. {@code updating} is true when the store could not confirm a number in
 * time: the value is then the last one known, and the page must say so rather than vouch for it.
 */
public record Count(long value, boolean updating) {

    public static Count exact(long value) {
        return new Count(value, false);
    }

    public static Count lastKnown(long value) {
        return new Count(value, true);
    }

    /** The number as people read it, e.g. {@code 12,345}. */
    public String formatted() {
        return NumberFormat.getIntegerInstance(Locale.US).format(value);
    }
}
