package dev.resumesite.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Admits only requests that came through our own CloudFront distribution, which adds a secret
 * header. The load balancer's network rule admits every CloudFront distribution, and someone
 * else's could cache the counted page or forge the visitor's address. The load balancer's own
 * health check carries no header, so {@code /healthz} stays open. Without a secret it admits all.
 */
public final class OriginGuardFilter extends HttpFilter {
    private final byte[] secret;

    /** @param secret the expected {@link HttpPolicy#ORIGIN_HEADER} value; empty to admit every request */
    public OriginGuardFilter(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (secret.length == 0 || HttpPolicy.HEALTH_PATH.equals(request.getRequestURI()) || carriesSecret(request)) {
            chain.doFilter(request, response);
            return;
        }
        // Through the error pages, like every refusal: our headers, no-store, the designed page.
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }

    private boolean carriesSecret(HttpServletRequest request) {
        String presented = request.getHeader(HttpPolicy.ORIGIN_HEADER);
        // Constant-time, so the secret cannot be guessed byte by byte from response times.
        return presented != null && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }
}
