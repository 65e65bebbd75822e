package dev.resumesite.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resumesite.counter.DayTotals;
import dev.resumesite.counter.Dimension;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The figures as files: CSV for spreadsheets (the days, one row per UTC day, oldest first; or a
 * period's sources or countries, one row each, as {@code /stats} lists them), JSON for programs (all of it).
 */
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

    /**
     * A period's breakdown, {@code source,views} or {@code country,views}, most viewed first, "other"
     * last. Values need no quoting: sources and countries hold no comma, quote or line break, and
     * never start with a formula's {@code = + - @}.
     */
    public static byte[] csv(Dimension dimension, List<SiteStats.Share> shares) {
        StringBuilder csv = new StringBuilder(dimension.label()).append(",views\r\n");
        for (SiteStats.Share share : shares) {
            csv.append(share.value()).append(',').append(share.views()).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code {"site":…,"generated":…,"totals":{"views":…,"visitors":…,"downloads":…},"days":[{"date":…,"views":…,"visitors":…}],
     * "sources":[{"source":…,"views":…}],"countries":[{"country":…,"views":…}]}}, the breakdowns over the same days
     */
    public static byte[] json(String site, SiteStats stats, int range) {
        List<DayTotals> days = stats.lastDays(range);
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
        for (Dimension dimension : Dimension.values()) {
            ArrayNode shares = root.putArray(dimension.plural());
            for (SiteStats.Share share : stats.top(dimension, range)) {
                shares.addObject().put(dimension.label(), share.value()).put("views", share.views());
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of numbers and strings always serialises", e);
        }
    }
}
