package dev.resumesite.counter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts visits with group commit: while one write is in flight, new visits wait, and the next write
 * adds all of them at once ({@code ADD n}). A batch that brings the total to T hands its visits the
 * numbers T-n+1 ... T, so every visit still gets its own exact number, and no visit is answered
 * before its write is durable.
 *
 * <p>Each batch carries a {@link WriteToken} and is retried with the same token until the store
 * confirms it, so a lost answer never counts twice. While the store is away, visits collect in a
 * bounded backlog and the page gets the last known count, marked as updating, within the wait budget.
 */
public final class GroupCommitCounter implements VisitCounter {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitCounter.class);
    /**
     * How long a write may wait for the crowd of the previous batch to come back. Under load this is
     * what makes batches large (few store writes per view); a lone visitor's batch of one never waits.
     */
    private static final long LINGER_NANOS = 1_000_000;
    private static final long LARGEST_AWAITED_BATCH = 1_000;
    /** Completes a visit's future when its page gave up waiting; the visit itself stays counted. */
    private static final Count ABANDONED = new Count(-1, true);

    private final CounterStore store;
    private final CounterKey key;
    private final String writerId;
    private final Duration waitBudget;
    private final long backlogLimit;
    private final Thread writer;
    private final CounterStats stats = new CounterStats();

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the writer has something to do: the first visit of a batch, or the crowd it waits for. */
    private final Condition visitsArrived = lock.newCondition();
    /** Visits recorded but not yet in a batch (guarded by lock). */
    private long backlog;
    /** Pages still waiting for one of those visits' numbers, oldest first (guarded by lock). */
    private ArrayDeque<CompletableFuture<Count>> waiting = new ArrayDeque<>();
    /** Visits in the batch being written; read by health checks (guarded by lock). */
    private long inFlight;
    private boolean closing;
    private long flushDeadlineNanos = Long.MAX_VALUE;

    private final AtomicLong lastKnown = new AtomicLong();
    private volatile boolean storeFailing;
    private long sequence;
    /** Backlog size at which the lingering writer wants waking (guarded by lock). */
    private long wanted = 1;
    private long previousBatch = 1;

    public GroupCommitCounter(CounterStore store, CounterKey key, String writerId, Duration waitBudget, long backlogLimit) {
        this.store = store;
        this.key = key;
        this.writerId = writerId;
        this.waitBudget = waitBudget;
        this.backlogLimit = backlogLimit;
        this.writer = new Thread(this::writeBatches, "group-commit-writer");
        current(); // Learn the count now, so even a first page during an outage has a number to show.
        writer.start();
    }

    @Override
    public Count record(Visit visit) {
        CompletableFuture<Count> number = new CompletableFuture<>();
        lock.lock();
        try {
            if (closing || backlog + inFlight >= backlogLimit) {
                stats.refused(backlog + inFlight, closing);
                return Count.lastKnown(lastKnown.get());
            }
            waiting.add(number);
            if (++backlog == wanted) {
                visitsArrived.signal();
            }
        } finally {
            lock.unlock();
        }
        stats.recorded();
        return await(number);
    }

    private Count await(CompletableFuture<Count> number) {
        try {
            return number.get(waitBudget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Either we give up first, or the writer answered in the same instant: then use its answer.
            return number.complete(ABANDONED) ? Count.lastKnown(lastKnown.get()) : number.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Count.lastKnown(lastKnown.get());
        } catch (ExecutionException e) {
            throw new IllegalStateException("the writer never fails a visit", e);
        }
    }

    @Override
    public Count current() {
        try {
            long total = store.read(key);
            lastKnown.accumulateAndGet(total, Math::max);
            return Count.exact(total);
        } catch (StoreUnavailableException e) {
            return Count.lastKnown(lastKnown.get());
        }
    }

    @Override
    public CounterStats.Snapshot stats() {
        lock.lock();
        try {
            return stats.snapshot(backlog + inFlight, storeFailing);
        } finally {
            lock.unlock();
        }
    }

    private void writeBatches() {
        while (true) {
            long size;
            ArrayDeque<CompletableFuture<Count>> pages;
            lock.lock();
            try {
                wanted = 1;
                while (backlog == 0 && !closing) {
                    visitsArrived.awaitUninterruptibly();
                }
                if (backlog == 0) {
                    return;
                }
                awaitCrowd();
                size = backlog;
                pages = waiting;
                backlog = 0;
                waiting = new ArrayDeque<>();
                inFlight = size;
                previousBatch = size;
            } finally {
                lock.unlock();
            }
            boolean written = writeWithRetries(size, pages);
            lock.lock();
            try {
                inFlight = 0;
                if (!written) {
                    stats.lost(size + backlog);
                    log.error("shutdown deadline passed: {} visits could not be written to the store", size + backlog);
                    backlog = 0;
                    waiting.forEach(page -> page.complete(Count.lastKnown(lastKnown.get())));
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits (holding the lock) until as many visits as last time are here, or the linger runs out. */
    private void awaitCrowd() {
        wanted = Math.min(previousBatch, LARGEST_AWAITED_BATCH);
        long left = LINGER_NANOS;
        while (backlog < wanted && !closing && left > 0) {
            try {
                left = visitsArrived.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Writes one batch, retrying with the same token until it lands; false only past the shutdown deadline. */
    private boolean writeWithRetries(long size, ArrayDeque<CompletableFuture<Count>> pages) {
        WriteToken token = new WriteToken(writerId, nextSequence());
        Backoff backoff = new Backoff();
        while (true) {
            try {
                OptionalLong total = store.addOnce(key, size, token);
                stats.written();
                if (storeFailing) {
                    storeFailing = false;
                    log.info("store answers again; backlog of {} visits written", size);
                }
                handOut(total, size, pages);
                return true;
            } catch (StoreUnavailableException e) {
                if (!storeFailing) {
                    storeFailing = true;
                    log.warn("store unavailable, keeping {} visits in the backlog: {}", size, e.getMessage());
                }
                stats.failedWrite();
                if (System.nanoTime() > flushDeadline()) {
                    pages.forEach(page -> page.complete(Count.lastKnown(lastKnown.get())));
                    return false;
                }
                pages.removeIf(CompletableFuture::isDone);
                backoff.pause();
            }
        }
    }

    private void handOut(OptionalLong total, long size, ArrayDeque<CompletableFuture<Count>> pages) {
        if (total.isEmpty()) {
            // An earlier attempt of this batch landed but its answer was lost: the visits are counted,
            // and the numbers they got are unknown, so none is vouched for.
            pages.forEach(page -> page.complete(Count.lastKnown(lastKnown.get())));
            return;
        }
        long number = total.getAsLong() - size;
        for (CompletableFuture<Count> page : pages) {
            page.complete(Count.exact(++number));
        }
        lastKnown.accumulateAndGet(total.getAsLong(), Math::max);
    }

    /** Strictly rising, and time-based so a restarted writer with a reused id would still move forward. */
    private long nextSequence() {
        sequence = Math.max(sequence + 1, System.currentTimeMillis() * 1000);
        return sequence;
    }

    private long flushDeadline() {
        lock.lock();
        try {
            return flushDeadlineNanos;
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking visits, writes the backlog until {@code deadline} passes, and logs what it could not write. */
    @Override
    public void close(Duration deadline) {
        lock.lock();
        try {
            closing = true;
            flushDeadlineNanos = System.nanoTime() + deadline.toNanos();
            visitsArrived.signal();
        } finally {
            lock.unlock();
        }
        try {
            writer.join(deadline.toMillis() + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
