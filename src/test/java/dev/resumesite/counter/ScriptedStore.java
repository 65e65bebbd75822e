package dev.resumesite.counter;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory store that misbehaves on cue, for the counter core's unit tests (the one place a fake
 * store is right; the contract tests run on the real stores). Writes keep the real semantics: a
 * token applies once, a claim wins once, and a batch's claims are asked one call each (as on
 * DynamoDB), so an answer that came is kept even when a later call of the batch fails. Cues: fail
 * the next calls with any {@link Throwable}, fail until told otherwise, fail a share of calls at
 * random, answer slowly, hang until released; refuse the day's secret; make housekeeping slow.
 */
final class ScriptedStore implements CounterStore {
    private long total;
    private long visitors;
    private final Map<String, String> claims = new HashMap<>();
    private final Map<String, Long> writers = new HashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger answersToLose = new AtomicInteger();
    private volatile boolean readsFail;
    private final AtomicLong writeCalls = new AtomicLong();
    private final AtomicInteger claimCalls = new AtomicInteger();
    private volatile Throwable failure;
    private volatile boolean failAlways;
    private volatile double failShare;
    private volatile long delayMillis;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile boolean secretsRefused;
    private volatile long housekeepingMillis;
    private volatile boolean closed;

    /** The next {@code times} write calls (a count or a claim) throw {@code e}. */
    ScriptedStore failNextWrites(int times, Throwable e) {
        failure = e;
        failuresLeft.set(times);
        return this;
    }

    /** Every write throws {@code e} until {@link #heal()}. */
    ScriptedStore failWrites(Throwable e) {
        failure = e;
        failAlways = true;
        return this;
    }

    /** Each write call throws {@code e} with probability {@code share}, until {@link #heal()}. */
    ScriptedStore failAtRandom(double share, Throwable e) {
        failure = e;
        failShare = share;
        return this;
    }

    /** The next {@code times} once-only writes land, then throw the failure set by a cue (their answer is lost). */
    ScriptedStore loseNextAnswers(int times, Throwable e) {
        failure = e;
        answersToLose.set(times);
        return this;
    }

    /** Every read throws the failure set by a cue until {@link #heal()}. */
    ScriptedStore failReads(Throwable e) {
        failure = e;
        readsFail = true;
        return this;
    }

    void heal() {
        readsFail = false;
        answersToLose.set(0);
        failAlways = false;
        failShare = 0;
        failuresLeft.set(0);
    }

    /** Every write takes this long before it is applied. */
    ScriptedStore answerAfter(long millis) {
        delayMillis = millis;
        return this;
    }

    /** Writes block until {@link #release()}. */
    ScriptedStore hang() {
        gate = new CountDownLatch(1);
        return this;
    }

    void release() {
        gate.countDown();
    }

    /** The day's secret cannot be had: every {@link #dailySecret} call fails. */
    ScriptedStore refuseSecrets() {
        secretsRefused = true;
        return this;
    }

    /** Deleting old days' visitors takes this long. */
    ScriptedStore slowHousekeeping(long millis) {
        housekeepingMillis = millis;
        return this;
    }

    synchronized long total() {
        return total;
    }

    synchronized long visitors() {
        return visitors;
    }

    /** How many claims were sent to the store, answered or not. */
    int claimCalls() {
        return claimCalls.get();
    }

    @Override
    public synchronized Totals add(CounterKey key, Tally tally) {
        total += tally.views();
        visitors += tally.visitors();
        return new Totals(total, visitors);
    }

    @Override
    public Optional<Totals> addOnce(CounterKey key, Tally tally, List<FirstVisitClaim> batchClaims, WriteToken token) {
        Throwable failed = null;
        for (FirstVisitClaim claim : batchClaims) {
            if (claim.isOpen()) {
                try {
                    claim.settle(claimFirstVisit(key, claim.day(), claim.visitor(), claim.id()));
                } catch (RuntimeException | Error e) { // Sent together: the others are still answered.
                    failed = e;
                }
            }
        }
        if (failed instanceof Error error) {
            throw error;
        }
        if (failed != null) {
            throw (RuntimeException) failed;
        }
        misbehave();
        writeCalls.incrementAndGet();
        synchronized (this) {
            if (writers.getOrDefault(token.writer(), Long.MIN_VALUE) >= token.sequence()) {
                return Optional.empty();
            }
            writers.put(token.writer(), token.sequence());
            long won = batchClaims.stream().filter(FirstVisitClaim::won).count();
            Totals totals = add(key, tally.withVisitors(tally.visitors() + won));
            if (answersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                fail();
            }
            return Optional.of(totals);
        }
    }

    private void misbehave() {
        try {
            gate.await();
            if (delayMillis > 0) {
                TimeUnit.MILLISECONDS.sleep(delayMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failAlways || failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                || (failShare > 0 && ThreadLocalRandom.current().nextDouble() < failShare)) {
            fail();
        }
    }

    private void fail() {
        if (failure instanceof Error error) {
            throw error;
        }
        throw (RuntimeException) failure;
    }

    @Override
    public synchronized Totals read(CounterKey key) {
        if (readsFail) {
            fail();
        }
        return new Totals(total, visitors);
    }

    @Override
    public List<DayTotals> days(CounterKey key, LocalDate from, LocalDate to) {
        return List.of();
    }

    @Override
    public List<DayShare> shares(CounterKey key, LocalDate from, LocalDate to) {
        return List.of();
    }

    /** Claims misbehave like writes: a claim is a write. */
    @Override
    public boolean claimFirstVisit(CounterKey key, LocalDate day, String visitor, String claim) {
        claimCalls.incrementAndGet();
        misbehave();
        writeCalls.incrementAndGet();
        synchronized (this) {
            String first = claims.putIfAbsent(day + "#" + visitor, claim);
            return first == null || first.equals(claim);
        }
    }

    @Override
    public String dailySecret(String site, LocalDate day, String candidate) {
        if (secretsRefused) {
            throw new StoreUnavailableException("scripted: no secret today", null);
        }
        return candidate;
    }

    @Override
    public void forgetVisitorsBefore(String site, LocalDate day) {
        try {
            TimeUnit.MILLISECONDS.sleep(housekeepingMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int forgetWritersBefore(CounterKey key, long sequence) {
        return 0;
    }

    @Override
    public long writeTransactions() {
        return writeCalls.get();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
