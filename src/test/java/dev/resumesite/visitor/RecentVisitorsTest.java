package dev.resumesite.visitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.visitor.RecentVisitors.Seen;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RecentVisitorsTest {
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    @Test
    void a_view_within_the_window_of_the_last_counted_one_is_a_reload() {
        RecentVisitors recent = new RecentVisitors(Duration.ofMinutes(30), 100);
        assertEquals(Seen.NOT_RECENTLY, recent.see("a", 0));
        assertEquals(Seen.WITHIN_WINDOW, recent.see("a", 29 * MINUTE));
        assertEquals(Seen.EARLIER_TODAY, recent.see("a", 30 * MINUTE), "the window runs from the last counted view");
        assertEquals(Seen.WITHIN_WINDOW, recent.see("a", 59 * MINUTE), "holding F5 for an hour counts twice, not 3,600 times");
        assertEquals(Seen.NOT_RECENTLY, recent.see("b", 59 * MINUTE));
    }

    @Test
    void without_a_window_every_view_counts_even_out_of_arrival_order() {
        RecentVisitors recent = new RecentVisitors(Duration.ZERO, 100);
        assertEquals(Seen.NOT_RECENTLY, recent.see("a", 10));
        assertEquals(Seen.EARLIER_TODAY, recent.see("a", 5), "a request that arrived earlier but was seen later");
        assertEquals(Seen.EARLIER_TODAY, recent.see("a", 10));
    }

    @Test
    void memory_stays_bounded_and_a_flood_of_new_keys_never_forgets_everyone_at_once() {
        RecentVisitors recent = new RecentVisitors(Duration.ofMinutes(30), 100);
        for (int i = 0; i < 10_000; i++) {
            recent.see("flood-" + i, MINUTE);
        }
        assertTrue(recent.size() <= 100, "bounded: " + recent.size());
        assertTrue(recent.size() >= 50, "only the excess went, not everyone: " + recent.size());
    }
}
