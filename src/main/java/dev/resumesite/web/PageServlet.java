package dev.resumesite.web;

import dev.resumesite.counter.Count;
import dev.resumesite.counter.StoreException;
import dev.resumesite.view.CountedPage;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The resume page at {@code /}: counts the view (when {@link PageViewPolicy} says it counts) and
 * renders the page with the visitor number already in the HTML. {@code HEAD} shows the current count.
 */
public final class PageServlet extends HttpServlet {
    private final PageViewPolicy policy;
    private final CountedPage page;
    private final PageViews views;

    public PageServlet(PageViewPolicy policy, CountedPage page, PageViews views) {
        this.policy = policy;
        this.page = page;
        this.views = views;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Count count;
        try {
            count = policy.counts(request.getMethod(), request.getRequestURI(), request::getHeader)
                    ? views.count(request, response)
                    : views.current(request, response);
        } catch (StoreException e) {
            log("visitor counter unavailable: " + e.getMessage());
            response.setHeader("Retry-After", HttpPolicy.RETRY_AFTER_SECONDS);
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The visitor counter is unavailable; try again shortly.");
            return;
        }
        CountedPage.Page html = page.render(count);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(html.length());
        html.writeTo(response.getOutputStream());
    }
}
