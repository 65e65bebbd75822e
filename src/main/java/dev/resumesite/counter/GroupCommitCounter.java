package dev.resumesite.counter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * <p>On a quiet site the visitor's own thread writes its batch of one, so a lone visitor waits for
 * nothing but the store. Under load a writer thread takes the batches. Each batch carries a
 * {@link WriteToken} and is retried with the same token until the store confirms it, so a lost
 * answer never counts twice. While the store is away, visits collect in a bounded backlog and pages
 * get the last known count, marked as updating, within the wait budget.
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
    private final LastKnownCount lastKnown = new LastKnownCount();

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the writer thread may have something to do. */
    private final Condition work = lock.newCondition();
    // Everything below is guarded by lock.
    /** Visits recorded but not yet in a batch, and the pages still waiting for their numbers. */
    private long backlog;
    private ArrayDeque<CompletableFuture<Count>> waiting = new ArrayDeque<>();
    /** True while a batch is being written (by a visitor or the writer thread): one write at a time. */
    private boolean writing;
    /** A batch a visitor could not write, handed to the writer thread to retry with its token. */
    private Batch handedOver;
    private long inFlight;
    private long wanted = 1;
    private long previousBatch = 1;
    private long sequence;
    private boolean storeFailing;
    /** How long the last successful write took; a slow store sends visits to the writer thread. */
    private long lastWriteNanos;
    private boolean closing;
    private long flushDeadlineNanos = Long.MAX_VALUE;

    /** Visits written together under one token. */
    private record Batch(long size, WriteToken token, ArrayDeque<CompletableFuture<Count>> pages) {
    }

    public GroupCommitCounter(CounterStore store, CounterKey key, String writerId, Duration waitBudget, long backlogLimit) {
        this.store = store;
        this.key = key;
        this.writerId = writerId;
        this.waitBudget = waitBudget;
        this.backlogLimit = backlogLimit;
        this.writer = new Thread(this::writeBatches, "group-commit-writer");
        current(); // Learn the count now, so even a first page during an outage has a number to show.
        forgetDeadWriters();
        writer.start();
    }

    /**
     * Removes the marks of instances that wrote nothing for a day (sequences are microsecond clock
     * readings): no retry is that old, and each process start leaves a mark on the counter item.
     */
    private void forgetDeadWriters() {
        long dayAgo = (System.currentTimeMillis() - Duration.ofDays(1).toMillis()) * 1000;
        try {
            int removed = store.forgetWritersBefore(key, dayAgo);
            if (removed > 0) {
                log.info("forgot {} writer marks of instances idle for over a day", removed);
            }
        } catch (StoreUnavailableException e) {
            log.warn("could not prune old writer marks now; the next start will: {}", e.getMessage());
        }
    }

    @Override
    public Count record(Visit visit) {
        CompletableFuture<Count> number = new CompletableFuture<>();
        Batch mine = null;
        lock.lock();
        try {
            if (closing || backlog + inFlight >= backlogLimit) {
                stats.refused(backlog + inFlight, closing);
                return lastKnown.unconfirmed();
            }
            waiting.add(number);
            backlog++;
            if (!writing && previousBatch == 1 && !storeFailing && lastWriteNanos < waitBudget.toNanos() / 2) {
                mine = takeBatch(); // A quiet site and a quick store: write it here, no hand-off.
            } else if (backlog == wanted) {
                work.signal();
            }
        } finally {
            lock.unlock();
        }
        stats.recorded();
        if (mine != null) {
            writeOnceOrHandOver(mine);
        }
        return await(number);
    }

    private Count await(CompletableFuture<Count> number) {
        try {
            return number.get(waitBudget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Either we give up first, or the writer answered in the same instant: then use its answer.
            return number.complete(ABANDONED) ? lastKnown.unconfirmed() : number.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return lastKnown.unconfirmed();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the writer never fails a visit", e);
        }
    }

    @Override
    public Count current() {
        return lastKnown.read(store, key);
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

    /** Takes the whole backlog as the next batch (holding the lock). */
    private Batch takeBatch() {
        Batch batch = new Batch(backlog, new WriteToken(writerId, nextSequence()), waiting);
        writing = true;
        inFlight = backlog;
        previousBatch = backlog;
        backlog = 0;
        waiting = new ArrayDeque<>();
        return batch;
    }

    /** A visitor writes its own batch once; if the store fails, the writer thread retries it. */
    private void writeOnceOrHandOver(Batch batch) {
        try {
            handOut(timedAddOnce(batch), batch);
            finished();
        } catch (StoreUnavailableException e) {
            failed(batch, e);
            lock.lock();
            try {
                handedOver = batch;
                work.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    private void writeBatches() {
        while (true) {
            Batch batch;
            lock.lock();
            try {
                while (handedOver == null && (writing || backlog == 0)) {
                    if (closing && !writing && backlog == 0) {
                        return;
                    }
                    wanted = 1;
                    work.awaitUninterruptibly();
                }
                if (handedOver != null) {
                    batch = handedOver;
                    handedOver = null;
                } else {
                    awaitCrowd();
                    batch = takeBatch();
                }
            } finally {
                lock.unlock();
            }
            if (!writeWithRetries(batch)) {
                giveUp(batch);
                return;
            }
            finished();
        }
    }

    /** Waits (holding the lock) until as many visits as last time are here, or the linger runs out. */
    private void awaitCrowd() {
        wanted = Math.min(previousBatch, LARGEST_AWAITED_BATCH);
        long left = LINGER_NANOS;
        while (backlog < wanted && !closing && left > 0) {
            try {
                left = work.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Writes one batch, retrying with the same token until it lands; false only past the shutdown deadline. */
    private boolean writeWithRetries(Batch batch) {
        Backoff backoff = new Backoff();
        while (true) {
            try {
                handOut(timedAddOnce(batch), batch);
                return true;
            } catch (StoreUnavailableException e) {
                failed(batch, e);
                if (System.nanoTime() > flushDeadline()) {
                    return false;
                }
                batch.pages().removeIf(CompletableFuture::isDone);
                backoff.pause();
            }
        }
    }

    private OptionalLong timedAddOnce(Batch batch) {
        long started = System.nanoTime();
        OptionalLong total = store.addOnce(key, batch.size(), batch.token());
        long took = System.nanoTime() - started;
        lock.lock();
        try {
            lastWriteNanos = took;
        } finally {
            lock.unlock();
        }
        return total;
    }

    private void handOut(OptionalLong total, Batch batch) {
        stats.written();
        lock.lock();
        try {
            if (storeFailing) {
                storeFailing = false;
                log.info("store answers again; batch of {} visits written", batch.size());
            }
        } finally {
            lock.unlock();
        }
        if (total.isEmpty()) {
            // An earlier attempt of this batch landed but its answer was lost: the visits are counted,
            // and the numbers they got are unknown, so none is vouched for.
            batch.pages().forEach(page -> page.complete(lastKnown.unconfirmed()));
            return;
        }
        long number = total.getAsLong() - batch.size();
        for (CompletableFuture<Count> page : batch.pages()) {
            page.complete(Count.exact(++number));
        }
        lastKnown.saw(total.getAsLong());
    }

    private void failed(Batch batch, StoreUnavailableException e) {
        stats.failedWrite();
        lock.lock();
        try {
            if (!storeFailing) {
                storeFailing = true;
                log.warn("store unavailable, keeping {} visits in the backlog: {}", batch.size() + backlog, e.getMessage());
            }
        } finally {
            lock.unlock();
        }
    }

    /** The batch in flight is done: the next one may start. */
    private void finished() {
        lock.lock();
        try {
            writing = false;
            inFlight = 0;
            if (backlog > 0) {
                work.signal(); // Visits came in meanwhile; an idle writer need not be woken for nothing.
            }
        } finally {
            lock.unlock();
        }
    }

    private void giveUp(Batch batch) {
        lock.lock();
        try {
            long unwritten = batch.size() + backlog;
            stats.lost(unwritten);
            log.error("shutdown deadline passed: {} visits could not be written to the store", unwritten);
            batch.pages().forEach(page -> page.complete(lastKnown.unconfirmed()));
            waiting.forEach(page -> page.complete(lastKnown.unconfirmed()));
            backlog = 0;
            inFlight = 0;
            writing = false;
        } finally {
            lock.unlock();
        }
    }

    /** Strictly rising, and time-based so a restarted writer with a reused id would still move forward (holding the lock). */
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
            work.signal();
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
