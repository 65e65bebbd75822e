package dev.resumesite.counter;

/** A counter's all-time totals: page views, and unique visitors (distinct visitors per UTC day, summed over days). */
public record Totals(long views, long visitors) {
    public static final Totals ZERO = new Totals(0, 0);

    /** The larger of each figure: what the highest totals seen so far are. */
    Totals max(Totals other) {
        return new Totals(Math.max(views, other.views), Math.max(visitors, other.visitors));
    }
}
