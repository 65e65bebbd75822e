package dev.resumesite.stats;

import dev.resumesite.counter.DayTotals;
import dev.resumesite.counter.Totals;
import java.time.Instant;
import java.util.List;

/**
 * The site's numbers at one moment, as {@code /stats}, its exports and the badge show them: the
 * all-time totals and every UTC day of the last {@value StatsSource#HISTORY_DAYS}, oldest first, days
 * without a view included as zeros; the same for downloads of the PDF, which are never page views.
 * {@code stale} is true when the store could not be read at the last refresh, so these are older
 * figures than the page says.
 */
public record SiteStats(Instant takenAt, Totals totals, List<DayTotals> days, Totals downloads,
                        List<DayTotals> downloadDays, boolean stale) {

    public SiteStats {
        days = List.copyOf(days);
        downloadDays = List.copyOf(downloadDays);
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

    SiteStats asStale() {
        return new SiteStats(takenAt, totals, days, downloads, downloadDays, true);
    }
}
