package dev.resumesite.visitor;

import dev.resumesite.counter.CounterKey;
import dev.resumesite.counter.CounterStore;
import dev.resumesite.counter.Visit;
import dev.resumesite.counter.VisitorClaim;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Honest counting for views of pages this server does not render ({@code POST /api/hits}): the same
 * rules as {@link Visitors}, with the reload window kept per visitor and path (reading two posts is
 * two views; reloading one is one), a first visit of the day claimed for the site (its unique
 * visitors) and for the path, and a per-visitor rate limit in front of it all.
 */
public final class PathVisitors {
    private final CounterStore store;
    private final CounterKey siteKey;
    private final RobotFilter robots;
    private final DailySecrets secrets;
    private final RecentVisitors recent;
    private final RateLimiter limiter;

    /**
     * What a request for a path amounts to.
     *
     * @param retryAfterSeconds above 0: the visitor asked too often; nothing was counted
     * @param siteVisit the view to add to the site's totals, or null when it does not count
     * @param firstOnPath whether the visitor is new on this path today (a unique visitor of the path)
     */
    public record Outcome(long retryAfterSeconds, Visit siteVisit, boolean firstOnPath) {
        static final Outcome NOT_COUNTED = new Outcome(0, null, false);

        public boolean counts() {
            return siteVisit != null;
        }
    }

    public PathVisitors(CounterStore store, CounterKey siteKey, RobotFilter robots, Duration reloadWindow, int perMinute) {
        this.store = store;
        this.siteKey = siteKey;
        this.robots = robots;
        this.secrets = new DailySecrets(store, siteKey.site());
        this.recent = new RecentVisitors(reloadWindow, Visitors.REMEMBERED_VISITORS);
        this.limiter = new RateLimiter(perMinute, Visitors.REMEMBERED_VISITORS);
    }

    /** @param pathKey the path's own counter, whose unique visitors are claimed too */
    public Outcome see(String address, String userAgent, CounterKey pathKey, String path, Instant at, long arrivedNanos) {
        if (robots.isRobot(userAgent)) {
            return Outcome.NOT_COUNTED;
        }
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        String visitor;
        try {
            visitor = VisitorKeys.of(secrets.of(day), address, userAgent, siteKey.site());
        } catch (RuntimeException e) {
            // No secret today: nobody can be told apart, so no visitor is counted; the address stands in
            // for the rate limit's key, in memory only.
            long wait = limiter.take(address + '\n' + userAgent, arrivedNanos);
            return wait > 0 ? new Outcome(wait, null, false) : new Outcome(0, new Visit(at, arrivedNanos, false, null), false);
        }
        long wait = limiter.take(visitor, arrivedNanos);
        if (wait > 0) {
            return new Outcome(wait, null, false);
        }
        return switch (recent.see(visitor + '\n' + path, arrivedNanos)) {
            case WITHIN_WINDOW -> Outcome.NOT_COUNTED;
            case EARLIER_TODAY -> new Outcome(0, new Visit(at, arrivedNanos, false, null), false);
            case NOT_RECENTLY -> new Outcome(0, siteVisit(new VisitorClaim(day, visitor, UUID.randomUUID().toString()), at, arrivedNanos),
                    firstOnPath(pathKey, day, visitor));
        };
    }

    private Visit siteVisit(VisitorClaim claim, Instant at, long arrivedNanos) {
        try {
            return new Visit(at, arrivedNanos, store.claimFirstVisit(siteKey, claim.day(), claim.visitor(), claim.claim()), null);
        } catch (RuntimeException e) {
            return new Visit(at, arrivedNanos, false, claim); // The site's counter settles it when the store is back.
        }
    }

    /** A path's new visitor; when the store cannot say now, not counted as new (an undercount, never a double). */
    private boolean firstOnPath(CounterKey pathKey, LocalDate day, String visitor) {
        try {
            return store.claimFirstVisit(pathKey, day, visitor, UUID.randomUUID().toString());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
