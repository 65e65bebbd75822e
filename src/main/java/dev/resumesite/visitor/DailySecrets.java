package dev.resumesite.visitor;

import dev.resumesite.counter.CounterStore;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's random secret of the current UTC day, kept in the counter store so every instance
 * keys visitors alike. A new day's secret replaces the old one here, and the store forgets the
 * secrets of the days before yesterday: after that, nobody can recompute an old visitor key.
 */
final class DailySecrets {
    private static final Logger log = LoggerFactory.getLogger(DailySecrets.class);

    private final CounterStore store;
    private final String site;
    private final SecureRandom random = new SecureRandom();
    private volatile Secret current;

    private record Secret(LocalDate day, byte[] key) {
    }

    DailySecrets(CounterStore store, String site) {
        this.store = store;
        this.site = site;
    }

    /** The secret of {@code day}; asks the store (at most once a day per instance); throws what the store throws. */
    byte[] of(LocalDate day) {
        Secret secret = current;
        if (secret != null && secret.day().equals(day)) {
            return secret.key();
        }
        synchronized (this) {
            secret = current;
            if (secret == null || !secret.day().equals(day)) {
                byte[] candidate = new byte[32];
                random.nextBytes(candidate);
                String stored = store.dailySecret(site, day, Base64.getEncoder().encodeToString(candidate));
                secret = new Secret(day, Base64.getDecoder().decode(stored));
                current = secret;
                forgetOldDays(day);
            }
            return secret.key();
        }
    }

    private void forgetOldDays(LocalDate today) {
        try {
            store.forgetVisitorsBefore(site, today.minusDays(1));
        } catch (RuntimeException e) {
            log.warn("could not delete old visitor secrets now (they also expire by themselves): {}", e.getMessage());
        }
    }
}
