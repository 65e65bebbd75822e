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
        assertEquals(Seen.NOT_RECENTLY, recent.see("a", 0).seen());
        assertEquals(Seen.WITHIN_WINDOW, recent.see("a", 29 * MINUTE).seen());
        assertEquals(Seen.EARLIER_TODAY, recent.see("a", 30 * MINUTE).seen(), "the window runs from the last counted view");
        assertEquals(Seen.WITHIN_WINDOW, recent.see("a", 59 * MINUTE).seen(), "holding F5 for an hour counts twice, not 3,600 times");
        assertEquals(Seen.NOT_RECENTLY, recent.see("b", 59 * MINUTE).seen());
    }

    @Test
    void without_a_window_every_view_counts_even_out_of_arrival_order() {
        RecentVisitors recent = new RecentVisitors(Duration.ZERO, 100);
        assertEquals(Seen.NOT_RECENTLY, recent.see("a", 10).seen());
        assertEquals(Seen.EARLIER_TODAY, recent.see("a", 5).seen(), "a request that arrived earlier but was seen later");
        assertEquals(Seen.EARLIER_TODAY, recent.see("a", 10).seen());
    }

    @Test
    void a_forgotten_view_of_a_visitor_counted_earlier_today_puts_their_note_back_so_the_retry_is_not_new() {
        RecentVisitors recent = new RecentVisitors(Duration.ofMinutes(30), 100);
        recent.see("a", 0);
        RecentVisitors.Sighting failed = recent.see("a", 31 * MINUTE);
        assertEquals(Seen.EARLIER_TODAY, failed.seen());

        recent.forget("a", 31 * MINUTE, failed.previous());

        assertEquals(Seen.EARLIER_TODAY, recent.see("a", 32 * MINUTE).seen(), "no reload, and no new claim");
    }

    @Test
    void a_forgotten_first_view_leaves_no_note_and_a_later_note_is_kept() {
        RecentVisitors recent = new RecentVisitors(Duration.ofMinutes(30), 100);
        RecentVisitors.Sighting failed = recent.see("a", 0);
        recent.forget("a", 0, failed.previous());
        assertEquals(Seen.NOT_RECENTLY, recent.see("a", MINUTE).seen(), "the retry is not a reload");

        recent.forget("a", 0, null);
        assertEquals(Seen.WITHIN_WINDOW, recent.see("a", 2 * MINUTE).seen(), "the retry's note was not the one taken back");
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
