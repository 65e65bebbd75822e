package dev.resumesite.counter;

import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-path counts of {@code POST /api/hits}: each path has its own counter ({@code hits:<path>},
 * all-time and per day, like the site's), written with one {@link CounterStore#add} per counted view
 * on the request's thread. Paths are not batched through a {@link GroupCommitCounter} because that
 * would mean a writer thread per path; the site's totals, which every hit also moves, are batched.
 * An instance counts at most {@code maxPaths} distinct paths, so neither its memory nor the number of
 * items a stranger can create through it grows without bound.
 */
public final class PathCounter {
    public static final String NAME_PREFIX = "hits:";

    private final CounterStore store;
    private final String site;
    private final int maxPaths;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public PathCounter(CounterStore store, String site, int maxPaths) {
        this.store = store;
        this.site = site;
        this.maxPaths = maxPaths;
    }

    public CounterKey keyOf(String path) {
        return new CounterKey(site, NAME_PREFIX + path);
    }

    /** Whether this path may be counted: already known, or room for one more. */
    public boolean admits(String path) {
        if (known.contains(path)) {
            return true;
        }
        synchronized (known) {
            if (known.size() >= maxPaths) {
                return false;
            }
            known.add(path);
            return true;
        }
    }

    /** Adds one view (and a new visitor when {@code newVisitor}) to the path; returns its new totals. */
    public Totals record(String path, LocalDate day, boolean newVisitor) {
        return store.add(keyOf(path), new Tally(day, 1, newVisitor ? 1 : 0));
    }

    public Totals read(String path) {
        return store.read(keyOf(path));
    }
}
