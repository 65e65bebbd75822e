package dev.resumesite.resume;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where the person is based; countryCode is ISO 3166-1 alpha-2 ("US"). */
public record Location(String city, String region, String countryCode) {

    /** "Portland, Oregon, United States", skipping whatever parts are absent; "" if all are. */
    public String text() {
        String country = countryCode == null || countryCode.isBlank()
                ? null
                : new Locale("", countryCode).getDisplayCountry(Locale.ENGLISH);
        return Stream.of(city, region, country)
                .filter(part -> part != null && !part.isBlank())
                .collect(Collectors.joining(", "));
    }
}
