package dev.resumesite.web;

import dev.resumesite.counter.Dimension;
import dev.resumesite.counter.StoreException;
import dev.resumesite.stats.Exports;
import dev.resumesite.stats.SiteStats;
import dev.resumesite.stats.StatsSource;
import dev.resumesite.stats.StatsView;
import dev.resumesite.view.PageRenderer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /stats} (the page), {@code /stats.csv} (one row per UTC day; {@code ?rows=sources} or
 * {@code ?rows=countries}: one row per source or country of the period) and {@code /stats.json} (all of
 * it). Public unless {@code STATS_TOKEN} is set; then each needs {@code ?token=<it>}. Never indexed,
 * never counted. {@code ?days=} picks 7, 30 (the page's default), 90 or 365 (the exports' default) days.
 */
public final class StatsServlet extends HttpServlet {
    public static final String PAGE = "/stats";
    public static final String CSV = "/stats.csv";
    public static final String JSON = "/stats.json";

    private final StatsSource source;
    private final PageRenderer renderer;
    private final String site;
    private final Optional<byte[]> token;
    /** What every link on a private page carries, so its ranges and exports open too. */
    private final String linkQuery;

    public StatsServlet(StatsSource source, PageRenderer renderer, String site, Optional<String> token) {
        this.source = source;
        this.renderer = renderer;
        this.site = site;
        this.token = token.map(value -> value.getBytes(StandardCharsets.UTF_8));
        this.linkQuery = token.map(value -> "token=" + URLEncoder.encode(value, StandardCharsets.UTF_8)).orElse("");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("X-Robots-Tag", HttpPolicy.NOT_INDEXED);
        if (!mayRead(request)) {
            text(response, HttpServletResponse.SC_FORBIDDEN, "These statistics are private: the link needs its token.\n");
            return;
        }
        String path = request.getRequestURI();
        Optional<Integer> days = days(request.getParameter("days"), PAGE.equals(path) ? 30 : 365);
        if (days.isEmpty()) {
            text(response, HttpServletResponse.SC_BAD_REQUEST, "days must be one of " + StatsView.RANGES + "\n");
            return;
        }
        int range = days.get();
        String rows = request.getParameter("rows");
        Optional<Dimension> breakdown = breakdown(rows);
        if (rows != null && !rows.equals("days") && (breakdown.isEmpty() || !CSV.equals(path))) {
            text(response, HttpServletResponse.SC_BAD_REQUEST, CSV + ": rows must be days (the default), sources or countries\n");
            return;
        }
        byte[] body;
        SiteStats stats;
        try {
            stats = source.current();
            body = switch (path) {
                case CSV -> breakdown.isPresent()
                        ? source.rendered("csv:" + breakdown.get().plural() + ":" + range,
                                current -> Exports.csv(breakdown.get(), current.top(breakdown.get(), range)))
                        : source.rendered("csv:" + range, current -> Exports.csv(current.lastDays(range)));
                case JSON -> source.rendered("json:" + range, current -> Exports.json(site, current, range));
                default -> source.rendered("page:" + range, current -> renderer.render("stats",
                        Map.of("stats", StatsView.of(current, range, linkQuery))).getBytes(StandardCharsets.UTF_8));
            };
        } catch (StoreException e) {
            log("statistics unavailable: " + e.getMessage());
            response.setHeader("Retry-After", HttpPolicy.RETRY_AFTER_SECONDS);
            text(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The statistics are unavailable; try again shortly.\n");
            return;
        }
        switch (path) {
            case CSV -> {
                response.setContentType("text/csv;charset=UTF-8");
                response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName(stats, breakdown, range) + "\"");
            }
            case JSON -> response.setContentType("application/json");
            default -> response.setContentType("text/html;charset=UTF-8");
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private boolean mayRead(HttpServletRequest request) {
        if (token.isEmpty()) {
            return true;
        }
        String presented = request.getParameter("token");
        // Constant-time, so the token cannot be guessed byte by byte from response times.
        return presented != null && MessageDigest.isEqual(token.get(), presented.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<Integer> days(String raw, int fallback) {
        if (raw == null) {
            return Optional.of(fallback);
        }
        return StatsView.RANGES.stream().filter(range -> Integer.toString(range).equals(raw)).findFirst();
    }

    /** The breakdown {@code ?rows=} names ({@code sources}, {@code countries}); empty for anything else. */
    static Optional<Dimension> breakdown(String rows) {
        return Arrays.stream(Dimension.values()).filter(dimension -> dimension.plural().equals(rows)).findFirst();
    }

    private String fileName(SiteStats stats, Optional<Dimension> breakdown, int range) {
        return "stats-" + site + breakdown.map(dimension -> "-" + dimension.plural()).orElse("") + "-" + range + "-days-to-"
                + LocalDate.ofInstant(stats.takenAt(), ZoneOffset.UTC) + ".csv";
    }

    private static void text(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(message);
    }
}
