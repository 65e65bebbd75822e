package dev.resumesite.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A resume's location reads the way its country's post writes an address; any other country as written. */
@Tag("unit")
class LocationTest {

    @Test
    void a_us_address_reads_city_comma_state_and_zip() {
        Location sf = new Location("2712 Broadway St", "94115", "San Francisco", "CA", "US");

        assertEquals(List.of("2712 Broadway St", "San Francisco, CA 94115"), sf.lines());
        assertEquals("2712 Broadway St, San Francisco, CA 94115, United States", sf.text());
    }

    @Test
    void a_us_zip_written_with_its_state_keeps_that_order_and_the_region_after_it() {
        // The official schema's sample: region "California", postalCode "CA 94115".
        assertEquals("2712 Broadway St, San Francisco, CA 94115, California, United States",
                new Location("2712 Broadway St", "CA 94115", "San Francisco", "California", "US").text());
    }

    @Test
    void a_canadian_address_reads_like_a_us_one_with_its_postal_code_after_the_province() {
        assertEquals("Toronto, ON M5V 2T6, Canada", new Location(null, "M5V 2T6", "Toronto", "ON", "CA").text());
    }

    @Test
    void a_us_city_without_a_zip_keeps_its_state_after_a_comma() {
        assertEquals("Portland, Oregon, United States", new Location("", "", "Portland", "Oregon", "us").text());
    }

    @Test
    void a_british_address_puts_the_postcode_on_its_own_line_after_the_town_in_capitals() {
        Location london = new Location("Flat 4\n27 Camden Road", "nw1 9ln", "London", null, "GB");

        assertEquals(List.of("Flat 4", "27 Camden Road", "London", "NW1 9LN"), london.lines());
        assertEquals("Flat 4, 27 Camden Road, London, NW1 9LN, United Kingdom", london.text());
    }

    @Test
    void a_german_address_puts_the_postal_code_before_the_city_and_does_not_repeat_a_city_state() {
        assertEquals("Invalidenstraße 116, 10115 Berlin, Germany",
                new Location("Invalidenstraße 116", "10115", "Berlin", "Berlin", "DE").text());
    }

    @Test
    void a_french_address_puts_the_postal_code_before_the_city() {
        assertEquals(List.of("8 rue de Rivoli", "75004 Paris", "Île-de-France"),
                new Location("8 rue de Rivoli", "75004", "Paris", "Île-de-France", "FR").lines());
    }

    @Test
    void a_japanese_address_in_japanese_script_runs_from_the_postal_code_down() {
        assertEquals(List.of("〒150-0002 東京都渋谷区渋谷2-21-1"),
                new Location("渋谷2-21-1", "150-0002", "渋谷区", "東京都", "JP").lines());
    }

    @Test
    void a_japanese_address_in_latin_letters_follows_japan_posts_order_for_mail_from_abroad() {
        assertEquals("2-21-1 Shibuya, Shibuya-ku, Tokyo 150-0002, Japan",
                new Location("2-21-1 Shibuya", "150-0002", "Shibuya-ku", "Tokyo", "JP").text());
    }

    @Test
    void any_other_country_or_a_country_given_by_name_keeps_the_order_as_written() {
        assertEquals("Keizersgracht 1, 1015 CJ Amsterdam, North Holland, Netherlands",
                new Location("Keizersgracht 1", "1015 CJ", "Amsterdam", "North Holland", "NL").text());
        assertEquals("94105 San Francisco, California, Somewhere",
                new Location(null, "94105", "San Francisco", "California", "Somewhere").text());
    }

    @Test
    void a_location_with_nothing_in_it_reads_as_nothing() {
        assertEquals("", new Location(null, " ", null, "", null).text());
        assertEquals(List.of(), new Location(null, null, null, null, "US").lines());
    }
}
