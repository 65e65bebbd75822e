package dev.resumesite.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.resumesite.counter.DayShare;
import dev.resumesite.counter.DayTotals;
import dev.resumesite.counter.Dimension;
import dev.resumesite.counter.Totals;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A period's sources and countries, as /stats and the exports list them, from the stored day rows. */
@Tag("unit")
class TopSharesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    private static SiteStats stats(List<DayShare> shares) {
        List<DayTotals> days = new ArrayList<>();
        for (int back = StatsSource.HISTORY_DAYS - 1; back >= 0; back--) {
            days.add(new DayTotals(TODAY.minusDays(back), 0, 0));
        }
        return new SiteStats(Instant.EPOCH, Totals.ZERO, days, Totals.ZERO, days, shares, false);
    }

    private static DayShare source(int daysBack, String value, long views) {
        return new DayShare(TODAY.minusDays(daysBack), Dimension.SOURCE, value, views);
    }

    @Test
    void a_period_sums_its_own_days_most_viewed_first_and_ties_by_name() {
        SiteStats stats = stats(List.of(source(0, "linkedin", 2), source(3, "linkedin", 1), source(6, "github", 3),
                source(7, "google", 50), source(1, "bing", 3), new DayShare(TODAY, Dimension.COUNTRY, "SE", 9)));
        assertEquals(List.of(new SiteStats.Share("bing", 3), new SiteStats.Share("github", 3), new SiteStats.Share("linkedin", 3)),
                stats.top(Dimension.SOURCE, 7), "the eighth day back is outside the week");
        assertEquals(new SiteStats.Share("google", 50), stats.top(Dimension.SOURCE, 30).get(0));
        assertEquals(List.of(new SiteStats.Share("SE", 9)), stats.top(Dimension.COUNTRY, 7));
    }

    @Test
    void past_a_hundred_values_the_least_viewed_join_other_which_comes_last() {
        List<DayShare> shares = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            shares.add(source(i % 3, "site-" + i, 100 + i)); // site-0..site-4 have the fewest views
        }
        shares.add(source(0, "other", 7));
        List<SiteStats.Share> top = stats(shares).top(Dimension.SOURCE, 30);
        assertEquals(101, top.size());
        assertEquals(new SiteStats.Share("site-104", 204), top.get(0));
        assertEquals(new SiteStats.Share("other", 7 + 100 + 101 + 102 + 103 + 104), top.get(100), "stored other and the five least viewed");
    }

    @Test
    void a_period_without_views_has_no_rows() {
        assertEquals(List.of(), stats(List.of()).top(Dimension.SOURCE, 7));
    }
}
