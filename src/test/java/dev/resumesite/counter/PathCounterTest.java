package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A path's write against a store that misbehaves on cue: asked again within the request's budget, never past it. */
@Tag("unit")
class PathCounterTest {
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    /**
     * Room for several retries (the pauses double from 25 ms) even when a loaded machine stalls a thread,
     * or a first attempt, for seconds: the test asks that the write was asked again.
     */
    private static final Duration BUDGET = Duration.ofMillis(5_000);
    /** A write refused past its budget gives up within about one pause of it; the rest is scheduling on a busy machine. */
    private static final long SLACK_MILLIS = 2_000;

    private final ScriptedStore store = new ScriptedStore();
    private final PathCounter paths = new PathCounter(store, "default", 1, BUDGET);

    @Test
    void a_write_the_store_could_not_take_is_asked_again_and_counts_once_with_its_claim() {
        store.failNextWrites(2, new StoreUnavailableException("scripted: busy", null));
        FirstVisitClaim claim = new FirstVisitClaim(TODAY, "visitor-key");

        assertEquals(new Totals(1, 1), paths.record("/post", TODAY, claim, System.nanoTime()));
        assertTrue(claim.won());
        assertEquals(1, store.total());
    }

    @Test
    void past_the_requests_budget_the_write_is_refused_with_nothing_counted_and_the_claim_still_open() {
        store.failWrites(new StoreUnavailableException("scripted: down", null));
        FirstVisitClaim claim = new FirstVisitClaim(TODAY, "visitor-key");
        long started = System.nanoTime();

        assertThrows(StoreUnavailableException.class, () -> paths.record("/post", TODAY, claim, started));

        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(tookMillis < BUDGET.toMillis() + SLACK_MILLIS, "gave up after " + tookMillis + " ms");
        assertTrue(store.claimCalls() > 1, "asked again while the budget lasted");
        assertTrue(claim.isOpen());
        assertEquals(0, store.total());
    }

    @Test
    void a_write_that_landed_with_its_answer_lost_is_counted_once_even_when_its_re_read_fails() {
        paths.record("/post", TODAY, null, System.nanoTime());
        StoreUnavailableException unavailable = new StoreUnavailableException("scripted: answer lost", null);
        store.loseNextAnswers(1, unavailable).failReads(unavailable);

        Totals answered = paths.record("/post", TODAY, null, System.nanoTime());

        assertEquals(new Totals(1, 0), answered, "the last known totals, not a failure a caller would retry");
        assertEquals(2, store.total(), "the second view landed once, not again on the retry");
    }

    @Test
    void a_write_that_landed_with_its_answer_lost_answers_the_re_read_when_it_works() {
        store.loseNextAnswers(1, new StoreUnavailableException("scripted: answer lost", null));

        assertEquals(new Totals(1, 0), paths.record("/post", TODAY, null, System.nanoTime()));
        assertEquals(1, store.total());
    }

    @Test
    void a_path_takes_room_under_the_cap_only_once_its_view_is_written() {
        store.failWrites(new StoreUnavailableException("scripted: down", null));
        assertThrows(StoreUnavailableException.class, () -> paths.record("/first", TODAY, null, System.nanoTime()));
        assertTrue(paths.admits("/second"), "a failed write took no room");

        store.heal();
        paths.record("/second", TODAY, null, System.nanoTime());
        assertTrue(paths.admits("/second"));
        assertFalse(paths.admits("/first"), "the one path allowed is taken");
    }
}
