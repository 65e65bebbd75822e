package dev.resumesite.counter;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The port to the database that holds the counts. Implementations: {@link SqliteCounterStore}
 * (embedded, the default) and {@link DynamoDbCounterStore} (production); both pass
 * {@code CounterStoreContract}. Every method throws {@link StoreUnavailableException} when the
 * store cannot answer now and {@link StoreMisconfiguredException} when it refuses until the owner
 * changes a setting; a configuration mistake found on first contact throws at construction.
 *
 * <p>What a counter holds: all-time totals, the totals of each UTC day with their breakdowns (views
 * per source and per country, at most {@link DayBreakdown#VALUES_PER_DAY} values by name per
 * dimension and day, the rest in "other", kept exactly across instances), the visitors already seen
 * each day (as keyed hashes that expire), and a random secret per day shared by all instances.
 */
public interface CounterStore extends AutoCloseable {

    /**
     * Adds the tally to the all-time and the day's totals, and its breakdowns to the day's (within the
     * day's bound), in one step; returns the new all-time totals.
     */
    Totals add(CounterKey key, Tally tally);

    /** {@link #addOnce(CounterKey, Tally, List, WriteToken)} without claims. */
    default Optional<Totals> addOnce(CounterKey key, Tally tally, WriteToken token) {
        return addOnce(key, tally, List.of(), token);
    }

    /**
     * Writes one batch of one day, unless this token (or a later one of the same writer) was already
     * applied: settles the claims still open (as {@link #claimFirstVisit} does, keeping each answer in
     * its claim), then adds the tally plus one visitor per claim won, to the all-time and the day's
     * totals, and its breakdowns to the day's, in the same write. Claims already settled are not asked again. An answer kept in a claim is durable even
     * when the call then fails, so a retry of the batch asks only what is still open.
     *
     * @return the new totals, or empty when the write had already been applied before
     */
    Optional<Totals> addOnce(CounterKey key, Tally tally, List<FirstVisitClaim> claims, WriteToken token);

    /** The current all-time totals, strongly consistent; zero for a counter never written. */
    Totals read(CounterKey key);

    /** The totals of each day from {@code from} to {@code to} (inclusive) that has any, oldest first. */
    List<DayTotals> days(CounterKey key, LocalDate from, LocalDate to);

    /**
     * The breakdown rows of each day from {@code from} to {@code to} (inclusive): the views of each
     * source and each country that day (values past the day's bound in one "other" row), in no
     * particular order.
     */
    List<DayShare> shares(CounterKey key, LocalDate from, LocalDate to);

    /**
     * Records that {@code visitor} (a keyed hash, never an address) was seen on {@code day}, unless
     * it already was; the record expires two days later. Retrying with the same {@code claim} after a
     * lost answer gives the same result.
     *
     * @return true when this claim recorded the visitor's first visit of the day
     */
    boolean claimFirstVisit(CounterKey key, LocalDate day, String visitor, String claim);

    /**
     * The site's random secret for {@code day}: {@code candidate} if no instance stored one yet,
     * else the one stored first, so every instance uses the same. It expires two days later.
     */
    String dailySecret(String site, LocalDate day, String candidate);

    /**
     * Deletes the site's secrets and seen-visitor records of days before {@code day}, so old visitor
     * keys can no longer be recomputed or matched (stores with expiry may also let them expire).
     */
    void forgetVisitorsBefore(String site, LocalDate day);

    /**
     * Forgets the marks of writers whose last applied sequence is below {@code sequence}: instances
     * long gone, whose marks would otherwise pile up on the counter (one per process start).
     *
     * @return how many marks were removed
     */
    int forgetWritersBefore(CounterKey key, long sequence);

    /** Durable write transactions since the store was opened (SQLite commits, DynamoDB write calls), for {@code /healthz}. */
    long writeTransactions();

    @Override
    void close();
}
