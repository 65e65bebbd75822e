package dev.resumesite.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code /robots.txt} and {@code /sitemap.xml}, the files crawlers ask for by name. Both must give
 * absolute URLs: the page's canonical address when the resume names one ({@code meta.canonical}),
 * otherwise the address this request came in on (its scheme and host, as the proxy filter resolved them).
 */
public final class SiteFilesServlet extends HttpServlet {
    public static final String ROBOTS_PATH = "/robots.txt";
    public static final String SITEMAP_PATH = "/sitemap.xml";

    private final Optional<URI> canonical;

    public SiteFilesServlet(Optional<URI> canonical) {
        this.canonical = canonical;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        URI page = canonical.orElseGet(() -> requestRoot(request));
        String body;
        if (ROBOTS_PATH.equals(request.getRequestURI())) {
            response.setContentType("text/plain;charset=UTF-8");
            // The API and the health check are for machines; only the page is worth indexing.
            body = "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: " + HttpPolicy.HEALTH_PATH + "\n\n"
                    + "Sitemap: " + page.resolve(SITEMAP_PATH) + "\n";
        } else {
            response.setContentType("application/xml;charset=UTF-8");
            body = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                      <url><loc>%s</loc></url>
                    </urlset>
                    """.formatted(xmlEscape(page.toString()));
        }
        if (canonical.isPresent()) {
            // Fixed content: caches may keep it. Without a canonical address it echoes the Host, so it stays no-store.
            response.setHeader("Cache-Control", HttpPolicy.ONE_DAY);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static URI requestRoot(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = port == ("https".equals(scheme) ? 443 : 80);
        return URI.create(scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + "/");
    }

    private static String xmlEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
