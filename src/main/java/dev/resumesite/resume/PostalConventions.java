package dev.resumesite.resume;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Puts a location's parts in the order its country writes them: "San Francisco, CA 94105" in the US
 * and Canada, the postcode on a line after the town in the United Kingdom, "10115 Berlin" in Germany
 * and France, from the postal code down in Japanese script. Any other country, or a country given by
 * name rather than code, keeps the schema's order: street, postal code and town, region.
 */
final class PostalConventions {
    private PostalConventions() {
    }

    /** The address lines without the country, in the convention of {@code countryCode} (any case). */
    static List<String> lines(String address, String postalCode, String city, String region, String countryCode) {
        List<String> street = address == null ? List.of() : Arrays.stream(address.split("\n"))
                .map(String::strip).filter(line -> !line.isEmpty()).toList();
        String postal = present(postalCode);
        String town = present(city);
        // "Berlin, Berlin" says nothing twice: a city-state's region is its city.
        String area = present(region) != null && !present(region).equalsIgnoreCase(String.valueOf(town)) ? present(region) : null;
        String country = countryCode == null ? "" : countryCode.strip().toUpperCase(Locale.ROOT);
        return switch (country) {
            // A postal code written with its state ("CA 94115", as the schema's own sample does) is the state
            // and ZIP already; a region beside it is kept, after them, since every value of the file is shown.
            case "US", "CA" -> postal != null && postal.matches("[A-Za-z]{2}\\s+\\S.*")
                    ? lines(street, joined(", ", town, postal), area)
                    : lines(street, joined(", ", town, joined(" ", area, postal)));
            case "GB" -> lines(street, town, area, postal == null ? null : postal.toUpperCase(Locale.ROOT));
            case "DE", "FR" -> lines(street, joined(" ", postal, town), area);
            case "JP" -> japanese(street, postal, town, area);
            default -> lines(street, joined(" ", postal, town), area);
        };
    }

    /**
     * In Japanese script, one line from the largest part down with no separators ("〒150-0002
     * 東京都渋谷区渋谷2-21-1"); in Latin letters, Japan Post's order for mail from abroad: street, city,
     * then prefecture and postal code ("2-21-1 Shibuya, Shibuya-ku, Tokyo 150-0002").
     */
    private static List<String> japanese(List<String> street, String postal, String town, String area) {
        boolean inJapaneseScript = Stream.concat(street.stream(), Stream.of(postal, town, area))
                .filter(Objects::nonNull).anyMatch(PostalConventions::hasJapaneseScript);
        if (!inJapaneseScript) {
            return lines(street, town, joined(" ", area, postal));
        }
        String place = Stream.of(area, town).filter(Objects::nonNull).collect(Collectors.joining())
                + String.join(" ", street);
        return lines(List.of(), joined(" ", postal == null ? null : "〒" + postal, place.isEmpty() ? null : place));
    }

    private static boolean hasJapaneseScript(String text) {
        return text.codePoints().mapToObj(Character.UnicodeScript::of).anyMatch(script -> script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA);
    }

    private static List<String> lines(List<String> street, String... rest) {
        List<String> lines = new ArrayList<>(street);
        Stream.of(rest).filter(Objects::nonNull).forEach(lines::add);
        return List.copyOf(lines);
    }

    /** The present parts joined by {@code separator}; null when none is. */
    private static String joined(String separator, String... parts) {
        String joined = Stream.of(parts).filter(Objects::nonNull).collect(Collectors.joining(separator));
        return joined.isEmpty() ? null : joined;
    }

    private static String present(String part) {
        return part == null || part.isBlank() ? null : part.strip();
    }
}
