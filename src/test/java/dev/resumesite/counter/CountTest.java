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
        assertEquals("0", Count.exact(0).formatted());
        assertEquals("999", Count.exact(999).formatted());
        assertEquals("1,234,567", Count.exact(1_234_567).formatted());
    }

    @Test
    void a_last_known_count_is_marked_as_updating() {
        assertTrue(Count.lastKnown(5).updating());
        assertFalse(Count.exact(5).updating());
    }
}
