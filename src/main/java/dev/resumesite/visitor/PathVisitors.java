package dev.resumesite.visitor;

import dev.resumesite.counter.CounterKey;
import dev.resumesite.counter.CounterStore;
import dev.resumesite.counter.FirstVisitClaim;
import dev.resumesite.counter.Visit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Honest counting for views of pages this server does not render ({@code POST /api/hits}): the same
 * rules as {@link Visitors}, with the reload window kept per visitor and path (reading two posts is
 * two views; reloading one is one), a first visit of the day claimed for the site (its unique
 * visitors, settled with the site's batch like a page's) and for the path, and a per-visitor rate
 * limit in front of it all.
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

    public PathVisitors(CounterStore store, DailySecrets secrets, CounterKey siteKey, RobotFilter robots, Duration reloadWindow,
                        int perMinute) {
        this.store = store;
        this.siteKey = siteKey;
        this.robots = robots;
        this.secrets = secrets;
        this.recent = new RecentVisitors(reloadWindow, Visitors.REMEMBERED_VISITORS);
        this.limiter = new RateLimiter(perMinute, Visitors.REMEMBERED_VISITORS);
    }

    /** @param pathKey the path's own counter, whose unique visitors are claimed too */
    public Outcome see(String address, String userAgent, CounterKey pathKey, String path, Instant at, long arrivedNanos) {
        if (robots.isRobot(userAgent)) {
            return Outcome.NOT_COUNTED;
        }
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        DailySecrets.Secret secret = secrets.of(day);
        String visitor = VisitorKeys.of(secret.key(), address, userAgent, siteKey.site());
        long wait = limiter.take(visitor, arrivedNanos);
        if (wait > 0) {
            return new Outcome(wait, null, false);
        }
        return switch (recent.see(visitor + '\n' + path, arrivedNanos)) {
            case WITHIN_WINDOW -> Outcome.NOT_COUNTED;
            case EARLIER_TODAY -> new Outcome(0, Visit.of(at, arrivedNanos), false);
            // Without the shared secret, a key means nothing to other instances: count the view, not the visitor.
            case NOT_RECENTLY -> secret.shared()
                    ? new Outcome(0, new Visit(at, arrivedNanos, new FirstVisitClaim(day, visitor)), firstOnPath(pathKey, day, visitor))
                    : new Outcome(0, Visit.of(at, arrivedNanos), false);
        };
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
