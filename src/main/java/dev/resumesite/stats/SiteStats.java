package dev.resumesite.stats;

import dev.resumesite.counter.DayShare;
import dev.resumesite.counter.DayTotals;
import dev.resumesite.counter.Dimension;
import dev.resumesite.counter.ReaderOrigin;
import dev.resumesite.counter.Totals;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The site's numbers at one moment, as {@code /stats}, its exports and the badge show them: the
 * all-time totals and every UTC day of the last {@value StatsSource#HISTORY_DAYS}, oldest first, days
 * without a view included as zeros; the same for downloads of the PDF, which are never page views;
 * and the page views' breakdown rows (per day, source and country) of those days.
 * {@code stale} is true when the store could not be read at the last refresh, so these are older
 * figures than the page says.
 */
public record SiteStats(Instant takenAt, Totals totals, List<DayTotals> days, Totals downloads,
                        List<DayTotals> downloadDays, List<DayShare> shares, boolean stale) {
    /** Values shown by name in a period's breakdown, as a day keeps; the rest is one "other" row. */
    public static final int TOP_ROWS = 100;

    /** One row of a period's breakdown: a source or a country, and its page views. */
    public record Share(String value, long views) {
    }

    public SiteStats {
        days = List.copyOf(days);
        downloadDays = List.copyOf(downloadDays);
        shares = List.copyOf(shares);
        if (days.isEmpty() || downloadDays.size() != days.size()) {
            throw new IllegalArgumentException("the history always has today, for views and downloads alike");
        }
    }

    public DayTotals today() {
        return days.get(days.size() - 1);
    }

    /** The last {@code count} days up to today, oldest first. */
    public List<DayTotals> lastDays(int count) {
        return days.subList(Math.max(0, days.size() - count), days.size());
    }

    /** Page views and the sum of daily unique visitors over the last {@code count} days, today included. */
    public Totals sumOfLastDays(int count) {
        return sum(lastDays(count));
    }

    /** PDF downloads (and the sum of daily distinct downloaders) over the last {@code count} days. */
    public Totals downloadsOfLastDays(int count) {
        return sum(downloadDays.subList(Math.max(0, downloadDays.size() - count), downloadDays.size()));
    }

    private static Totals sum(List<DayTotals> days) {
        long views = 0;
        long visitors = 0;
        for (DayTotals day : days) {
            views += day.views();
            visitors += day.visitors();
        }
        return new Totals(views, visitors);
    }

    /**
     * The breakdown of the last {@code count} days, today included: the {@value #TOP_ROWS} values with
     * the most views (ties by name), most first, then one "other" row with the rest, if any.
     */
    public List<Share> top(Dimension dimension, int count) {
        LocalDate first = lastDays(count).get(0).day();
        Map<String, Long> views = new HashMap<>();
        for (DayShare share : shares) {
            if (share.dimension() == dimension && !share.day().isBefore(first)) {
                views.merge(share.value(), share.views(), Long::sum);
            }
        }
        long other = views.getOrDefault(ReaderOrigin.OTHER, 0L);
        List<Share> named = new ArrayList<>();
        views.forEach((value, total) -> {
            if (!value.equals(ReaderOrigin.OTHER)) {
                named.add(new Share(value, total));
            }
        });
        named.sort(Comparator.comparingLong(Share::views).reversed().thenComparing(Share::value));
        List<Share> rows = new ArrayList<>(named.subList(0, Math.min(TOP_ROWS, named.size())));
        for (Share beyond : named.subList(rows.size(), named.size())) {
            other += beyond.views();
        }
        if (other > 0) {
            rows.add(new Share(ReaderOrigin.OTHER, other));
        }
        return rows;
    }

    SiteStats asStale() {
        return new SiteStats(takenAt, totals, days, downloads, downloadDays, shares, true);
    }
}
