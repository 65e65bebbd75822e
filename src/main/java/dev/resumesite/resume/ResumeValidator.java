package dev.resumesite.resume;

import dev.resumesite.config.ConfigException;
import java.util.List;
import java.util.function.Function;

/** Checks what Jackson cannot: the required fields and the date formats, naming each by its JSON path. */
final class ResumeValidator {
    private static final String DATE_FIX = "write it as YYYY, YYYY-MM or YYYY-MM-DD, e.g. \"2021-03\"";

    private final String source;

    ResumeValidator(String source) {
        this.source = source;
    }

    void check(Resume resume) {
        if (resume.basics() == null) {
            throw problem("$.basics", "is missing", "add a basics object with the person's name and label");
        }
        requireText("$.basics.name", resume.basics().name(), "add the person's name as a string");
        requireText("$.basics.label", resume.basics().label(),
                "add a one-line title as a string, e.g. \"Cloud Engineer\"");
        ranges("work", resume.work(), Work::dates);
        ranges("volunteer", resume.volunteer(), Volunteer::dates);
        ranges("education", resume.education(), Education::dates);
        ranges("projects", resume.projects(), Project::dates);
        singles("awards", resume.awards(), Award::date);
        singles("certificates", resume.certificates(), Certificate::date);
    }

    private void requireText(String path, String value, String fix) {
        if (value == null || value.isBlank()) {
            throw problem(path, value == null ? "is missing" : "is empty", fix);
        }
    }

    private <T> void ranges(String array, List<T> items, Function<T, DateRange> dates) {
        for (int i = 0; i < items.size(); i++) {
            DateRange range = dates.apply(items.get(i));
            date("$." + array + "[" + i + "].startDate", range.start());
            date("$." + array + "[" + i + "].endDate", range.end());
        }
    }

    private <T> void singles(String array, List<T> items, Function<T, String> date) {
        for (int i = 0; i < items.size(); i++) {
            date("$." + array + "[" + i + "].date", date.apply(items.get(i)));
        }
    }

    private void date(String path, String value) {
        if (value != null && !DateRange.isValid(value)) {
            // The value goes into a one-line message, so any line breaks in it are flattened.
            String shown = value.replaceAll("\\s+", " ");
            throw problem(path, "is \"" + shown + "\", which is not a date", DATE_FIX);
        }
    }

    private ConfigException problem(String path, String what, String fix) {
        return new ConfigException(source + ": " + path + " " + what + "; " + fix);
    }
}
