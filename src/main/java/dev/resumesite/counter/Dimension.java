package dev.resumesite.counter;

/** A way a day's views are broken down: by the reader's source, or by their country. */
public enum Dimension {
    SOURCE("source", "sources"),
    COUNTRY("country", "countries");

    private final String label;
    private final String plural;

    Dimension(String label, String plural) {
        this.label = label;
        this.plural = plural;
    }

    /** The name of a list of its values ({@code sources}, {@code countries}), as the exports use it. */
    public String plural() {
        return plural;
    }

    /** The name stores and exports use for it ({@code source}, {@code country}). */
    public String label() {
        return label;
    }

    /** The dimension a store calls {@code label}; a label this version does not know is a store it cannot read. */
    static Dimension ofLabel(String label) {
        for (Dimension dimension : values()) {
            if (dimension.label.equals(label)) {
                return dimension;
            }
        }
        throw new StoreMisconfiguredException("the counter store holds a breakdown this version does not know: " + label
                + "; run the version that wrote it", null);
    }
}
