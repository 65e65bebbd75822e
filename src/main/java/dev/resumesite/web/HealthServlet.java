package dev.resumesite.web;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.resumesite.counter.CounterStats;
import dev.resumesite.counter.VisitCounter;
import dev.resumesite.visitor.Visitors;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /healthz} for the load balancer. Always 200 while the web tier serves pages: the page
 * still renders (with the last known count) when the store is away or refuses, and taking every
 * instance out of the load balancer would turn a counting problem into an outage of the whole site.
 * The body says {@code ok}, {@code degraded} (the store fails now and then; visits wait and are
 * retried) or {@code failing} (the store refuses until the owner fixes a setting; {@code reason} says
 * which), and carries the counter's own figures for the benchmark ({@code storeTransactions}: durable
 * write transactions of the store since start, what group commit saves).
 */
public final class HealthServlet extends HttpServlet {
    private final VisitCounter counter;
    private final Visitors visitors;

    public HealthServlet(VisitCounter counter, Visitors visitors) {
        this.counter = counter;
        this.visitors = visitors;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean storeUp = !counter.current().updating();
        CounterStats.Snapshot stats = counter.stats();
        Json.write(response, HttpServletResponse.SC_OK, "{\"status\":\"" + stats.state() + "\""
                + ",\"store\":\"" + (storeUp ? "up" : "down") + "\""
                + (stats.reason().isEmpty() ? "" : ",\"reason\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(stats.reason())) + "\"")
                + ",\"pending\":" + stats.pending()
                + ",\"visits\":" + stats.visits()
                + ",\"writes\":" + stats.writes()
                + ",\"refused\":" + stats.refused()
                + ",\"lost\":" + stats.lost()
                + ",\"storeTransactions\":" + stats.storeTransactions()
                + ",\"rememberedVisitors\":" + visitors.remembered() + "}");
    }
}
