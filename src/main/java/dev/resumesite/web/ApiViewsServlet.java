package dev.resumesite.web;

import dev.resumesite.counter.Count;
import dev.resumesite.counter.StoreUnavailableException;
import dev.resumesite.counter.Visit;
import dev.resumesite.counter.VisitCounter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * {@code /api/views}: the JSON equivalent of the classic two Lambda functions. {@code GET} reads the
 * count and never changes it; {@code POST} counts one view and returns its number.
 */
public final class ApiViewsServlet extends HttpServlet {
    private final CounterChoice counters;
    private final Clock clock;

    public ApiViewsServlet(CounterChoice counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        VisitCounter counter = counters.forRequest(request, response);
        respond(response, counter::current);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        VisitCounter counter = counters.forRequest(request, response);
        respond(response, () -> counter.record(new Visit(clock.instant())));
    }

    private void respond(HttpServletResponse response, Supplier<Count> action) throws IOException {
        Count count;
        try {
            count = action.get();
        } catch (StoreUnavailableException e) {
            log("visitor counter unavailable: " + e.getMessage());
            response.setHeader("Retry-After", HttpPolicy.RETRY_AFTER_SECONDS);
            Json.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "{\"error\":\"counter unavailable\"}");
            return;
        }
        Json.write(response, HttpServletResponse.SC_OK,
                "{\"views\":" + count.value() + (count.updating() ? ",\"updating\":true}" : "}"));
    }
}
