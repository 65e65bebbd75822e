package dev.resumesite.resume;

import java.util.List;

/**
 * Something the person built outside a job entry; no endDate means it is still active. {@code entity}
 * is who it was for ("Smoogle"), {@code type} what it is ("application", "talk").
 */
public record Project(
        String name,
        String description,
        List<String> highlights,
        List<String> keywords,
        String startDate,
        String endDate,
        String url,
        List<String> roles,
        String entity,
        String type) {

    public Project {
        highlights = Lists.orEmpty(highlights);
        keywords = Lists.orEmpty(keywords);
        roles = Lists.orEmpty(roles);
    }

    public DateRange dates() {
        return new DateRange(startDate, endDate);
    }

    public String period() {
        return dates().text();
    }
}
