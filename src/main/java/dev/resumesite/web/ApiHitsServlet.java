package dev.resumesite.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resumesite.counter.LogThrottle;
import dev.resumesite.counter.PathCounter;
import dev.resumesite.counter.StoreException;
import dev.resumesite.counter.Totals;
import dev.resumesite.counter.Visit;
import dev.resumesite.counter.VisitCounter;
import dev.resumesite.visitor.AddressBudget;
import dev.resumesite.visitor.PathVisitors;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /api/hits} with {@code {"path": "/blog/some-post"}}: counts a view of a page this
 * server does not render (a blog on another host), under every rule of honest counting, on the
 * path's own counter and in the site's totals. Only pages of the origins in {@code ALLOWED_ORIGINS}
 * may call it (CORS for exactly those, see {@link CrossOrigin}); a visitor asking more than
 * {@code HITS_PER_MINUTE} times a minute gets 429 with {@code Retry-After}. An address past its
 * {@link AddressBudget} (shared with the page) gets the numbers and counts nothing; a new path past
 * {@code HITS_MAX_PATHS} gets 422. Checks come before anything is written or spent (see
 * {@link #doPost}). Answers the path's numbers: {@code {"path":…,"views":N,"visitors":M,"counted":true|false}}.
 */
public final class ApiHitsServlet extends HttpServlet {
    /** A URL path as a page would report it: no query, fragment, spaces, parameters or dot segments; at most 200 characters. */
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,=:@%/-]{0,199}");
    /** A percent escape, which must be well formed. */
    private static final Pattern ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})|%([0-9A-Fa-f]{2})");

    private final VisitCounter site;
    private final PathCounter paths;
    private final PathVisitors visitors;
    private final AddressBudget budget;
    private final CrossOrigin crossOrigin;
    private final Clock clock;
    /** A site's total that stays unconfirmed through an outage would otherwise log once per hit. */
    private final LogThrottle unconfirmedLogs = LogThrottle.perMinute();

    public ApiHitsServlet(VisitCounter site, PathCounter paths, PathVisitors visitors, AddressBudget budget,
                          CrossOrigin crossOrigin, Clock clock) {
        this.site = site;
        this.paths = paths;
        this.visitors = visitors;
        this.budget = budget;
        this.crossOrigin = crossOrigin;
        this.clock = clock;
    }

    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) {
        crossOrigin.preflight(request, response);
    }

    /**
     * Checks, then spends: the body, then the cap on paths, then the address's budget, then the visitor
     * (robot, rate limit, reload), and only then the path's write (with its first-visit claim) and the
     * site's. Any refusal or failure before the path's write lands counts nothing and spends nothing (on
     * DynamoDB the visitor's first-visit claim on the path may stay written; the retry's claim, asked
     * with the same claim id, wins it again), so a caller that retries after a 503 is counted once. Once the
     * path's write has landed the answer is 200, counted, even when its numbers cannot be re-read.
     */
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
        // Before anything else: a path this instance will not count costs no allowance, note or write.
        if (!paths.admits(path)) {
            Json.error(response, 422, "this server counts no more new paths; its owner can raise HITS_MAX_PATHS");
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
        if (PageViewPolicy.speculative(request::getHeader)) {
            answer(response, path, paths.read(path), false);
            return;
        }
        // The address first, keyed by the address alone: rotating the user agent does not buy another allowance.
        try (AddressBudget.Permit permit = budget.reserve(request.getRemoteAddr(), arrivedNanos)) {
            if (!permit.granted()) {
                answer(response, path, paths.read(path), false);
                return;
            }
            PathVisitors.Outcome outcome = visitors.see(request.getRemoteAddr(), request.getHeader("User-Agent"), path,
                    clock.instant(), arrivedNanos);
            if (outcome.retryAfterSeconds() > 0) {
                response.setHeader("Retry-After", Long.toString(outcome.retryAfterSeconds()));
                // A listed origin's page may read it only when it is exposed to it.
                response.setHeader("Access-Control-Expose-Headers", "Retry-After");
                Json.error(response, 429, "too many requests; try again later");
                return;
            }
            if (!outcome.counts()) {
                answer(response, path, paths.read(path), false);
                return;
            }
            Totals totals;
            try {
                // The path first: if the store refuses it, nothing is counted and the caller may try again.
                totals = paths.record(path, outcome.siteVisit().day(), outcome.pathClaim(), arrivedNanos);
            } catch (RuntimeException e) { // whatever failed, the view was not counted: it spent nothing
                visitors.forget(outcome);
                throw e;
            }
            recordInSite(outcome.siteVisit());
            permit.spend(PageViews.isNewVisitor(outcome.siteVisit()));
            answer(response, path, totals, true);
        }
    }

    /**
     * Adds the view to the site's totals. The path's view has landed by now, so a failure here is logged,
     * not answered with a 503: a retry would count the path twice; the site misses one view instead.
     */
    private void recordInSite(Visit visit) {
        try {
            if (site.record(visit).updating() && unconfirmedLogs.due()) {
                log("a hit was counted on its path; the site's totals could not confirm it yet (refused or unanswered)");
            }
        } catch (StoreException e) {
            log("a hit was counted on its path but not in the site's totals: " + e.getMessage());
        }
    }

    private static void answer(HttpServletResponse response, String path, Totals totals, boolean counted) throws IOException {
        Json.write(response, HttpServletResponse.SC_OK, "{\"path\":" + quoted(path) + ",\"views\":" + totals.views()
                + ",\"visitors\":" + totals.visitors() + ",\"counted\":" + counted + "}");
    }

    /**
     * The body's {@code path}, checked and in its one spelling, so one page has one counter: escapes of
     * unreserved characters decoded ({@code /%61} is {@code /a}), the others in upper case, a trailing
     * slash dropped ({@code /a/} is {@code /a}). Path parameters ({@code /a;x}) are refused: a page that
     * reports them would count under a name nobody reads.
     */
    static String path(JsonNode body) throws JsonBody.Refused {
        JsonNode node = body.get("path");
        if (node == null || !node.isTextual()) {
            throw new JsonBody.Refused(400, "the body needs \"path\", e.g. {\"path\": \"/blog/first-post\"}");
        }
        String raw = node.textValue();
        String path = PATH.matcher(raw).matches() ? canonicalEscapes(raw) : null;
        if (path == null || path.contains("//") || path.matches(".*(^|/)\\.{1,2}(/|$).*")) {
            throw new JsonBody.Refused(400, "\"path\" must be a URL path such as /blog/first-post: starting with /, "
                    + "at most 200 characters, no query, fragment, parameters (;), spaces, // or dot segments, "
                    + "% only in escapes such as %C3%A9");
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** {@code path} with unreserved characters unescaped and other escapes in upper case; null for a broken escape. */
    private static String canonicalEscapes(String path) {
        Matcher escape = ESCAPE.matcher(path);
        StringBuilder canonical = new StringBuilder();
        while (escape.find()) {
            if (escape.group(1) == null) {
                return null;
            }
            char decoded = (char) Integer.parseInt(escape.group(1), 16);
            boolean unreserved = Character.isLetterOrDigit(decoded) && decoded < 128 || "-._~".indexOf(decoded) >= 0;
            escape.appendReplacement(canonical, Matcher.quoteReplacement(
                    unreserved ? String.valueOf(decoded) : "%" + escape.group(1).toUpperCase(Locale.ROOT)));
        }
        escape.appendTail(canonical);
        return canonical.toString();
    }

    private static String quoted(String path) {
        return "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(path)) + "\"";
    }
}
