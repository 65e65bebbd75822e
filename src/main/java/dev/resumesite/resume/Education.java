package dev.resumesite.resume;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A degree or course of study, e.g. studyType "Bachelor of Science", area "Computer Science". */
public record Education(
        String institution,
        String url,
        String area,
        String studyType,
        String startDate,
        String endDate,
        String score,
        List<String> courses) {

    public Education {
        courses = Lists.orEmpty(courses);
    }

    /** "Bachelor of Science, Computer Science", or whichever of the two is present. */
    public String degree() {
        return Stream.of(studyType, area).filter(Objects::nonNull).collect(Collectors.joining(", "));
    }

    public DateRange dates() {
        return new DateRange(startDate, endDate);
    }

    public String period() {
        return dates().text();
    }
}
