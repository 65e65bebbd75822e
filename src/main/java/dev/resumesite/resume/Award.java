package dev.resumesite.resume;

/** A prize or recognition, dated when it was given. */
public record Award(String title, String date, String awarder, String summary) {

    /** "Jan 2023"; "" without a date. */
    public String dateLabel() {
        return DateRange.label(date);
    }

    /** The date for a {@code <time datetime>}, as shown: YYYY or YYYY-MM. */
    public String datetime() {
        return DateRange.machine(date);
    }
}
