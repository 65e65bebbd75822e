package dev.resumesite.counter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The bound on a day's breakdowns, kept alike by both stores: each dimension of a day holds at most
 * {@link #VALUES_PER_DAY} values by name, the first ones to arrive (within a batch, the most viewed
 * first); later values are counted in {@value ReaderOrigin#OTHER}, which takes no place. So the
 * day's rows stay few however many made-up {@code ref} tags arrive, and every view is still in a row.
 */
final class DayBreakdown {
    /** Values by name per dimension and day; the rest is "other". */
    static final int VALUES_PER_DAY = 100;

    private DayBreakdown() {
    }

    /**
     * What a batch's {@code counts} become on a day whose stored values are {@code known} (other
     * excluded): known values stay as they are, new values take the places left, the most viewed
     * first (then by name, so every store and retry decides alike), and the rest goes to other.
     */
    static Map<String, Long> within(Map<String, Long> counts, Set<String> known) {
        Map<String, Long> kept = new TreeMap<>();
        List<Map.Entry<String, Long>> fresh = new ArrayList<>();
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            if (known.contains(entry.getKey()) || entry.getKey().equals(ReaderOrigin.OTHER)) {
                kept.merge(entry.getKey(), entry.getValue(), Long::sum);
            } else {
                fresh.add(entry);
            }
        }
        fresh.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        int places = Math.max(0, VALUES_PER_DAY - known.size());
        for (int i = 0; i < fresh.size(); i++) {
            String value = i < places ? fresh.get(i).getKey() : ReaderOrigin.OTHER;
            kept.merge(value, fresh.get(i).getValue(), Long::sum);
        }
        return kept;
    }

    /** The values of {@code kept} that are not yet {@code known}: the places this write takes. */
    static List<String> newValues(Map<String, Long> kept, Set<String> known) {
        return kept.keySet().stream().filter(value -> !known.contains(value) && !value.equals(ReaderOrigin.OTHER)).toList();
    }
}
