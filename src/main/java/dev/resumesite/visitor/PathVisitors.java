package dev.resumesite.visitor;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.resumesite.counter.CounterKey;
import dev.resumesite.counter.FirstVisitClaim;
import dev.resumesite.counter.Visit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Honest counting for views of pages this server does not render ({@code POST /api/hits}): the same
 * rules as {@link Visitors}, with the reload window kept per visitor and path (reading two posts is
 * two views; reloading one is one), and a per-visitor rate limit in front of it all. Decides only,
 * writes nothing: a view's first-visit claims (for the site, settled with the site's batch like a
 * page's, and for the path, settled inside the path's own write) travel in the {@link Outcome}, and a
 * view whose write failed is {@link #forget forgotten}, so the caller's retry is not taken for a reload
 * and carries the same path claim (on DynamoDB the claim may have landed before the counts failed:
 * asked again with its id, it still wins).
 */
public final class PathVisitors {
    /** Path claims of failed writes kept for the caller's retry; failures are rare, and a forgotten one costs one new path visitor at most. */
    static final int UNFINISHED_CLAIMS = 10_000;

    private final CounterKey siteKey;
    private final RobotFilter robots;
    private final DailySecrets secrets;
    private final RecentVisitors recent;
    private final RateLimiter limiter;
    private final Map<String, FirstVisitClaim> unfinishedClaims =
            Caffeine.newBuilder().maximumSize(UNFINISHED_CLAIMS).<String, FirstVisitClaim>build().asMap();

    /**
     * What a request for a path amounts to.
     *
     * @param retryAfterSeconds above 0: the visitor asked too often; nothing was counted
     * @param siteVisit the view to add to the site's totals, or null when it does not count
     * @param pathClaim the visitor's bid to be new on this path today, or null when they cannot be (not
     *     new, or no shared secret to tell them apart)
     * @param visitor the visitor's key and {@code path} the path, for {@link #forget} when a view counts; else null
     * @param previousNote the reload note this view replaced (null if none), which {@link #forget} puts back
     */
    public record Outcome(long retryAfterSeconds, Visit siteVisit, FirstVisitClaim pathClaim, String visitor, String path,
                          Long previousNote) {
        static final Outcome NOT_COUNTED = new Outcome(0, null, null, null, null, null);

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
            return new Outcome(wait, null, null, null, null, null);
        }
        RecentVisitors.Sighting sighting = recent.see(reloadKey(visitor, path), arrivedNanos);
        Long previous = sighting.previous();
        return switch (sighting.seen()) {
            case WITHIN_WINDOW -> Outcome.NOT_COUNTED;
            case EARLIER_TODAY -> new Outcome(0, Visit.of(at, arrivedNanos), null, visitor, path, previous);
            // Without the shared secret, a key means nothing to other instances: count the view, not the visitor.
            case NOT_RECENTLY -> secret.shared()
                    ? new Outcome(0, new Visit(at, arrivedNanos, new FirstVisitClaim(day, visitor)), pathClaim(visitor, path, day),
                            visitor, path, previous)
                    : new Outcome(0, Visit.of(at, arrivedNanos), null, visitor, path, previous);
        };
    }

    /** The reload window is kept per visitor and path. */
    private static String reloadKey(String visitor, String path) {
        return visitor + '\n' + path;
    }

    /** The claim of this visitor's failed write of the path, if one is kept for today; else a new one. */
    private FirstVisitClaim pathClaim(String visitor, String path, LocalDate day) {
        FirstVisitClaim unfinished = unfinishedClaims.remove(reloadKey(visitor, path));
        return unfinished != null && unfinished.day().equals(day) ? unfinished : new FirstVisitClaim(day, visitor);
    }

    /**
     * The counted view of {@code outcome} was not written after all: it spent nothing, so its retry is
     * not a reload, is not charged to the rate limit twice, and bids with the same path claim.
     */
    public void forget(Outcome outcome) {
        if (!outcome.counts()) {
            return;
        }
        long arrivedNanos = outcome.siteVisit().arrivedNanos();
        recent.forget(reloadKey(outcome.visitor(), outcome.path()), arrivedNanos, outcome.previousNote());
        limiter.giveBack(outcome.visitor(), arrivedNanos);
        if (outcome.pathClaim() != null) {
            unfinishedClaims.put(reloadKey(outcome.visitor(), outcome.path()), outcome.pathClaim());
        }
    }
}
