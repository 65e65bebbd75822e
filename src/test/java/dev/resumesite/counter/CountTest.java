package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CountTest {
    @Test
    void numbers_are_formatted_with_thousands_separators() {
        assertEquals("0", Count.exact(0, 0).viewsText());
        assertEquals("999", Count.exact(999, 0).viewsText());
        assertEquals("1,234,567", Count.exact(1_234_567, 0).viewsText());
        assertEquals("12,345", Count.exact(99_999, 12_345).visitorsText());
    }

    @Test
    void a_last_known_count_is_marked_as_updating() {
        assertTrue(Count.lastKnown(new Totals(5, 2)).updating());
        assertEquals(new Count(5, 2, true), Count.lastKnown(new Totals(5, 2)));
        assertFalse(Count.exact(5, 2).updating());
    }
}
