package dev.resumesite.visitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class CountriesTest {
    @Test
    void a_two_letter_code_from_a_trusted_proxy_is_the_country() {
        assertEquals("SE", Countries.of("SE"));
        assertEquals("US", Countries.of(" US "));
    }

    @Test
    void no_trusted_header_is_unknown() {
        assertEquals("unknown", Countries.of(null));
    }

    @ParameterizedTest(name = "not a country: [{0}]")
    @ValueSource(strings = {"", "se", "SWE", "S", "S1", "<b>", "ÅÄ", "XX YY"})
    void anything_but_two_letters_a_to_z_is_unknown(String header) {
        assertEquals("unknown", Countries.of(header));
    }
}
