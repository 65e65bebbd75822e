package dev.resumesite.server;

import dev.resumesite.view.PageRenderer;
import java.util.HashMap;
import java.util.Map;

/**
 * The body of every error response: the designed HTML page ({@code templates/error.html}) for browsers
 * and a small JSON object for the API. Each status's page is rendered once at start-up, so an error
 * costs no template work and a broken template stops start-up instead of a request.
 */
public final class ErrorPages {
    /** What a visitor reads for one status. */
    public record Error(int status, String title, String message) {
    }

    /** A ready-to-send body. */
    public record Body(String contentType, String text) {
    }

    private static final Map<Integer, Error> KNOWN = Map.ofEntries(
            known(400, "Bad request", "The server could not understand this request."),
            known(403, "Forbidden", "This site is only served through its own address."),
            known(404, "Not found", "There is nothing at this address. The resume is on the home page."),
            known(405, "Method not allowed", "This address does not accept that kind of request."),
            known(408, "Request timeout", "The request took too long to arrive."),
            known(413, "Content too large", "This request carries more data than the site accepts."),
            known(414, "Address too long", "This address is longer than the site accepts."),
            known(431, "Headers too large", "This request's headers are larger than the site accepts."),
            known(500, "Server error", "Something went wrong on our side. Please try again."),
            known(501, "Not implemented", "The site does not know this kind of request."),
            known(503, "Service unavailable", "The site is busy for a moment. Please try again shortly."),
            known(505, "HTTP version not supported", "The site speaks HTTP/1.0 and HTTP/1.1."));

    private final Map<Integer, String> html = new HashMap<>();

    public ErrorPages(PageRenderer renderer) {
        KNOWN.forEach((status, error) -> html.put(status, renderer.render("error", Map.of("error", error))));
    }

    private static Map.Entry<Integer, Error> known(int status, String title, String message) {
        return Map.entry(status, new Error(status, title, message));
    }

    /** The body for {@code status}: JSON under {@code /api/}, the HTML page everywhere else. */
    public Body bodyFor(int status, String requestUri) {
        Error error = KNOWN.getOrDefault(status, KNOWN.get(status >= 500 ? 500 : 400));
        if (requestUri != null && requestUri.startsWith("/api/")) {
            return new Body("application/json;charset=UTF-8",
                    "{\"error\":\"" + error.title().toLowerCase(java.util.Locale.ROOT) + "\",\"status\":" + status + "}");
        }
        return new Body("text/html;charset=UTF-8", html.get(error.status()));
    }
}
