package dev.resumesite.stats;

import dev.resumesite.counter.DayTotals;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of the stats chart, computed here so the template only places elements: page views
 * per day as bars, unique visitors per day as a line with points, a y axis with round ticks and
 * dates along the x axis. Views and visitors differ in shape (bars, line), not only in colour, so
 * the chart reads in print and for people who do not tell the colours apart.
 */
public record Chart(int width, int height, Area plot, List<Bar> bars, String visitorsLine, List<Point> points,
                    List<Tick> yTicks, List<Tick> xTicks, String title, String description) {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 280;
    private static final Area PLOT = new Area(56, 16, WIDTH - 56 - 16, HEIGHT - 16 - 40);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMM", Locale.UK);
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.UK);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", Locale.UK);

    /** The plotting area inside the axes, in SVG user units. */
    public record Area(int x, int y, int width, int height) {
        public int bottom() {
            return y + height;
        }

        public int right() {
            return x + width;
        }
    }

    /** One day's bar, with its day and views for the tooltip. */
    public record Bar(String x, String y, String width, String height, String label) {
    }

    /** One day's visitors point. */
    public record Point(String x, String y) {
    }

    /** A tick and its label: the position along its axis and the text. */
    public record Tick(String at, String label) {
    }

    public static Chart of(List<DayTotals> days) {
        long highest = 1;
        for (DayTotals day : days) {
            highest = Math.max(highest, Math.max(day.views(), day.visitors()));
        }
        long step = niceStep(highest);
        long top = ((highest + step - 1) / step) * step;
        double slot = (double) PLOT.width() / days.size();
        double barWidth = Math.max(1, slot * 0.7);
        List<Bar> bars = new ArrayList<>();
        List<Point> points = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < days.size(); i++) {
            DayTotals day = days.get(i);
            double left = PLOT.x() + i * slot + (slot - barWidth) / 2;
            double barHeight = (double) day.views() / top * PLOT.height();
            bars.add(new Bar(num(left), num(PLOT.bottom() - barHeight), num(barWidth), num(barHeight),
                    day.day().format(LONG) + ": " + count(day.views()) + " views, " + count(day.visitors()) + " visitors"));
            double cx = PLOT.x() + (i + 0.5) * slot;
            double cy = PLOT.bottom() - (double) day.visitors() / top * PLOT.height();
            line.append(line.isEmpty() ? "" : " ").append(num(cx)).append(',').append(num(cy));
            if (days.size() <= 31) {
                points.add(new Point(num(cx), num(cy)));
            }
        }
        List<Tick> yTicks = new ArrayList<>();
        for (long value = 0; value <= top; value += step) {
            yTicks.add(new Tick(num(PLOT.bottom() - (double) value / top * PLOT.height()), count(value)));
        }
        return new Chart(WIDTH, HEIGHT, PLOT, bars, line.toString(), points, yTicks, xTicks(days, slot),
                "Page views and unique visitors per day, " + days.get(0).day().format(LONG) + " to "
                        + days.get(days.size() - 1).day().format(LONG),
                description(days));
    }

    /** Dates under the bars: every week for a month or less, every fortnight for a quarter, month starts for a year. */
    private static List<Tick> xTicks(List<DayTotals> days, double slot) {
        List<Tick> ticks = new ArrayList<>();
        int every = days.size() <= 31 ? 7 : 14;
        for (int i = 0; i < days.size(); i++) {
            LocalDate day = days.get(i).day();
            int fromEnd = days.size() - 1 - i;
            boolean labelled = days.size() > 120 ? day.getDayOfMonth() == 1 : fromEnd % every == 0;
            if (labelled) {
                ticks.add(new Tick(num(PLOT.x() + (i + 0.5) * slot), day.format(days.size() > 120 ? MONTH : SHORT)));
            }
        }
        return ticks;
    }

    private static String description(List<DayTotals> days) {
        long views = 0;
        long visitors = 0;
        DayTotals busiest = days.get(0);
        for (DayTotals day : days) {
            views += day.views();
            visitors += day.visitors();
            if (day.views() > busiest.views()) {
                busiest = day;
            }
        }
        String text = "Bars show page views per day and the line shows unique visitors per day over " + days.size()
                + " days: " + count(views) + " views and " + count(visitors) + " daily visitors in all.";
        return busiest.views() == 0 ? text + " No views were counted in this period."
                : text + " The busiest day was " + busiest.day().format(LONG) + " with " + count(busiest.views())
                        + " views. The table after the chart lists every day.";
    }

    /** A round step giving four or five ticks: 1, 2 or 5 times a power of ten. */
    static long niceStep(long highest) {
        long step = 1;
        while (true) {
            for (long factor : new long[] {1, 2, 5}) {
                if (highest <= step * factor * 5) {
                    return Math.max(1, step * factor);
                }
            }
            step *= 10;
        }
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String count(long value) {
        return NumberFormat.getIntegerInstance(Locale.US).format(value);
    }
}
