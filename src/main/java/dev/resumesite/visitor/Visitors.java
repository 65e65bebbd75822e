package dev.resumesite.visitor;

import dev.resumesite.counter.CounterKey;
import dev.resumesite.counter.FirstVisitClaim;
import dev.resumesite.counter.Visit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Decides whether a request for the page is a person's page view that counts, and whether it may be
 * that person's first visit of the day (then the visit carries a claim, which the counter settles with
 * its batch). Robots are not counted; a view within the reload window of the same visitor's last
 * counted view is not counted again. A visitor is known only by a key that cannot be traced back
 * (see {@link VisitorKeys}); nothing else about them is kept. No store call, no lock: the day's secret
 * comes from {@link DailySecrets}, kept up to date in the background.
 */
public final class Visitors {
    /** Keys this instance remembers: about 130 bytes each, so at most ~13 MB. */
    static final int REMEMBERED_VISITORS = 100_000;

    private final CounterKey key;
    private final RobotFilter robots;
    private final DailySecrets secrets;
    private final RecentVisitors recent;

    public Visitors(DailySecrets secrets, CounterKey key, RobotFilter robots, Duration reloadWindow) {
        this.key = key;
        this.robots = robots;
        this.secrets = secrets;
        this.recent = new RecentVisitors(reloadWindow, REMEMBERED_VISITORS);
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
        DailySecrets.Secret secret = secrets.of(day);
        String visitor = VisitorKeys.of(secret.key(), address, String.valueOf(userAgent), key.site());
        return switch (recent.see(visitor, arrivedNanos).seen()) {
            case WITHIN_WINDOW -> Optional.empty();
            case EARLIER_TODAY -> Optional.of(Visit.of(at, arrivedNanos));
            // Without the shared secret, a key means nothing to other instances: count the view, not the visitor.
            case NOT_RECENTLY -> Optional.of(new Visit(at, arrivedNanos, secret.shared() ? new FirstVisitClaim(day, visitor) : null));
        };
    }

    /** How many visitor keys this instance holds in memory now. */
    public int remembered() {
        return recent.size();
    }
}
