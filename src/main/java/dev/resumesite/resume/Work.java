package dev.resumesite.resume;

import java.util.List;

/** A job; no endDate means the person still works there. {@code description} describes the employer. */
public record Work(
        String name,
        String location,
        String description,
        String position,
        String url,
        String startDate,
        String endDate,
        String summary,
        List<String> highlights) {

    public Work {
        highlights = Lists.orEmpty(highlights);
    }

    public DateRange dates() {
        return new DateRange(startDate, endDate);
    }

    /** "Mar 2021 – Present". */
    public String period() {
        return dates().text();
    }
}
