package dev.resumesite.visitor;

import dev.resumesite.counter.CounterKey;
import dev.resumesite.counter.FirstVisitClaim;
import dev.resumesite.counter.Visit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Honest counting for views of pages this server does not render ({@code POST /api/hits}): the same
 * rules as {@link Visitors}, with the reload window kept per visitor and path (reading two posts is
 * two views; reloading one is one), and a per-visitor rate limit in front of it all. Decides only,
 * writes nothing: a view's first-visit claims (for the site, settled with the site's batch like a
 * page's, and for the path, settled inside the path's own write) travel in the {@link Outcome}, and a
 * view whose write failed is {@link #forget forgotten}, so the caller's retry is not taken for a reload.
 */
public final class PathVisitors {
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
     * @param pathClaim the visitor's bid to be new on this path today, or null when they cannot be (not
     *     new, or no shared secret to tell them apart)
     * @param reloadKey what the reload window noted for this view, so a failed write can take it back
     */
    public record Outcome(long retryAfterSeconds, Visit siteVisit, FirstVisitClaim pathClaim, String reloadKey) {
        static final Outcome NOT_COUNTED = new Outcome(0, null, null, null);

        public boolean counts() {
            return siteVisit != null;
        }
    }

    public PathVisitors(DailySecrets secrets, CounterKey siteKey, RobotFilter robots, Duration reloadWindow, int perMinute) {
        this.siteKey = siteKey;
        this.robots = robots;
        this.secrets = secrets;
        this.recent = new RecentVisitors(reloadWindow, Visitors.REMEMBERED_VISITORS);
        this.limiter = new RateLimiter(perMinute, Visitors.REMEMBERED_VISITORS);
    }

    public Outcome see(String address, String userAgent, String path, Instant at, long arrivedNanos) {
        if (robots.isRobot(userAgent)) {
            return Outcome.NOT_COUNTED;
        }
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        DailySecrets.Secret secret = secrets.of(day);
        String visitor = VisitorKeys.of(secret.key(), address, userAgent, siteKey.site());
        long wait = limiter.take(visitor, arrivedNanos);
        if (wait > 0) {
            return new Outcome(wait, null, null, null);
        }
        String reloadKey = visitor + '\n' + path;
        return switch (recent.see(reloadKey, arrivedNanos)) {
            case WITHIN_WINDOW -> Outcome.NOT_COUNTED;
            case EARLIER_TODAY -> new Outcome(0, Visit.of(at, arrivedNanos), null, reloadKey);
            // Without the shared secret, a key means nothing to other instances: count the view, not the visitor.
            case NOT_RECENTLY -> secret.shared()
                    ? new Outcome(0, new Visit(at, arrivedNanos, new FirstVisitClaim(day, visitor)), new FirstVisitClaim(day, visitor),
                            reloadKey)
                    : new Outcome(0, Visit.of(at, arrivedNanos), null, reloadKey);
        };
    }

    /** The counted view of {@code outcome} was not written after all: its next request is a new view, not a reload. */
    public void forget(Outcome outcome) {
        if (outcome.reloadKey() != null) {
            recent.forget(outcome.reloadKey(), outcome.siteVisit().arrivedNanos());
        }
    }
}
