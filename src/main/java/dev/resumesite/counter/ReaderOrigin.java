package dev.resumesite.counter;

/**
 * Where the reader of one counted view came from, as the day's breakdowns count it: the source (a
 * referring site's host or family, a {@code ref} tag, or {@value #DIRECT}) and the country (two
 * letters, or {@value #UNKNOWN}). Neither names a person: a host without its path, a country.
 * An empty value is not counted in its breakdown (a visit counted through {@code /api/hits}).
 */
public record ReaderOrigin(String source, String country) {
    /** The source of a view without a referring site or a tag. */
    public static final String DIRECT = "direct";
    /** The country of a view that no trusted proxy located. */
    public static final String UNKNOWN = "unknown";
    /**
     * The row of everything not shown by name: values past a day's bound ({@link DayBreakdown#VALUES_PER_DAY})
     * and referrers that name no host we can show. It never takes one of the bound's places.
     */
    public static final String OTHER = "other";
    /** Counted in no breakdown. */
    public static final ReaderOrigin NONE = new ReaderOrigin("", "");

    public ReaderOrigin {
        if (source == null || country == null) {
            throw new IllegalArgumentException("source and country may be empty, not null");
        }
    }
}
