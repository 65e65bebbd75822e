package dev.resumesite.counter;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts visits with group commit. Each visit puts itself and a future for its number in a queue;
 * one writer thread takes what is queued ({@link BlockingQueue#drainTo}, at most {@link #MAX_BATCH})
 * and writes it as one batch: the first-visit claims of its visitors are settled and the views and
 * new visitors added (with the views per source and country), onto the batch's UTC day, in one store
 * write ({@link CounterStore#addOnce}). A
 * batch that brings the totals to V views and U visitors hands its visits V-n+1 ... V, each with the
 * visitors counted up to and including itself, so every page shows its own exact number and never
 * more visitors than views; none is answered before its write is durable. (A batch that spans
 * midnight is written as one write per day.)
 *
 * <p>A batch is written under one {@link WriteToken} and retried with that same token, whatever the
 * store threw, until the store takes it: a lost answer never counts twice, a claim answered once is
 * not asked again, and no failure can stop the writer. A page waits for its number until its own
 * deadline (arrival plus the wait budget), then shows the last known count marked updating; its visit
 * stays queued and is written later. At most {@code backlogLimit} visits wait (queued or in flight);
 * past that, visits are refused and reported. The writer is a daemon thread: only {@link #close}
 * decides how long pending visits may delay exit.
 */
public final class GroupCommitCounter implements VisitCounter {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitCounter.class);
    /**
     * How long a batch may wait for as many visits as the previous batch had. In a busy closed loop
     * (each visitor comes back after its answer) this is what keeps batches large and store writes
     * few; a lone visitor's batch of one never waits.
     */
    private static final long LINGER_NANOS = 1_000_000;
    /**
     * The most visits one store write carries: a SQLite transaction of this many claims commits in
     * milliseconds, and DynamoDB settles them in two waves of concurrent calls
     * ({@link DynamoDbCounterStore#CALLS_IN_FLIGHT}); a larger backlog drains as several batches.
     */
    static final int MAX_BATCH = 256;
    /** How long {@link #close} waits for an idle writer to stop even with a zero deadline. */
    private static final long WRITER_STOP_GRACE_MILLIS = 1_000;
    /** Given to a page that stopped waiting, so a late answer is not mistaken for one it used. */
    private static final Count ABANDONED = new Count(-1, -1, true);
    /** Queued by {@link #close} to wake an idle writer; never written. */
    private static final Pending WAKE_UP = new Pending(null, new CompletableFuture<>());

    private final CounterStore store;
    private final CounterKey key;
    private final String writerId;
    private final long waitBudgetNanos;
    private final int backlogLimit;
    private final Semaphore room;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final CounterStats stats = new CounterStats();
    private final LastKnownCount lastKnown = new LastKnownCount();
    private final StoreHealth writes = new StoreHealth("writes");
    private final Thread writer;
    /** Opened by {@link #close}: cuts a retry pause short so the flush can use its time. */
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile boolean writerDone;
    /** Why the writer stopped before {@link #close}, if it did: health says failing. */
    private volatile Throwable writerFailure;
    private volatile long flushDeadlineNanos;
    // Used by the writer thread only.
    private long sequence;
    private int previousBatch = 1;

    /** A visit waiting to be written, and the page waiting for its number. */
    private record Pending(Visit visit, CompletableFuture<Count> number) {
    }

    public GroupCommitCounter(CounterStore store, CounterKey key, String writerId, Duration waitBudget, int backlogLimit) {
        this.store = store;
        this.key = key;
        this.writerId = writerId;
        this.waitBudgetNanos = waitBudget.toNanos();
        this.backlogLimit = backlogLimit;
        this.room = new Semaphore(backlogLimit);
        current(); // Learn the count now, so even a first page during an outage has a number to show.
        writer = new Thread(this::writeBatches, "group-commit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Removes the marks of instances that wrote nothing for a day (sequences are microsecond clock
     * readings): no retry is that old, and each process start leaves a mark on the counter item.
     * Housekeeping, run by a background task.
     */
    public void forgetDeadWriters() {
        long dayAgo = (System.currentTimeMillis() - Duration.ofDays(1).toMillis()) * 1000;
        try {
            int removed = store.forgetWritersBefore(key, dayAgo);
            if (removed > 0) {
                log.info("forgot {} writer marks of instances idle for over a day", removed);
            }
        } catch (StoreException e) {
            log.warn("could not prune old writer marks now; the next start will: {}", e.getMessage());
        }
    }

    @Override
    public Count record(Visit visit) {
        if (closing || !room.tryAcquire()) {
            return refuse();
        }
        Pending pending = new Pending(visit, new CompletableFuture<>());
        queue.add(pending);
        // The writer has gone (closed) and will never see this visit: take it back, unless it was taken.
        if (writerDone && queue.remove(pending)) {
            room.release();
            return refuse();
        }
        stats.recorded();
        return await(pending.number(), visit.arrivedNanos() + waitBudgetNanos);
    }

    private Count refuse() {
        stats.refused(pending(), closing);
        return lastKnown.unconfirmed();
    }

    private Count await(CompletableFuture<Count> number, long deadlineNanos) {
        try {
            return number.get(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // We give up first, or the writer answered in the same instant: then use its answer.
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
        Throwable failure = writerFailure;
        StoreHealth.Status status = failure == null ? writes.status().worse(lastKnown.readStatus())
                : new StoreHealth.Status(StoreHealth.State.FAILING, "the counter's writer stopped: " + failure);
        return stats.snapshot(pending(), status, store.writeTransactions());
    }

    private long pending() {
        return backlogLimit - room.availablePermits();
    }

    private void writeBatches() {
        try {
            for (List<Pending> batch = nextBatch(); !batch.isEmpty(); batch = nextBatch()) {
                try {
                    if (!writeByDay(batch)) {
                        return;
                    }
                } finally {
                    // Whatever happened, no page waits past this batch and its room is free again.
                    batch.forEach(pending -> pending.number().complete(lastKnown.unconfirmed()));
                    room.release(batch.size());
                }
            }
        } catch (InterruptedException e) {
            log.error("the counter's writer was interrupted; visits still queued are lost");
        } catch (Throwable e) {
            writerFailure = e;
            log.error("VISITS NOT COUNTED: the counter's writer stopped; restart the app", e);
        } finally {
            writerDone = true;
            List<Pending> left = new ArrayList<>();
            queue.drainTo(left);
            left.remove(WAKE_UP);
            lose(left);
            room.release(left.size());
        }
    }

    /** Writes a batch as one write per UTC day it spans; false (and the rest lost) past the shutdown deadline. */
    private boolean writeByDay(List<Pending> batch) throws InterruptedException {
        Map<LocalDate, List<Pending>> byDay = batch.stream()
                .collect(Collectors.groupingBy(pending -> pending.visit().day(), TreeMap::new, Collectors.toList()));
        List<List<Pending>> days = new ArrayList<>(byDay.values());
        for (int i = 0; i < days.size(); i++) {
            if (!writeUntilStored(days.get(i))) {
                days.subList(i, days.size()).forEach(this::lose);
                return false;
            }
        }
        return true;
    }

    /** Waits for visits and takes up to a batch, lingering briefly for a crowd; empty once closed and drained. */
    private List<Pending> nextBatch() throws InterruptedException {
        List<Pending> batch = new ArrayList<>();
        while (batch.isEmpty()) {
            if (closing && queue.isEmpty()) {
                return batch;
            }
            batch.add(queue.take());
            queue.drainTo(batch, MAX_BATCH - batch.size());
            long lingerEnds = System.nanoTime() + LINGER_NANOS;
            int wanted = Math.min(previousBatch, MAX_BATCH);
            while (batch.size() < wanted && !closing) {
                Pending next = queue.poll(lingerEnds - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
                batch.add(next);
                queue.drainTo(batch, MAX_BATCH - batch.size());
            }
            batch.remove(WAKE_UP);
        }
        previousBatch = batch.size();
        return batch;
    }

    /**
     * Writes one day's batch, retrying with the same token until it lands; false only past the
     * shutdown deadline. Each attempt asks the store only about the claims still open.
     */
    private boolean writeUntilStored(List<Pending> batch) throws InterruptedException {
        WriteToken token = new WriteToken(writerId, nextSequence());
        // The batch's views with their sources and countries: the breakdowns ride the same write.
        Tally views = Tally.of(batch.get(0).visit().day(), batch.stream().map(Pending::visit).toList());
        List<FirstVisitClaim> claims = batch.stream().map(pending -> pending.visit().claim()).filter(Objects::nonNull).toList();
        Backoff backoff = new Backoff();
        while (true) {
            Optional<Totals> total;
            try {
                total = store.addOnce(key, views, claims, token);
            } catch (Throwable e) {
                // Whatever it is (a store bug, an AssertionError, a StackOverflowError), the retry is idempotent.
                writes.failed(e);
                stats.failedWrite();
                total = null;
            }
            if (total != null) {
                writes.answered();
                stats.written();
                handOut(total, batch);
                return true;
            }
            long untilDeadline = closing ? flushDeadlineNanos - System.nanoTime() : Long.MAX_VALUE;
            if (untilDeadline <= 0) {
                return false;
            }
            long pause = Math.min(backoff.nextNanos(), untilDeadline);
            if (closing) {
                TimeUnit.NANOSECONDS.sleep(pause);
            } else {
                closed.await(pause, TimeUnit.NANOSECONDS); // A close() now starts the flush at once.
            }
        }
    }

    private void handOut(Optional<Totals> total, List<Pending> batch) {
        if (total.isEmpty()) {
            // An earlier attempt of this batch landed but its answer was lost: the visits are counted,
            // and the numbers they got are unknown, so none is vouched for.
            batch.forEach(pending -> pending.number().complete(lastKnown.unconfirmed()));
        } else {
            // Numbered as if the visits had been written one by one: each page's two numbers are one state.
            Totals totals = total.get();
            lastKnown.saw(totals);
            long views = totals.views() - batch.size();
            long visitors = totals.visitors() - batch.stream().filter(pending -> pending.visit().isNewVisitor()).count();
            for (Pending pending : batch) {
                visitors += pending.visit().isNewVisitor() ? 1 : 0;
                pending.number().complete(Count.exact(++views, visitors));
            }
        }
    }

    private void lose(List<Pending> visits) {
        if (visits.isEmpty()) {
            return;
        }
        stats.lost(visits.size());
        log.error("VISITS LOST: {} visits could not be written before the shutdown deadline", visits.size());
        visits.forEach(pending -> pending.number().complete(lastKnown.unconfirmed()));
    }

    /** Strictly rising, and time-based so a restarted writer with a reused id would still move forward. */
    private long nextSequence() {
        sequence = Math.max(sequence + 1, System.currentTimeMillis() * 1000);
        return sequence;
    }

    /**
     * Stops taking visits and writes what is pending until {@code deadline} has passed; returns by
     * then, or as soon as the writer has stopped: with a zero deadline, an idle writer still gets
     * up to a second to notice, so closing an idle counter never reports a write in progress.
     * Visits still unwritten are logged as lost.
     */
    @Override
    public void close(Duration deadline) {
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        flushDeadlineNanos = deadlineNanos;
        closing = true;
        closed.countDown();
        queue.add(WAKE_UP);
        try {
            writer.join(Math.max(WRITER_STOP_GRACE_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            // Inside a store call that outlives the deadline; it is a daemon and ends with the process.
            log.error("shutdown deadline passed during a store write; {} visits may not be stored", pending());
            return;
        }
        store.close();
    }
}
