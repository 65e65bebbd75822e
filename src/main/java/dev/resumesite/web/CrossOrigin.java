package dev.resumesite.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may ask the counting APIs ({@code POST /api/views}, {@code POST /api/hits}) to count, from a
 * browser. A page on another origin must not move a number, so a counting request must be a CORS
 * request ({@code Sec-Fetch-Mode} {@code cors} or {@code same-origin}: never a form, an image or a
 * {@code no-cors} fetch), from the site itself ({@code Sec-Fetch-Site: same-origin}, or an
 * {@code Origin} equal to the site's) or from an origin listed in {@code ALLOWED_ORIGINS}, and it must
 * say {@code Content-Type: application/json}, which no form can send and which makes browsers ask
 * first (the preflight), so a page elsewhere never reaches the counter. CORS headers name exactly the
 * requesting origin when it is listed, never {@code *}.
 */
public final class CrossOrigin {
    private final Set<String> allowed;

    public CrossOrigin(Set<String> allowedOrigins) {
        this.allowed = Set.copyOf(allowedOrigins);
    }

    /** For {@code POST /api/views}: the site's own pages, listed origins, or a client that is not a browser page. */
    Optional<String> refusalForSiteOrListed(HttpServletRequest request) {
        Optional<String> mode = refusedMode(request);
        if (mode.isPresent()) {
            return mode;
        }
        String origin = request.getHeader("Origin");
        if ("same-origin".equals(request.getHeader("Sec-Fetch-Site")) && (origin == null || !"null".equals(origin))) {
            return Optional.empty();
        }
        if (origin == null) {
            // No browser page sends a cross-site POST without Origin; a program can send any header it likes anyway.
            String site = request.getHeader("Sec-Fetch-Site");
            return site == null || "none".equals(site) ? Optional.empty() : Optional.of("cross-site request without an Origin");
        }
        String canonical = origin.toLowerCase(Locale.ROOT);
        return canonical.equals(ownOrigin(request)) || allowed.contains(canonical)
                ? Optional.empty()
                : Optional.of("origin not allowed");
    }

    /** For {@code POST /api/hits}: only pages of the listed origins. */
    Optional<String> refusalForListed(HttpServletRequest request) {
        Optional<String> mode = refusedMode(request);
        if (mode.isPresent()) {
            return mode;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return Optional.of("an Origin header is required");
        }
        return allowed.contains(origin.toLowerCase(Locale.ROOT)) ? Optional.empty() : Optional.of("origin not allowed");
    }

    /** Forms navigate, images and {@code no-cors} fetches are {@code no-cors}: none of them may count. */
    private static Optional<String> refusedMode(HttpServletRequest request) {
        String mode = request.getHeader("Sec-Fetch-Mode");
        return mode == null || "cors".equals(mode) || "same-origin".equals(mode)
                ? Optional.empty()
                : Optional.of("not a CORS request (Sec-Fetch-Mode: " + mode + ")");
    }

    /**
     * The gate of a counting {@code POST}: 403 for a caller {@code refusal} names, CORS headers for a
     * listed origin, 415 for a body that does not say JSON.
     *
     * @param refusal {@link #refusalForSiteOrListed} or {@link #refusalForListed} of this request
     * @return whether the request may go on; if not, the answer is written
     */
    boolean admitsJson(Optional<String> refusal, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (refusal.isPresent()) {
            Json.error(response, HttpServletResponse.SC_FORBIDDEN, refusal.get());
            return false;
        }
        allowListedOrigin(request, response);
        if (!isJson(request)) {
            Json.error(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
            return false;
        }
        return true;
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals("application/json");
    }

    /** Adds the CORS answer headers when the request's origin is listed; nothing for anyone else. */
    void allowListedOrigin(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Vary", "Origin");
        String origin = request.getHeader("Origin");
        if (origin != null && allowed.contains(origin.toLowerCase(Locale.ROOT))) {
            response.setHeader("Access-Control-Allow-Origin", origin);
        }
    }

    /**
     * Answers a CORS preflight: 204 with the allowing headers for a listed origin asking to
     * {@code POST} JSON, else 403 without them (so the browser never sends the request).
     */
    void preflight(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Vary", "Origin");
        String origin = request.getHeader("Origin");
        boolean listed = origin != null && allowed.contains(origin.toLowerCase(Locale.ROOT));
        if (!listed || !"POST".equals(request.getHeader("Access-Control-Request-Method"))) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.setHeader("Access-Control-Allow-Methods", "POST");
        response.setHeader("Access-Control-Allow-Headers", "Content-Type");
        response.setHeader("Access-Control-Max-Age", HttpPolicy.PREFLIGHT_MAX_AGE_SECONDS);
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /** The site's own origin as a browser would write it: scheme (as the visitor used it) and Host. */
    private static String ownOrigin(HttpServletRequest request) {
        String host = request.getHeader("Host");
        return host == null ? "" : (request.getScheme() + "://" + host).toLowerCase(Locale.ROOT);
    }
}
