package dev.resumesite.counter;

/**
 * The numbers a page shows: page views (this visit's own number when it was counted) and unique
 * visitors. {@code updating} is true when the store could not confirm them in time: they are then
 * the last ones known, and the page must say so rather than vouch for them.
 */
public record Count(long views, long visitors, boolean updating) {

    public static Count exact(long views, long visitors) {
        return new Count(views, visitors, false);
    }

    public static Count lastKnown(Totals totals) {
        return new Count(totals.views(), totals.visitors(), true);
    }

    /** The view number as people read it, e.g. {@code 12,345}. */
    public String viewsText() {
        return format(views);
    }

    public String visitorsText() {
        return format(visitors);
    }

    /** Thousands separated by commas, as NumberFormat does for Locale.US, without building one per page. */
    private static String format(long value) {
        String digits = Long.toString(Math.abs(value));
        StringBuilder text = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (value < 0) {
            text.append('-');
        }
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                text.append(',');
            }
            text.append(digits.charAt(i));
        }
        return text.toString();
    }
}
