package dev.resumesite.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Puts the {@link HttpPolicy} headers on every response before any servlet runs. Responses are
 * {@code no-store} unless a servlet says otherwise, so nothing is cacheable by accident. Runs after
 * {@link ForwardedRequestFilter}, so {@code isSecure()} reflects the visitor's own connection.
 */
public final class ResponseHeadersFilter extends HttpFilter {
    private final Map<String, String> securityHeaders;

    public ResponseHeadersFilter() {
        this(HttpPolicy.SECURITY_HEADERS);
    }

    /** With the security headers of this site's content, e.g. {@link HttpPolicy#securityHeaders} for its portrait. */
    public ResponseHeadersFilter(Map<String, String> securityHeaders) {
        this.securityHeaders = Map.copyOf(securityHeaders);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        securityHeaders.forEach(response::setHeader);
        response.setHeader("Cache-Control", HttpPolicy.NO_STORE);
        if (request.isSecure()) {
            // Only over HTTPS: an HSTS header on plain HTTP is ignored by browsers and misleads tests.
            response.setHeader("Strict-Transport-Security", HttpPolicy.HSTS);
        }
        chain.doFilter(request, response);
    }
}
