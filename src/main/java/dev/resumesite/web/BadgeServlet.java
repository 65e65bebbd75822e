package dev.resumesite.web;

import dev.resumesite.counter.StoreException;
import dev.resumesite.stats.Badge;
import dev.resumesite.stats.SiteStats;
import dev.resumesite.stats.StatsSource;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.NumberFormat;
import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code /badge.svg}: the all-time page views ({@code ?metric=visitors}: unique visitors) as a badge
 * for a GitHub README or another site, with an optional {@code ?label=} (see {@link Badge#LABEL}).
 * Drawn from {@link StatsSource}'s figures, so a busy badge never reads the store; cacheable for a
 * minute with an {@code ETag}. Fetching it counts nothing.
 */
public final class BadgeServlet extends HttpServlet {
    public static final String PATH = "/badge.svg";

    private final StatsSource source;

    public BadgeServlet(StatsSource source) {
        this.source = source;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String metric = request.getParameter("metric") == null ? "views" : request.getParameter("metric");
        if (!metric.equals("views") && !metric.equals("visitors")) {
            text(response, HttpServletResponse.SC_BAD_REQUEST, "metric must be views or visitors\n");
            return;
        }
        String label = request.getParameter("label") == null
                ? (metric.equals("views") ? "page views" : "visitors")
                : request.getParameter("label");
        if (!Badge.LABEL.matcher(label).matches()) {
            text(response, HttpServletResponse.SC_BAD_REQUEST, "label must be 1 to 32 letters, digits, spaces or "
                    + ".,:_+()/#&'- and start with a letter or digit\n");
            return;
        }
        byte[] svg;
        try {
            svg = source.rendered("badge:" + metric + ":" + label,
                    stats -> Badge.svg(label, value(stats, metric)).getBytes(StandardCharsets.UTF_8));
        } catch (StoreException e) {
            log("badge unavailable: " + e.getMessage());
            response.setHeader("Retry-After", HttpPolicy.RETRY_AFTER_SECONDS);
            text(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The count is unavailable; try again shortly.\n");
            return;
        }
        // A strong validator from the bytes themselves (a few microseconds for a badge of about a kilobyte).
        String tag = "\"" + HexFormat.of().formatHex(sha256(svg), 0, 8) + "\"";
        response.setHeader("Cache-Control", HttpPolicy.BADGE_CACHE);
        response.setHeader("ETag", tag);
        if (IfNoneMatch.matches(request.getHeader("If-None-Match"), tag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType("image/svg+xml;charset=UTF-8");
        response.setContentLength(svg.length);
        response.getOutputStream().write(svg);
    }

    private static String value(SiteStats stats, String metric) {
        long value = metric.equals("views") ? stats.totals().views() : stats.totals().visitors();
        return NumberFormat.getIntegerInstance(Locale.US).format(value);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void text(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(message);
    }
}
