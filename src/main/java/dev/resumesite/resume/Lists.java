package dev.resumesite.resume;

import java.util.List;

/** Normalises optional JSON arrays so templates can iterate without null checks. */
final class Lists {
    private Lists() {
    }

    /** An absent array becomes an empty list; a present one becomes an unmodifiable copy. */
    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
