package dev.resumesite.visitor;

import dev.resumesite.counter.CounterKey;
import dev.resumesite.counter.CounterStore;
import dev.resumesite.counter.Visit;
import dev.resumesite.counter.VisitorClaim;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a request for the page is a person's page view that counts, and whether it is
 * that person's first visit of the day (a new unique visitor). Robots are not counted; a view within
 * the reload window of the same visitor's last counted view is not counted again. A visitor is known
 * only by a key that cannot be traced back (see {@link VisitorKeys}); nothing else about them is kept.
 */
public final class Visitors {
    private static final Logger log = LoggerFactory.getLogger(Visitors.class);
    /** Keys this instance remembers: about 130 bytes each, so at most ~13 MB. */
    static final int REMEMBERED_VISITORS = 100_000;

    private final CounterStore store;
    private final CounterKey key;
    private final RobotFilter robots;
    private final DailySecrets secrets;
    private final RecentVisitors recent;
    private final AtomicLong lastSecretWarningNanos = new AtomicLong(System.nanoTime() - 60_000_000_000L);

    public Visitors(CounterStore store, CounterKey key, RobotFilter robots, Duration reloadWindow) {
        this.store = store;
        this.key = key;
        this.robots = robots;
        this.secrets = new DailySecrets(store, key.site());
        this.recent = new RecentVisitors(reloadWindow, REMEMBERED_VISITORS);
        try {
            secrets.of(LocalDate.now(ZoneOffset.UTC)); // Now, not on the first visitor's time.
        } catch (RuntimeException e) {
            warnAtMostOnceAMinute(e);
        }
    }

    /**
     * The visit this request makes, or empty when it is not a person's new page view.
     *
     * @param vouchedHuman the request carries the configured test token: count it even though its user agent is a robot's
     */
    public Optional<Visit> visitOf(String address, String userAgent, boolean vouchedHuman, Instant at, long arrivedNanos) {
        if (!vouchedHuman && robots.isRobot(userAgent)) {
            return Optional.empty();
        }
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        String visitor;
        try {
            visitor = VisitorKeys.of(secrets.of(day), address, String.valueOf(userAgent), key.site());
        } catch (RuntimeException e) {
            // Without the day's secret nobody can be told apart: count the view, not the visitor.
            warnAtMostOnceAMinute(e);
            return Optional.of(new Visit(at, arrivedNanos, false, null));
        }
        return switch (recent.see(visitor, arrivedNanos)) {
            case WITHIN_WINDOW -> Optional.empty();
            case EARLIER_TODAY -> Optional.of(new Visit(at, arrivedNanos, false, null));
            case NOT_RECENTLY -> Optional.of(firstVisitClaimed(new VisitorClaim(day, visitor, UUID.randomUUID().toString()),
                    at, arrivedNanos));
        };
    }

    /** Asks the store whether this is the visitor's first visit today; if it cannot say now, the counter will ask again. */
    private Visit firstVisitClaimed(VisitorClaim claim, Instant at, long arrivedNanos) {
        try {
            return new Visit(at, arrivedNanos, store.claimFirstVisit(key, claim.day(), claim.visitor(), claim.claim()), null);
        } catch (RuntimeException e) {
            return new Visit(at, arrivedNanos, false, claim);
        }
    }

    /** How many visitor keys this instance holds in memory now. */
    public int remembered() {
        return recent.size();
    }

    private void warnAtMostOnceAMinute(RuntimeException e) {
        long now = System.nanoTime();
        long last = lastSecretWarningNanos.get();
        if (now - last > 60_000_000_000L && lastSecretWarningNanos.compareAndSet(last, now)) {
            log.warn("no visitor secret for today yet; views are counted, new visitors are not: {}", e.getMessage());
        }
    }
}
