package dev.resumesite.web;

import dev.resumesite.counter.VisitCounter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /healthz} for the load balancer. Always 200 while the web tier works: a database blip must
 * not make the load balancer kill healthy instances. The body says whether the store answered.
 */
public final class HealthServlet extends HttpServlet {
    private final VisitCounter counter;

    public HealthServlet(VisitCounter counter) {
        this.counter = counter;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean storeUp;
        try {
            counter.current();
            storeUp = true;
        } catch (RuntimeException e) {
            log("health check: store did not answer: " + e.getMessage());
            storeUp = false;
        }
        Json.write(response, HttpServletResponse.SC_OK, storeUp
                ? "{\"status\":\"ok\",\"store\":\"up\"}"
                : "{\"status\":\"degraded\",\"store\":\"down\"}");
    }
}
