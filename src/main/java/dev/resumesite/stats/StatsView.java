package dev.resumesite.stats;

import dev.resumesite.counter.DayTotals;
import dev.resumesite.counter.Dimension;
import dev.resumesite.counter.ReaderOrigin;
import dev.resumesite.counter.Totals;
import java.text.NumberFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What {@code templates/stats.html} shows: the summary figures, the chart of the chosen range and
 * its data table, the range's top sources and countries, and the links to the other ranges and the
 * exports (carrying the token when the page is private).
 */
public record StatsView(Summary allTime, Summary today, Summary last7, Summary last30, Summary last365,
                        int range, List<Range> ranges, Chart chart, List<Row> rows, List<Breakdown> breakdowns,
                        String takenAt, boolean stale,
                        String csvUrl, String sourcesCsvUrl, String countriesCsvUrl, String jsonUrl, String badgeUrl) {

    /** The ranges a visitor may choose; any other {@code days} value is refused. */
    public static final List<Integer> RANGES = List.of(7, 30, 90, 365);

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm 'UTC'", Locale.UK)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ROW_DAY = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.UK);

    /** A period's figures as the page prints them; downloads of the PDF apart from the page's views. */
    public record Summary(String views, String visitors, String downloads) {
        static Summary of(Totals totals, Totals downloads) {
            return new Summary(format(totals.views()), format(totals.visitors()), format(downloads.views()));
        }
    }

    /** A range link; {@code current} marks the one shown. */
    public record Range(int days, String url, boolean current) {
    }

    /** One line of the data table. */
    public record Row(String date, String label, long views, long visitors, String viewsText, String visitorsText) {
    }

    /** A breakdown table: its element id, caption (the period is added), first column's heading and rows. */
    public record Breakdown(String id, String caption, String heading, List<ShareRow> rows) {
    }

    /**
     * One line of a breakdown table: what it names, its views, its share of the period's views, and
     * its bar's length (0-100, the largest row's is 100).
     */
    public record ShareRow(String value, String label, long views, String viewsText, String percent, int bar) {
        static List<ShareRow> of(List<SiteStats.Share> shares, UnaryOperator<String> label) {
            long total = shares.stream().mapToLong(SiteStats.Share::views).sum();
            long largest = shares.stream().mapToLong(SiteStats.Share::views).max().orElse(1);
            return shares.stream().map(share -> new ShareRow(share.value(), label.apply(share.value()), share.views(),
                    format(share.views()), percent(share.views(), total), (int) Math.round(100.0 * share.views() / largest))).toList();
        }

        private static String percent(long views, long total) {
            long percent = Math.round(100.0 * views / total);
            return percent == 0 ? "<1%" : percent + "%";
        }
    }

    /** @param query what every link on the page must carry ({@code ""}, or {@code token=…} for a private page) */
    public static StatsView of(SiteStats stats, int range, String query) {
        List<DayTotals> days = stats.lastDays(range);
        String and = query.isEmpty() ? "" : "&" + query;
        return new StatsView(
                Summary.of(stats.totals(), stats.downloads()),
                Summary.of(stats.sumOfLastDays(1), stats.downloadsOfLastDays(1)),
                Summary.of(stats.sumOfLastDays(7), stats.downloadsOfLastDays(7)),
                Summary.of(stats.sumOfLastDays(30), stats.downloadsOfLastDays(30)),
                Summary.of(stats.sumOfLastDays(365), stats.downloadsOfLastDays(365)),
                range,
                RANGES.stream().map(choice -> new Range(choice, "/stats?days=" + choice + and, choice == range)).toList(),
                Chart.of(days),
                days.stream().map(day -> new Row(day.day().toString(), day.day().format(ROW_DAY), day.views(),
                        day.visitors(), format(day.views()), format(day.visitors()))).toList(),
                List.of(new Breakdown("sources-table", "Top sources of page views", "Source",
                                ShareRow.of(stats.top(Dimension.SOURCE, range), StatsView::sourceLabel)),
                        new Breakdown("countries-table", "Countries of page views", "Country",
                                ShareRow.of(stats.top(Dimension.COUNTRY, range), StatsView::countryLabel))),
                WHEN.format(stats.takenAt()),
                stats.stale(),
                "/stats.csv?days=" + range + and,
                "/stats.csv?rows=sources&days=" + range + and,
                "/stats.csv?rows=countries&days=" + range + and,
                "/stats.json?days=" + range + and,
                "/badge.svg");
    }

    /** A source as the table names it: hosts and tags as they are, the two words of our own capitalised. */
    static String sourceLabel(String source) {
        return switch (source) {
            case ReaderOrigin.DIRECT -> "Direct (no referrer)";
            case ReaderOrigin.OTHER -> "Other";
            default -> source;
        };
    }

    /** A country by its English name and code ("Sweden (SE)"); the code alone if Java does not know it. */
    static String countryLabel(String country) {
        return switch (country) {
            case ReaderOrigin.UNKNOWN -> "Unknown";
            case ReaderOrigin.OTHER -> "Other";
            default -> {
                String name = new Locale.Builder().setRegion(country).build().getDisplayCountry(Locale.UK);
                yield name.isEmpty() || name.equals(country) ? country : name + " (" + country + ")";
            }
        };
    }

    private static String format(long value) {
        return NumberFormat.getIntegerInstance(Locale.US).format(value);
    }
}
