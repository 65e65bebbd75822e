package dev.resumesite.resume;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the person is based. {@code address} may hold several lines separated by "\n" (the schema
 * says so); {@code countryCode} should be ISO 3166-1 alpha-2 ("US"), but a country's name is common.
 */
public record Location(String address, String postalCode, String city, String region, String countryCode) {

    /** "2712 Broadway St, CA 94115 San Francisco, California, United States", skipping absent parts; "" if all are. */
    public String text() {
        String addressLines = address == null ? null : address.strip().replaceAll("\\s*\\n\\s*", ", ");
        String town = Stream.of(postalCode, city).filter(part -> part != null)
                .collect(Collectors.joining(" "));
        return Stream.of(addressLines, town, region, country())
                .filter(part -> part != null && !part.isBlank())
                .collect(Collectors.joining(", "));
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
