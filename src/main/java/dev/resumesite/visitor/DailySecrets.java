package dev.resumesite.visitor;

import dev.resumesite.counter.CounterStore;
import dev.resumesite.counter.LogThrottle;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's random secret of each UTC day, kept in the counter store so every instance keys visitors
 * alike, and held here for the request path: {@link #of} never calls the store, never waits and takes
 * no lock. {@link #refresh} (at start-up, then by a background task) reads today's secret if it is
 * missing, fetches tomorrow's well before midnight, and once a day has the store forget the secrets
 * and seen-marks of the days before yesterday: after that, nobody can recompute an old visitor key.
 *
 * <p>While no shared secret is known (the store was away at start-up or at midnight), visitors are
 * keyed with this process's own random secret, which is never stored: reloads are still recognised,
 * and no address or user agent is ever a key in memory, but such keys mean nothing to other
 * instances, so no visitor is counted as new with them (one process, one day at most).
 */
public final class DailySecrets {
    private static final Logger log = LoggerFactory.getLogger(DailySecrets.class);
    /** How long before UTC midnight tomorrow's secret is fetched: many refreshes, so an outage of minutes is ridden out. */
    static final Duration TOMORROW_AHEAD = Duration.ofHours(1);

    private final CounterStore store;
    private final String site;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Today's and tomorrow's (and yesterday's, for a request that arrived just before midnight). */
    private final Map<LocalDate, byte[]> shared = new ConcurrentHashMap<>();
    private final byte[] processSecret = new byte[32];
    private final LogThrottle warnings = LogThrottle.perMinute();
    // Used by the refreshing thread only.
    private LocalDate forgottenBefore;

    /**
     * The secret a visitor key of a day is made with.
     *
     * @param shared true for the day's secret shared by all instances; false for this process's own,
     *     whose keys must not be claimed as new visitors
     */
    public record Secret(byte[] key, boolean shared) {
    }

    public DailySecrets(CounterStore store, String site, Clock clock) {
        this.store = store;
        this.site = site;
        this.clock = clock;
        random.nextBytes(processSecret);
    }

    /** The secret for {@code day}: the shared one if known, else this process's own. No store call. */
    public Secret of(LocalDate day) {
        byte[] key = shared.get(day);
        return key != null ? new Secret(key, true) : new Secret(processSecret, false);
    }

    /** Reads today's secret, for start-up: the first visitor should find it (the background {@link #refresh} retries). */
    public void loadToday() {
        fetch(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    }

    /**
     * Brings the secrets up to date: today's if missing, tomorrow's once midnight is near, and the
     * store's old days forgotten once a day. Store calls happen here only; a failure is logged and
     * the next refresh tries again. Run by one thread at a time.
     */
    public void refresh() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        fetch(today);
        if (Duration.between(now, today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)).compareTo(TOMORROW_AHEAD) <= 0) {
            fetch(today.plusDays(1));
        }
        shared.keySet().removeIf(day -> day.isBefore(today.minusDays(1)));
        if (!today.equals(forgottenBefore)) {
            try {
                store.forgetVisitorsBefore(site, today.minusDays(1));
                forgottenBefore = today;
            } catch (RuntimeException e) {
                warn("could not delete old visitor secrets now (they also expire by themselves)", e);
            }
        }
    }

    private void fetch(LocalDate day) {
        if (shared.containsKey(day)) {
            return;
        }
        byte[] candidate = new byte[32];
        random.nextBytes(candidate);
        try {
            shared.put(day, Base64.getDecoder().decode(store.dailySecret(site, day, Base64.getEncoder().encodeToString(candidate))));
        } catch (RuntimeException e) {
            warn("no visitor secret for " + day + " yet; until there is, views are counted and reloads recognised, "
                    + "new visitors are not counted", e);
        }
    }

    private void warn(String what, RuntimeException e) {
        if (warnings.due()) {
            log.warn("{}: {}", what, e.getMessage());
        }
    }
}
