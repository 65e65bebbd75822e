package dev.resumesite.resume;

/** An article, paper or book, dated when it was released. */
public record Publication(String name, String publisher, String releaseDate, String url, String summary) {

    /** "Oct 2014"; "" without a date. */
    public String dateLabel() {
        return DateRange.label(releaseDate);
    }

    /** The date for a {@code <time datetime>}, as shown: YYYY or YYYY-MM. */
    public String datetime() {
        return DateRange.machine(releaseDate);
    }
}
