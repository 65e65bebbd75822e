package dev.resumesite.web;

import dev.resumesite.counter.Count;
import dev.resumesite.counter.ReaderOrigin;
import dev.resumesite.counter.Visit;
import dev.resumesite.counter.VisitCounter;
import dev.resumesite.visitor.AddressBudget;
import dev.resumesite.visitor.Countries;
import dev.resumesite.visitor.Sources;
import dev.resumesite.visitor.Visitors;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The request side of counting: a page request is counted when its address is within its
 * {@link AddressBudget} and {@link Visitors} says a person made a new view; otherwise the current
 * numbers are shown. A view that counts carries where its reader came from ({@link Sources}, and
 * {@link Countries} from a trusted proxy's header), counted with it in the same write. Two doors, each opened only by a configured
 * secret compared in constant time:
 * <ul>
 *   <li>the {@value #TEST_COOKIE} cookie with {@code COUNT_TEST_TOKEN} vouches for a headless test
 *       browser as human, so end-to-end tests are counted under every other rule;</li>
 *   <li>{@link HttpPolicy#SYNTHETIC_CHECK_HEADER} with {@code SYNTHETIC_CHECK_SECRET} (the post-deploy
 *       check) is counted, every request, on the separate synthetic counter, never on the public
 *       number; the answer carries the header back so the check knows it was recognised.</li>
 * </ul>
 */
public final class PageViews {
    static final String TEST_COOKIE = "resume-site-test";

    private final VisitCounter counter;
    private final VisitCounter syntheticChecks;
    private final Visitors visitors;
    private final AddressBudget budget;
    private final Sources sources;
    private final Optional<byte[]> testToken;
    private final Optional<byte[]> syntheticSecret;
    private final Clock clock;

    public PageViews(VisitCounter counter, VisitCounter syntheticChecks, Visitors visitors, AddressBudget budget,
                     Sources sources, Optional<String> testToken, Optional<String> syntheticSecret, Clock clock) {
        this.counter = counter;
        this.syntheticChecks = syntheticChecks;
        this.visitors = visitors;
        this.budget = budget;
        this.sources = sources;
        this.testToken = testToken.map(PageViews::bytes);
        this.syntheticSecret = syntheticSecret.map(PageViews::bytes);
        this.clock = clock;
    }

    /** Counts the request if it is a person's new view (or a synthetic check); either way, the numbers to show. */
    Count count(HttpServletRequest request, HttpServletResponse response) {
        return count(request, response, true);
    }

    /**
     * Counts a {@code POST /api/views} like a page request, but with no source: that request is the
     * calling page's {@code fetch()}, so its {@code Referer} and URL name the page, not where its reader
     * came from. The country is the reader's all the same.
     */
    Count countFromApi(HttpServletRequest request, HttpServletResponse response) {
        return count(request, response, false);
    }

    private Count count(HttpServletRequest request, HttpServletResponse response, boolean namesSource) {
        long arrivedNanos = System.nanoTime(); // The page's wait budget runs from here.
        Instant at = clock.instant();
        if (isSyntheticCheck(request, response)) {
            return syntheticChecks.record(Visit.of(at, arrivedNanos));
        }
        // Before anything is noted about the visitor: a query Tomcat refuses to parse fails here, counting nothing.
        ReaderOrigin origin = namesSource ? originOf(request) : new ReaderOrigin(ReaderOrigin.NONE.source(), countryOf(request));
        // The address first: what it may still count is decided before anything the client chooses freely.
        try (AddressBudget.Permit permit = budget.reserve(request.getRemoteAddr(), arrivedNanos)) {
            if (!permit.granted()) {
                return counter.current();
            }
            Optional<Visit> visit = visitors.visitOf(request.getRemoteAddr(), request.getHeader("User-Agent"),
                    carriesTestToken(request), at, arrivedNanos);
            if (visit.isEmpty()) {
                return counter.current(); // a robot or a reload: the permit goes back unspent
            }
            Count count = counter.record(visit.get().from(origin));
            permit.spend(isNewVisitor(visit.get()));
            return count;
        }
    }

    /**
     * Where the reader came from: the page URL's tag or the referring host (never its path), and the
     * country a trusted proxy reported ({@link ForwardedRequestFilter#VIEWER_COUNTRY}), or "unknown".
     */
    private ReaderOrigin originOf(HttpServletRequest request) {
        String source = sources.of(request.getParameter("ref"), request.getParameter("utm_source"),
                request.getHeader("Referer"), request.getServerName());
        return new ReaderOrigin(source, countryOf(request));
    }

    private static String countryOf(HttpServletRequest request) {
        Object country = request.getAttribute(ForwardedRequestFilter.VIEWER_COUNTRY);
        return Countries.of(country instanceof String trusted ? trusted : null);
    }

    /** A first visit of the day, or one the store could not settle yet (it may turn out new): it takes a visitor. */
    static boolean isNewVisitor(Visit visit) {
        return visit.claim() != null && (visit.claim().isOpen() || visit.claim().won());
    }

    /** The current numbers, counting nothing. */
    Count current(HttpServletRequest request, HttpServletResponse response) {
        return (isSyntheticCheck(request, response) ? syntheticChecks : counter).current();
    }

    private boolean isSyntheticCheck(HttpServletRequest request, HttpServletResponse response) {
        if (matches(syntheticSecret, request.getHeader(HttpPolicy.SYNTHETIC_CHECK_HEADER))) {
            response.setHeader(HttpPolicy.SYNTHETIC_CHECK_HEADER, HttpPolicy.SYNTHETIC_COUNTER);
            return true;
        }
        return false;
    }

    private boolean carriesTestToken(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (cookie.getName().equals(TEST_COOKIE) && matches(testToken, cookie.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(Optional<byte[]> secret, String presented) {
        return secret.isPresent() && presented != null && MessageDigest.isEqual(secret.get(), bytes(presented));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
