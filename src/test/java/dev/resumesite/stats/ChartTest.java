package dev.resumesite.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.counter.DayTotals;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ChartTest {
    private static final LocalDate START = LocalDate.of(2026, 10, 27);

    @Test
    void ticks_are_round_numbers_and_the_top_one_covers_the_busiest_day() {
        assertEquals(1, Chart.niceStep(3));
        assertEquals(5, Chart.niceStep(23));
        assertEquals(50, Chart.niceStep(190));
        assertEquals(2000, Chart.niceStep(9_999));
        Chart chart = Chart.of(days(12, 190, 3));
        assertEquals("200", chart.yTicks().get(chart.yTicks().size() - 1).label());
        assertEquals("0", chart.yTicks().get(0).label());
    }

    @Test
    void a_bar_per_day_in_proportion_and_the_description_names_the_busiest_day() {
        Chart chart = Chart.of(days(10, 100, 50));
        assertEquals(3, chart.bars().size());
        assertEquals(Double.parseDouble(chart.bars().get(1).height()) / 10,
                Double.parseDouble(chart.bars().get(0).height()), 0.1);
        assertTrue(chart.description().contains("The busiest day was 28 Oct 2026 with 100 views"), chart.description());
        assertTrue(chart.title().endsWith("27 Oct 2026 to 29 Oct 2026"), chart.title());
    }

    @Test
    void an_empty_period_says_so_instead_of_naming_a_busiest_day() {
        assertTrue(Chart.of(days(0, 0, 0)).description().contains("No views were counted"));
    }

    @Test
    void a_year_is_labelled_by_month() {
        List<DayTotals> year = new ArrayList<>();
        for (int i = 0; i < 365; i++) {
            year.add(new DayTotals(START.plusDays(i), i % 5, i % 3));
        }
        Chart chart = Chart.of(year);
        assertEquals(12, chart.xTicks().size());
        assertTrue(chart.points().isEmpty(), "no point markers on 365 days");
    }

    private static List<DayTotals> days(long... views) {
        List<DayTotals> days = new ArrayList<>();
        for (int i = 0; i < views.length; i++) {
            days.add(new DayTotals(START.plusDays(i), views[i], views[i] / 2));
        }
        return days;
    }
}
