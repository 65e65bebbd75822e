package dev.resumesite.web;

import dev.resumesite.counter.Count;
import dev.resumesite.counter.Visit;
import dev.resumesite.counter.VisitCounter;
import dev.resumesite.visitor.Visitors;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The request side of honest counting: counts a request as a page view when {@link Visitors} says
 * a person made a new view, and otherwise shows the current numbers. A request carrying the
 * configured test token in the {@value #TEST_COOKIE} cookie is vouched for as human, so end-to-end
 * tests in a headless browser are counted; without the secret token nobody can use that door.
 */
public final class PageViews {
    static final String TEST_COOKIE = "resume-site-test";

    private final VisitCounter counter;
    private final Visitors visitors;
    private final Optional<byte[]> testToken;
    private final Clock clock;

    public PageViews(VisitCounter counter, Visitors visitors, Optional<String> testToken, Clock clock) {
        this.counter = counter;
        this.visitors = visitors;
        this.testToken = testToken.map(token -> token.getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
    }

    /** Counts the request if it is a person's new view; either way, the numbers to show. */
    Count count(HttpServletRequest request) {
        long arrivedNanos = System.nanoTime(); // The page's wait budget runs from here.
        Instant at = clock.instant();
        Optional<Visit> visit = visitors.visitOf(request.getRemoteAddr(), request.getHeader("User-Agent"),
                carriesTestToken(request), at, arrivedNanos);
        return visit.isPresent() ? counter.record(visit.get()) : counter.current();
    }

    private boolean carriesTestToken(HttpServletRequest request) {
        if (testToken.isEmpty() || request.getCookies() == null) {
            return false;
        }
        for (Cookie cookie : request.getCookies()) {
            if (cookie.getName().equals(TEST_COOKIE)
                    && MessageDigest.isEqual(testToken.get(), cookie.getValue().getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }
}
