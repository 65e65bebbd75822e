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
 * (robots and reloads are not counted), and returns its number.
 */
public final class ApiViewsServlet extends HttpServlet {
    private final PageViews views;

    public ApiViewsServlet(PageViews views) {
        this.views = views;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        respond(response, () -> views.current(request, response));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        respond(response, () -> views.count(request, response));
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
