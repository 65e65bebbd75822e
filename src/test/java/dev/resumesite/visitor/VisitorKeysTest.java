package dev.resumesite.visitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class VisitorKeysTest {
    private static final byte[] TODAY = "today's secret, 32 bytes long!!!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TOMORROW = "tomorrow's secret, 32 bytes long".getBytes(StandardCharsets.US_ASCII);
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    @Test
    void the_same_person_on_the_same_device_has_the_same_key_all_day() {
        assertEquals(VisitorKeys.of(TODAY, "203.0.113.7", BROWSER, "default"), VisitorKeys.of(TODAY, "203.0.113.7", BROWSER, "default"));
    }

    @Test
    void another_address_device_site_or_day_is_another_key() {
        String key = VisitorKeys.of(TODAY, "203.0.113.7", BROWSER, "default");
        assertNotEquals(key, VisitorKeys.of(TODAY, "203.0.113.8", BROWSER, "default"));
        assertNotEquals(key, VisitorKeys.of(TODAY, "203.0.113.7", BROWSER + " Edg/131.0", "default"));
        assertNotEquals(key, VisitorKeys.of(TODAY, "203.0.113.7", BROWSER, "other-site"));
        assertNotEquals(key, VisitorKeys.of(TOMORROW, "203.0.113.7", BROWSER, "default"));
        assertNotEquals(VisitorKeys.of(TODAY, "1.2.3.4", "5 x", "s"), VisitorKeys.of(TODAY, "1.2.3.4 5", "x", "s"),
                "fields cannot run into each other");
    }

    @Test
    void a_key_is_128_bits_and_shows_nothing_of_the_address() {
        String key = VisitorKeys.of(TODAY, "203.0.113.7", BROWSER, "default");
        assertTrue(key.matches("[A-Za-z0-9_-]{22}"), key);
        assertFalse(key.contains("203"));
    }
}
