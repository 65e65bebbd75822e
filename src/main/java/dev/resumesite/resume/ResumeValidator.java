package dev.resumesite.resume;

import dev.resumesite.config.ConfigException;
import java.util.List;
import java.util.function.Function;

/**
 * Checks what Jackson cannot, naming each problem by its JSON path: dates the page could only show
 * wrongly, and links it could not follow or must not show. The schema requires no field, so nothing is required here.
 */
final class ResumeValidator {
    private static final String DATE_FIX = "write it as YYYY, YYYY-MM or YYYY-MM-DD, e.g. \"2021-03\"";
    private static final String URL_FIX = "write the full address, e.g. \"https://example.com/page\", or remove it";

    private final String source;

    ResumeValidator(String source) {
        this.source = source;
    }

    void check(Resume resume) {
        ranges("work", resume.work(), Work::dates);
        ranges("volunteer", resume.volunteer(), Volunteer::dates);
        ranges("education", resume.education(), Education::dates);
        ranges("projects", resume.projects(), Project::dates);
        singles("awards", resume.awards(), Award::date, "date");
        singles("certificates", resume.certificates(), Certificate::date, "date");
        singles("publications", resume.publications(), Publication::releaseDate, "releaseDate");

        link("$.basics.url", resume.basics().url());
        links("basics.profiles", resume.basics().profiles(), Profile::url);
        links("work", resume.work(), Work::url);
        links("volunteer", resume.volunteer(), Volunteer::url);
        links("education", resume.education(), Education::url);
        links("certificates", resume.certificates(), Certificate::url);
        links("publications", resume.publications(), Publication::url);
        links("projects", resume.projects(), Project::url);
    }

    private <T> void ranges(String array, List<T> items, Function<T, DateRange> dates) {
        for (int i = 0; i < items.size(); i++) {
            DateRange range = dates.apply(items.get(i));
            date("$." + array + "[" + i + "].startDate", range.start());
            date("$." + array + "[" + i + "].endDate", range.end());
        }
    }

    private <T> void singles(String array, List<T> items, Function<T, String> date, String field) {
        for (int i = 0; i < items.size(); i++) {
            date("$." + array + "[" + i + "]." + field, date.apply(items.get(i)));
        }
    }

    private void date(String path, String value) {
        if (value != null && !DateRange.isValid(value)) {
            throw problem(path, "is \"" + oneLine(value) + "\", which is not a date", DATE_FIX);
        }
    }

    private <T> void links(String array, List<T> items, Function<T, String> url) {
        for (int i = 0; i < items.size(); i++) {
            link("$." + array + "[" + i + "].url", url.apply(items.get(i)));
        }
    }

    /** Absolute links only: a relative path would point into this site, and "javascript:" would run code. */
    private void link(String path, String value) {
        if (value != null && !Urls.isLink(value)) {
            throw problem(path, "is \"" + oneLine(value) + "\", which is not a link a reader can follow", URL_FIX);
        }
    }

    /** The value goes into a one-line message, so any line breaks in it are flattened. */
    private static String oneLine(String value) {
        return value.replaceAll("\\s+", " ");
    }

    private ConfigException problem(String path, String what, String fix) {
        return new ConfigException(source + ": " + path + " " + what + "; " + fix);
    }
}
