package dev.resumesite.counter;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory store that misbehaves on cue, for the counter core's unit tests (the one place a fake
 * store is right; the contract tests run on the real stores). Writes keep the real semantics: a
 * token applies once. Cues: fail the next calls with a given exception, fail until told otherwise,
 * answer slowly, or hang until released.
 */
final class ScriptedStore implements CounterStore {
    private long total;
    private long visitors;
    private final Map<String, String> claims = new HashMap<>();
    private final Map<String, Long> writers = new HashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile RuntimeException failure;
    private volatile boolean failAlways;
    private volatile long delayMillis;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    /** The next {@code times} writes throw {@code e}. */
    ScriptedStore failNextWrites(int times, RuntimeException e) {
        failure = e;
        failuresLeft.set(times);
        return this;
    }

    /** Every write throws {@code e} until {@link #heal()}. */
    ScriptedStore failWrites(RuntimeException e) {
        failure = e;
        failAlways = true;
        return this;
    }

    void heal() {
        failAlways = false;
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

    synchronized long total() {
        return total;
    }

    synchronized long visitors() {
        return visitors;
    }

    @Override
    public synchronized Totals add(CounterKey key, Tally tally) {
        total += tally.views();
        visitors += tally.visitors();
        return new Totals(total, visitors);
    }

    @Override
    public Optional<Totals> addOnce(CounterKey key, Tally tally, WriteToken token) {
        misbehave();
        synchronized (this) {
            if (writers.getOrDefault(token.writer(), Long.MIN_VALUE) >= token.sequence()) {
                return Optional.empty();
            }
            writers.put(token.writer(), token.sequence());
            return Optional.of(add(key, tally));
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
        if (failAlways || failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw failure;
        }
    }

    @Override
    public synchronized Totals read(CounterKey key) {
        return new Totals(total, visitors);
    }

    @Override
    public List<DayTotals> days(CounterKey key, LocalDate from, LocalDate to) {
        return List.of();
    }

    /** Claims misbehave like writes: a claim is a write. */
    @Override
    public boolean claimFirstVisit(CounterKey key, LocalDate day, String visitor, String claim) {
        misbehave();
        synchronized (this) {
            String first = claims.putIfAbsent(day + "#" + visitor, claim);
            return first == null || first.equals(claim);
        }
    }

    @Override
    public String dailySecret(String site, LocalDate day, String candidate) {
        return candidate;
    }

    @Override
    public void forgetVisitorsBefore(String site, LocalDate day) {
    }

    @Override
    public int forgetWritersBefore(CounterKey key, long sequence) {
        return 0;
    }

    @Override
    public void close() {
    }
}
