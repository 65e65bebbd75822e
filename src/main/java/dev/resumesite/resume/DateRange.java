package dev.resumesite.resume;

import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A start and end date as JSON Resume writes them (YYYY, YYYY-MM or YYYY-MM-DD), labelled the way
 * resumes show them: "Mar 2021 – Present", "2018 – 2021". A missing end means "still going".
 */
public record DateRange(String start, String end) {
    /** The schema's own pattern, with the month limited to 01-12 and the day to 01-31. */
    private static final Pattern PARTIAL_ISO_DATE =
            Pattern.compile("\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?");

    /** The whole range as one label; only the end if there is no start; "" if there is neither. */
    public String text() {
        if (start == null) {
            return end == null ? "" : label(end);
        }
        return startLabel() + " – " + endLabel();
    }

    public String startLabel() {
        return label(start);
    }

    /** The start for a {@code <time datetime>}: what the page shows, as YYYY or YYYY-MM. */
    public String startDatetime() {
        return machine(start);
    }

    public String endDatetime() {
        return machine(end);
    }

    public String endLabel() {
        return end == null ? "Present" : label(end);
    }

    /** "2021-03" and "2021-03-15" become "Mar 2021" (resumes rarely show days); "2018" stays; null becomes "". */
    public static String label(String isoDate) {
        if (isoDate == null) {
            return "";
        }
        if (isoDate.length() == 4) {
            return isoDate;
        }
        // Fixed English month names: the page is English whatever the server's default locale is.
        Month month = Month.of(Integer.parseInt(isoDate.substring(5, 7)));
        return month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + isoDate.substring(0, 4);
    }

    /**
     * The machine-readable form of what the page shows, for a {@code <time datetime>}: the year or
     * the year and month. The day is never shown, so "2023-02-30" (which the schema allows) is "2023-02".
     */
    public static String machine(String isoDate) {
        return isoDate == null || isoDate.length() <= 7 ? isoDate : isoDate.substring(0, 7);
    }

    /** True for YYYY, YYYY-MM or YYYY-MM-DD with a real month; the day only needs to be 01-31, as it is not shown. */
    static boolean isValid(String isoDate) {
        return PARTIAL_ISO_DATE.matcher(isoDate).matches();
    }
}
