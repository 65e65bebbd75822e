package dev.resumesite.resume;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A start and end date as JSON Resume writes them (YYYY, YYYY-MM or YYYY-MM-DD), labelled the way
 * resumes show them: "Mar 2021 – Present", "2018 – 2021". A missing end means "still going".
 */
public record DateRange(String start, String end) {
    private static final Pattern PARTIAL_ISO_DATE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");

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

    /** True for a real calendar date written as YYYY, YYYY-MM or YYYY-MM-DD. */
    static boolean isValid(String isoDate) {
        if (!PARTIAL_ISO_DATE.matcher(isoDate).matches()) {
            return false;
        }
        try {
            switch (isoDate.length()) {
                case 7 -> YearMonth.parse(isoDate);
                case 10 -> LocalDate.parse(isoDate);
                default -> { } // four digits are always a year
            }
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
