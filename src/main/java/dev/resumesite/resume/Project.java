package dev.resumesite.resume;

import java.util.List;

/** Something the person built outside a job entry; no endDate means it is still active. */
public record Project(
        String name,
        String description,
        List<String> highlights,
        String url,
        String startDate,
        String endDate) {

    public Project {
        highlights = Lists.orEmpty(highlights);
    }

    public DateRange dates() {
        return new DateRange(startDate, endDate);
    }

    public String period() {
        return dates().text();
    }
}
