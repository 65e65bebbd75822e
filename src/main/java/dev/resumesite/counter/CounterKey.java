package dev.resumesite.counter;

/**
 * Names one counter of one site. A site owns many counters (today the all-time page views; later
 * per-day counts), so the store keeps them as separate items under the site's partition.
 */
public record CounterKey(String site, String name) {
    public CounterKey {
        if (site.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("site and name must not be blank");
        }
    }

    /** The all-time page view counter of a site. */
    public static CounterKey pageViews(String site) {
        return new CounterKey(site, "views");
    }
}
