package dev.resumesite.web;

import dev.resumesite.counter.Count;
import dev.resumesite.counter.StoreUnavailableException;
import dev.resumesite.counter.Visit;
import dev.resumesite.counter.VisitCounter;
import dev.resumesite.view.CountedPage;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;

/**
 * The resume page at {@code /}: counts the view (when {@link PageViewPolicy} says it counts) and
 * renders the page with the visitor number already in the HTML. {@code HEAD} shows the current count.
 */
public final class PageServlet extends HttpServlet {
    private final CounterChoice counters;
    private final PageViewPolicy policy;
    private final CountedPage page;
    private final Clock clock;

    public PageServlet(CounterChoice counters, PageViewPolicy policy, CountedPage page, Clock clock) {
        this.counters = counters;
        this.policy = policy;
        this.page = page;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Count count;
        VisitCounter counter = counters.forRequest(request, response);
        try {
            count = policy.counts(request.getMethod(), request.getRequestURI(), request::getHeader)
                    ? counter.record(new Visit(clock.instant()))
                    : counter.current();
        } catch (StoreUnavailableException e) {
            log("visitor counter unavailable: " + e.getMessage());
            response.setHeader("Retry-After", HttpPolicy.RETRY_AFTER_SECONDS);
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The visitor counter is unavailable; try again shortly.");
            return;
        }
        byte[] html = page.render(count);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(html.length);
        response.getOutputStream().write(html);
    }
}
