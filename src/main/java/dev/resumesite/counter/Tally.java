package dev.resumesite.counter;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one store write adds: page views, first-time visitors and where those views came from
 * (views per source and per country), all on one UTC day, so the day's history and its breakdowns
 * move in the same write as the all-time totals.
 */
public record Tally(LocalDate day, long views, long visitors, Map<String, Long> sources, Map<String, Long> countries) {
    public Tally {
        if (views < 0 || visitors < 0 || visitors > views) {
            throw new IllegalArgumentException("a tally needs 0 <= visitors <= views: " + views + ", " + visitors);
        }
        sources = checked(sources, views, "sources");
        countries = checked(countries, views, "countries");
    }

    /** Views and visitors without breakdowns (the API's paths, tests of the totals). */
    public Tally(LocalDate day, long views, long visitors) {
        this(day, views, visitors, Map.of(), Map.of());
    }

    /** The views of these visits, all of {@code day}, with their breakdowns; no visitors yet (their claims are open). */
    public static Tally of(LocalDate day, List<Visit> visits) {
        Map<String, Long> sources = new TreeMap<>();
        Map<String, Long> countries = new TreeMap<>();
        for (Visit visit : visits) {
            ReaderOrigin origin = visit.origin();
            if (!origin.source().isEmpty()) {
                sources.merge(origin.source(), 1L, Long::sum);
            }
            if (!origin.country().isEmpty()) {
                countries.merge(origin.country(), 1L, Long::sum);
            }
        }
        return new Tally(day, visits.size(), 0, sources, countries);
    }

    /** The same tally with {@code visitors} new visitors (once the batch's claims are settled). */
    public Tally withVisitors(long visitors) {
        return new Tally(day, views, visitors, sources, countries);
    }

    /** Whether any view of the tally is in a breakdown. */
    public boolean hasBreakdowns() {
        return !sources.isEmpty() || !countries.isEmpty();
    }

    /** The views per value of one dimension. */
    public Map<String, Long> of(Dimension dimension) {
        return dimension == Dimension.SOURCE ? sources : countries;
    }

    /** A breakdown is a share of the views: each count positive, no more in all than the views, sorted by value. */
    private static Map<String, Long> checked(Map<String, Long> counts, long views, String name) {
        long sum = 0;
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            if (entry.getKey().isEmpty() || entry.getValue() <= 0) {
                throw new IllegalArgumentException(name + " need a value and a positive count: " + counts);
            }
            sum += entry.getValue();
        }
        if (sum > views) {
            throw new IllegalArgumentException(name + " add up to more than the " + views + " views: " + counts);
        }
        return Collections.unmodifiableMap(new TreeMap<>(counts));
    }
}
