package dev.resumesite.web;

import dev.resumesite.counter.VisitCounter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Picks the counter a request is counted on: the public one, or the synthetic-check counter for a
 * request carrying {@link HttpPolicy#SYNTHETIC_CHECK_HEADER} with the configured secret (the
 * post-deploy check), so checking the live site never adds to the owner's public number.
 */
public final class CounterChoice {
    private final VisitCounter visitors;
    private final VisitCounter syntheticChecks;
    private final byte[] secret;

    /** @param secret {@code SYNTHETIC_CHECK_SECRET}; empty means every request counts publicly */
    public CounterChoice(VisitCounter visitors, VisitCounter syntheticChecks, String secret) {
        this.visitors = visitors;
        this.syntheticChecks = syntheticChecks;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The counter for this request; marks the response when it is the synthetic one. */
    public VisitCounter forRequest(HttpServletRequest request, HttpServletResponse response) {
        String presented = request.getHeader(HttpPolicy.SYNTHETIC_CHECK_HEADER);
        // Constant-time, like the origin secret.
        if (secret.length > 0 && presented != null
                && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
            response.setHeader(HttpPolicy.SYNTHETIC_CHECK_HEADER, HttpPolicy.SYNTHETIC_COUNTER);
            return syntheticChecks;
        }
        return visitors;
    }
}
