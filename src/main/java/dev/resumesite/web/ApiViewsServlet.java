package dev.resumesite.web;

import dev.resumesite.counter.Count;
import dev.resumesite.counter.StoreException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code /api/views}: the JSON equivalent of the classic two Lambda functions. {@code GET} reads the
 * numbers and never changes them; {@code POST} counts one view, under the same rules as the page
 * (robots and reloads are not counted) but with no source (the request is the calling page's), and
 * returns its number. Only the site's own pages and the
 * origins in {@code ALLOWED_ORIGINS} may count, and only with a JSON request (see {@link CrossOrigin}):
 * a form or a {@code no-cors} request from another page gets 403 or 415 and counts nothing.
 */
public final class ApiViewsServlet extends HttpServlet {
    private final PageViews views;
    private final CrossOrigin crossOrigin;

    public ApiViewsServlet(PageViews views, CrossOrigin crossOrigin) {
        this.views = views;
        this.crossOrigin = crossOrigin;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        respond(response, () -> views.current(request, response));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!crossOrigin.admitsJson(crossOrigin.refusalForSiteOrListed(request), request, response)) {
            return;
        }
        try {
            JsonBody.read(request);
        } catch (JsonBody.Refused e) {
            Json.error(response, e.status, e.getMessage());
            return;
        }
        respond(response, () -> views.countFromApi(request, response));
    }

    /** The CORS preflight of a listed origin's {@code POST}. */
    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) {
        crossOrigin.preflight(request, response);
    }

    private void respond(HttpServletResponse response, Supplier<Count> action) throws IOException {
        Count count;
        try {
            count = action.get();
        } catch (StoreException e) {
            log("visitor counter unavailable: " + e.getMessage());
            response.setHeader("Retry-After", HttpPolicy.RETRY_AFTER_SECONDS);
            Json.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "{\"error\":\"counter unavailable\"}");
            return;
        }
        Json.write(response, HttpServletResponse.SC_OK,
                "{\"views\":" + count.views() + ",\"visitors\":" + count.visitors()
                        + (count.updating() ? ",\"updating\":true}" : "}"));
    }
}
