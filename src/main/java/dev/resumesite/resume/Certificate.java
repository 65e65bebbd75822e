package dev.resumesite.resume;

/** A professional certification, dated when it was earned. */
public record Certificate(String name, String date, String issuer, String url) {

    /** "May 2023"; "" without a date. */
    public String dateLabel() {
        return DateRange.label(date);
    }

    /** The date for a {@code <time datetime>}, as shown: YYYY or YYYY-MM. */
    public String datetime() {
        return DateRange.machine(date);
    }
}
