package dev.resumesite.resume;

import java.util.List;

/** Unpaid work; no endDate means it is ongoing. */
public record Volunteer(
        String organization,
        String position,
        String url,
        String startDate,
        String endDate,
        String summary,
        List<String> highlights) {

    public Volunteer {
        highlights = Lists.orEmpty(highlights);
    }

    public DateRange dates() {
        return new DateRange(startDate, endDate);
    }

    public String period() {
        return dates().text();
    }
}
