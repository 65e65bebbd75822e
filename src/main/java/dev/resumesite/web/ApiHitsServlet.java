package dev.resumesite.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resumesite.counter.PathCounter;
import dev.resumesite.counter.StoreException;
import dev.resumesite.counter.Totals;
import dev.resumesite.counter.VisitCounter;
import dev.resumesite.visitor.PathVisitors;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * {@code POST /api/hits} with {@code {"path": "/blog/some-post"}}: counts a view of a page this
 * server does not render (a blog on another host), under every rule of honest counting, on the
 * path's own counter and in the site's totals. Only pages of the origins in {@code ALLOWED_ORIGINS}
 * may call it (CORS for exactly those, see {@link CrossOrigin}); a visitor asking more than
 * {@code HITS_PER_MINUTE} times a minute gets 429 with {@code Retry-After}. Answers the path's
 * numbers: {@code {"path":…,"views":N,"visitors":M,"counted":true|false}}.
 */
public final class ApiHitsServlet extends HttpServlet {
    /** A URL path as a page would report it: no query, fragment, spaces or dot segments; at most 200 characters. */
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,199}");

    private final VisitCounter site;
    private final PathCounter paths;
    private final PathVisitors visitors;
    private final CrossOrigin crossOrigin;
    private final Clock clock;

    public ApiHitsServlet(VisitCounter site, PathCounter paths, PathVisitors visitors, CrossOrigin crossOrigin, Clock clock) {
        this.site = site;
        this.paths = paths;
        this.visitors = visitors;
        this.crossOrigin = crossOrigin;
        this.clock = clock;
    }

    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) {
        crossOrigin.preflight(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long arrivedNanos = System.nanoTime();
        if (!crossOrigin.admitsJson(crossOrigin.refusalForListed(request), request, response)) {
            return;
        }
        String path;
        try {
            path = path(JsonBody.read(request));
        } catch (JsonBody.Refused e) {
            Json.error(response, e.status, e.getMessage());
            return;
        }
        try {
            count(request, response, path, arrivedNanos);
        } catch (StoreException e) {
            log("visitor counter unavailable: " + e.getMessage());
            response.setHeader("Retry-After", HttpPolicy.RETRY_AFTER_SECONDS);
            Json.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "counter unavailable");
        }
    }

    private void count(HttpServletRequest request, HttpServletResponse response, String path, long arrivedNanos) throws IOException {
        boolean speculative = PageViewPolicy.speculative(request::getHeader);
        Instant at = clock.instant();
        PathVisitors.Outcome outcome = speculative
                ? new PathVisitors.Outcome(0, null, false)
                : visitors.see(request.getRemoteAddr(), request.getHeader("User-Agent"), paths.keyOf(path), path, at, arrivedNanos);
        if (outcome.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", Long.toString(outcome.retryAfterSeconds()));
            Json.error(response, 429, "too many requests; try again later");
            return;
        }
        if (outcome.counts() && !paths.admits(path)) {
            Json.error(response, 422, "this server counts no more new paths; its owner can raise HITS_MAX_PATHS");
            return;
        }
        Totals totals;
        if (outcome.counts()) {
            // The path first: if the store refuses it, nothing is counted and the caller may try again.
            totals = paths.record(path, outcome.siteVisit().day(), outcome.firstOnPath());
            site.record(outcome.siteVisit());
        } else {
            totals = paths.read(path);
        }
        Json.write(response, HttpServletResponse.SC_OK, "{\"path\":" + quoted(path) + ",\"views\":" + totals.views()
                + ",\"visitors\":" + totals.visitors() + ",\"counted\":" + outcome.counts() + "}");
    }

    /** The body's {@code path}, checked and normalised (a trailing slash dropped, so {@code /a/} and {@code /a} are one page). */
    private static String path(JsonNode body) throws JsonBody.Refused {
        JsonNode node = body.get("path");
        if (node == null || !node.isTextual()) {
            throw new JsonBody.Refused(400, "the body needs \"path\", e.g. {\"path\": \"/blog/first-post\"}");
        }
        String path = node.textValue();
        if (!PATH.matcher(path).matches() || path.contains("//") || path.matches(".*(^|/)\\.{1,2}(/|$).*")) {
            throw new JsonBody.Refused(400, "\"path\" must be a URL path such as /blog/first-post: starting with /, "
                    + "at most 200 characters, no query, fragment, spaces, // or dot segments");
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String quoted(String path) {
        return "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(path)) + "\"";
    }
}
