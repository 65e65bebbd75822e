package dev.resumesite.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resumesite.counter.DayTotals;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The daily history as files: CSV for spreadsheets, JSON for programs; one row per UTC day, oldest first. */
public final class Exports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Exports() {
    }

    public static byte[] csv(List<DayTotals> days) {
        StringBuilder csv = new StringBuilder("date,views,visitors\r\n"); // RFC 4180 line ends
        for (DayTotals day : days) {
            csv.append(day.day()).append(',').append(day.views()).append(',').append(day.visitors()).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {"site":…,"generated":…,"totals":{"views":…,"visitors":…,"downloads":…},"days":[{"date":…,"views":…,"visitors":…}]}} */
    public static byte[] json(String site, SiteStats stats, List<DayTotals> days) {
        ObjectNode root = JSON.createObjectNode();
        root.put("site", site);
        root.put("generated", stats.takenAt().toString());
        if (stats.stale()) {
            root.put("stale", true);
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("views", stats.totals().views());
        totals.put("visitors", stats.totals().visitors());
        totals.put("downloads", stats.downloads().views());
        ArrayNode rows = root.putArray("days");
        for (DayTotals day : days) {
            rows.addObject().put("date", day.day().toString()).put("views", day.views()).put("visitors", day.visitors());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of numbers and strings always serialises", e);
        }
    }
}
