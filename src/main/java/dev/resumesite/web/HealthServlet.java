package dev.resumesite.web;

import dev.resumesite.counter.CounterStats;
import dev.resumesite.counter.VisitCounter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /healthz} for the load balancer. Always 200 while the web tier works: a database blip must
 * not make the load balancer kill healthy instances. The body says whether the store answered and
 * how many visits wait to be written, and carries the counter's own figures for the benchmark.
 */
public final class HealthServlet extends HttpServlet {
    private final VisitCounter counter;

    public HealthServlet(VisitCounter counter) {
        this.counter = counter;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean storeUp = !counter.current().updating();
        CounterStats.Snapshot stats = counter.stats();
        boolean healthy = storeUp && !stats.storeFailing();
        Json.write(response, HttpServletResponse.SC_OK, "{\"status\":\"" + (healthy ? "ok" : "degraded") + "\""
                + ",\"store\":\"" + (storeUp ? "up" : "down") + "\""
                + ",\"pending\":" + stats.pending()
                + ",\"visits\":" + stats.visits()
                + ",\"writes\":" + stats.writes()
                + ",\"refused\":" + stats.refused()
                + ",\"lost\":" + stats.lost() + "}");
    }
}
