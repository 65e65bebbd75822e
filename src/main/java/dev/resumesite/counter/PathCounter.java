package dev.resumesite.counter;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The per-path counts of {@code POST /api/hits}: each path has its own counter ({@code hits:<path>},
 * all-time and per day, like the site's). A counted view is one {@link CounterStore#addOnce} on the
 * request's thread, under a {@link WriteToken}, with the visitor's first-visit claim on the path
 * settled inside that same write; a store that does not answer is asked again with the same token
 * until the request's wait budget is spent, so an answer lost after the write landed never counts
 * twice, and on DynamoDB the path's total and its day (two items) both get the write exactly once.
 * Paths are not batched through a {@link GroupCommitCounter} because that would mean a writer thread
 * per path; the site's totals, which every hit also moves, are batched.
 *
 * <p>An instance counts at most {@code maxPaths} distinct paths (a path joins once its first view is
 * written, so a refused or failed request takes no room; new paths written at the same moment may
 * pass it by at most {@link #WRITERS}), so neither its memory nor the number of items a stranger can
 * create through it grows without bound.
 */
public final class PathCounter {
    public static final String NAME_PREFIX = "hits:";
    /**
     * Path writes in flight at once. A token's writer sends one write at a time (a later sequence
     * landing first would make the earlier one look applied), so each write borrows a writer id; ids
     * are reused most-recent first, so a quiet site leaves one or two writer marks per path and start.
     */
    static final int WRITERS = 16;

    private final CounterStore store;
    private final String site;
    private final int maxPaths;
    private final long waitBudgetNanos;
    /** The paths counted here, each with the highest totals seen, answered when a landed write's re-read fails. */
    private final Map<String, Totals> known = new ConcurrentHashMap<>();
    private final Semaphore writerSlots = new Semaphore(WRITERS);
    private final ConcurrentLinkedDeque<Writer> idleWriters = new ConcurrentLinkedDeque<>();

    /** One writer id and its last sequence; used by one request at a time. */
    private static final class Writer {
        private final String id = UUID.randomUUID().toString().substring(0, 13);
        private long sequence;

        /** Strictly rising, and time-based like the site writer's, so a reused id would still move forward. */
        WriteToken nextToken() {
            sequence = Math.max(sequence + 1, System.currentTimeMillis() * 1000);
            return new WriteToken(id, sequence);
        }
    }

    /** @param waitBudget how long a request may wait for its path's write, retries included (the page's COUNT_WAIT_MS) */
    public PathCounter(CounterStore store, String site, int maxPaths, Duration waitBudget) {
        this.store = store;
        this.site = site;
        this.maxPaths = maxPaths;
        this.waitBudgetNanos = waitBudget.toNanos();
    }

    public CounterKey keyOf(String path) {
        return new CounterKey(site, NAME_PREFIX + path);
    }

    /** Whether this path may be counted: already counted here, or room for one more. Takes nothing. */
    public boolean admits(String path) {
        return known.containsKey(path) || known.size() < maxPaths;
    }

    /**
     * Adds one view to the path, and a new visitor when {@code claim} (may be null) wins; returns the
     * path's totals. Throws {@link StoreException} when the write could not be made within the budget
     * that started at {@code arrivedNanos}. Once the write has landed it never throws: the view is
     * counted, and a caller told otherwise would retry and count it twice.
     */
    public Totals record(String path, LocalDate day, FirstVisitClaim claim, long arrivedNanos) {
        long deadlineNanos = arrivedNanos + waitBudgetNanos;
        CounterKey key = keyOf(path);
        Writer writer = borrowWriter(deadlineNanos);
        try {
            WriteToken token = writer.nextToken();
            List<FirstVisitClaim> claims = claim == null ? List.of() : List.of(claim);
            Optional<Totals> written = withinBudget(deadlineNanos, () -> store.addOnce(key, new Tally(day, 1, 0), claims, token));
            // Empty: an earlier attempt landed and its answer was lost; the view is counted, read its numbers.
            Totals totals = written.isPresent() ? written.get() : readAfterLanded(key, path);
            return known.merge(path, totals, Totals::max);
        } finally {
            idleWriters.push(writer);
            writerSlots.release();
        }
    }

    /**
     * Removes, from each path counted here, the marks of writers idle for over a day (earlier starts,
     * other instances; sequences are microsecond clock readings): every start leaves one or a few on
     * each path it writes. Housekeeping, run by a background task; returns how many went.
     */
    public int forgetDeadWriters() {
        long dayAgo = (System.currentTimeMillis() - Duration.ofDays(1).toMillis()) * 1000;
        int removed = 0;
        for (String path : known.keySet()) {
            removed += store.forgetWritersBefore(keyOf(path), dayAgo);
        }
        return removed;
    }

    /** The path's numbers after a write whose answer was lost: read once, else the last known (the view counted either way). */
    private Totals readAfterLanded(CounterKey key, String path) {
        try {
            return store.read(key);
        } catch (StoreException e) {
            return known.getOrDefault(path, Totals.ZERO);
        }
    }

    public Totals read(String path) {
        return store.read(keyOf(path));
    }

    private Writer borrowWriter(long deadlineNanos) {
        try {
            if (!writerSlots.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new StoreUnavailableException("all " + WRITERS + " path writers are busy", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for a path writer", e);
        }
        Writer idle = idleWriters.poll();
        return idle != null ? idle : new Writer();
    }

    /** The call's answer, asking again after a pause while the store is unavailable and the budget allows. */
    private static <T> T withinBudget(long deadlineNanos, Supplier<T> call) {
        Backoff backoff = new Backoff();
        while (true) {
            try {
                return call.get();
            } catch (StoreUnavailableException e) {
                long pause = backoff.nextNanos();
                if (System.nanoTime() + pause >= deadlineNanos) {
                    throw e;
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
