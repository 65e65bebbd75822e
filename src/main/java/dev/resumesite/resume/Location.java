package dev.resumesite.resume;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the person is based. {@code address} may hold several lines separated by "\n" (the schema
 * says so); {@code countryCode} should be ISO 3166-1 alpha-2 ("US"), but a country's name is common.
 */
public record Location(String address, String postalCode, String city, String region, String countryCode) {

    /**
     * The address in its country's order, lines joined by ", ", then the country, skipping absent
     * parts: "2712 Broadway St, San Francisco, CA 94115, United States"; "" if all are absent.
     */
    public String text() {
        List<String> parts = new ArrayList<>(lines());
        Optional.ofNullable(country()).filter(name -> !name.isBlank()).ifPresent(parts::add);
        return String.join(", ", parts);
    }

    /** The address lines without the country, in the order of its country's post ({@link PostalConventions}). */
    public List<String> lines() {
        return PostalConventions.lines(address, postalCode, city, region, countryCode);
    }

    /** "US" becomes "United States"; anything that is not a known two-letter code is shown as written. */
    public String country() {
        if (countryCode == null) {
            return null;
        }
        String code = countryCode.strip();
        if (code.matches("[A-Za-z]{2}")) {
            String name = new Locale("", code.toUpperCase(Locale.ROOT)).getDisplayCountry(Locale.ENGLISH);
            if (!name.equalsIgnoreCase(code)) {
                return name;
            }
        }
        return code;
    }
}
