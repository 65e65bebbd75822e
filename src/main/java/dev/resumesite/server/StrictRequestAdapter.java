package dev.resumesite.server;

import dev.resumesite.web.HttpPolicy;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.CoyoteAdapter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.util.URLEncoder;
import org.apache.tomcat.util.buf.ByteChunk;
import org.apache.tomcat.util.buf.MessageBytes;
import org.apache.tomcat.util.http.MimeHeaders;

/**
 * Tomcat's request adapter plus the request-head rules Tomcat has no switch for. Tomcat parses and
 * validates the request (with the connector's strict settings); this class only adds:
 * <ul>
 * <li>refusal (400) of HTTP/0.9, of folded header lines, of user information in an absolute-form
 *     target and of a {@code Host} port above 65535, which Tomcat accepts;</li>
 * <li>{@code OPTIONS} answers with an honest {@code Allow} and our headers (Tomcat's own for {@code *}
 *     lists {@code PUT} and {@code DELETE}; a servlet's lists {@code TRACE} once a filter wraps the request);</li>
 * <li>a redirect of a non-canonical spelling of a path ({@code /;jsessionid=x}, {@code //}, {@code /./},
 *     {@code /%61pi/views}) to its canonical spelling, which Tomcat would serve as is: a page shown under
 *     another name would be shown without being counted.</li>
 * </ul>
 * A refused request goes on to Tomcat's error handling ({@link ErrorPageValve}), as Tomcat's own
 * refusals do, and never reaches a servlet.
 */
final class StrictRequestAdapter extends CoyoteAdapter {
    private final Predicate<HttpServletRequest> overHttps;

    StrictRequestAdapter(Connector connector, Predicate<HttpServletRequest> overHttps) {
        super(connector);
        this.overHttps = overHttps;
    }

    @Override
    protected boolean postParseRequest(org.apache.coyote.Request req, Request request, org.apache.coyote.Response res,
            Response response) throws IOException, ServletException {
        if (!response.isError() && req.requestURI().equals("*") && "OPTIONS".equals(req.method().toString())) {
            HttpPolicy.applyCommonHeaders(response, overHttps.test(request));
            response.setHeader("Allow", HttpPolicy.ALLOWED_METHODS);
            response.setContentLength(0);
            return false;
        }
        // Before anything writes a response, even Tomcat's own 400 for the invalid line.
        if (dropInvalidHeaderLines(req.getMimeHeaders()) && !response.isError()) {
            response.sendError(400, "invalid header line");
        }
        if (!response.isError()) {
            String refusal = refusal(req);
            if (refusal != null) {
                response.sendError(400, refusal);
            }
        }
        if (!super.postParseRequest(req, request, res, response)) {
            return false;
        }
        if (response.isError()) {
            return true;
        }
        // The default mapping ("/") is the not-found route: OPTIONS there gets its 404 like any method.
        boolean notFoundRoute = request.getHttpServletMapping().getMappingMatch() == MappingMatch.DEFAULT;
        // A CORS preflight is the counting APIs' to answer (web/CrossOrigin): they decide the origin. Any
        // other route's preflight-shaped OPTIONS is answered here like a plain one.
        boolean preflight = request.getHeader("Origin") != null && request.getHeader("Access-Control-Request-Method") != null
                && answersOptions(request.getWrapper());
        if ("OPTIONS".equals(req.method().toString()) && !notFoundRoute && !preflight) {
            // Answered here from the route's servlet, as Tomcat finds its methods: HttpServlet's own answer
            // lists TRACE whenever a filter has wrapped the request (behind a trusted proxy, always).
            HttpPolicy.applyCommonHeaders(response, overHttps.test(request));
            response.setHeader("Allow", ErrorPageValve.allowedMethods(request.getWrapper()));
            response.setContentLength(0);
            return false;
        }
        String canonical = canonicalPath(req, request);
        if (canonical == null) {
            return true;
        }
        HttpPolicy.applyCommonHeaders(response, overHttps.test(request));
        String method = req.method().toString();
        // 301 keeps links and bookmarks working; 308 keeps any other method and its body.
        response.setStatus("GET".equals(method) || "HEAD".equals(method) ? 301 : 308);
        String query = request.getQueryString();
        response.setHeader("Location", query == null ? canonical : canonical + "?" + query);
        response.setContentLength(0);
        return false;
    }

    /** Whether the route's servlet answers {@code OPTIONS} itself (the counting APIs' CORS preflight). */
    private static boolean answersOptions(Wrapper wrapper) {
        Servlet servlet = wrapper == null ? null : wrapper.getServlet();
        if (servlet == null) {
            return false;
        }
        try {
            return servlet.getClass().getDeclaredMethod("doOptions", HttpServletRequest.class, HttpServletResponse.class) != null;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Why this request head is refused, or null when it is fine. */
    static String refusal(org.apache.coyote.Request req) {
        if ("".equals(req.protocol().toString())) {
            return "HTTP/0.9 is not served";
        }
        if (req.getServerPort() > 65535) {
            return "invalid port in Host";
        }
        MessageBytes uri = req.requestURI();
        byte[] head = uri.getByteChunk().getBytes();
        if (uri.getType() != MessageBytes.T_BYTES || head == null) {
            return null; // not parsed from an HTTP/1.x head: nothing more to check
        }
        // The request line, as received, around the path Tomcat took out of it.
        int lineStart = uri.getByteChunk().getStart();
        while (lineStart > 0 && head[lineStart - 1] != '\n') {
            lineStart--;
        }
        int lineEnd = indexOf(head, (byte) '\n', uri.getByteChunk().getStart());
        if (userInfoInTarget(head, lineStart, lineEnd)) {
            return "user information in the request target";
        }
        if (foldedHeaderLine(req.getMimeHeaders(), head, lineEnd)) {
            return "folded header line";
        }
        return null;
    }

    /**
     * Tomcat refuses a header line whose value holds a control character (400) but keeps its name with
     * no value, and its own compression check then fails on that empty slot when it writes the 400 (a
     * NullPointerException logged as an error, and the client gets no answer at all). The empty slots are
     * removed so that the refusal can be written.
     */
    private static boolean dropInvalidHeaderLines(MimeHeaders headers) {
        boolean dropped = false;
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.getValue(i).isNull()) {
                headers.removeHeader(i);
                dropped = true;
            }
        }
        return dropped;
    }

    /** {@code GET http://user:pw@host/ HTTP/1.1}: Tomcat skips the user information; we refuse it. */
    private static boolean userInfoInTarget(byte[] head, int lineStart, int lineEnd) {
        int start = lineStart;
        while (start < lineEnd && head[start] != ' ' && head[start] != '\t') {
            start++; // the method
        }
        while (start < lineEnd && (head[start] == ' ' || head[start] == '\t')) {
            start++;
        }
        int schemeEnd = indexOf(head, (byte) ':', start);
        if (schemeEnd < 0 || schemeEnd >= lineEnd || schemeEnd + 3 > lineEnd || head[schemeEnd + 1] != '/'
                || head[schemeEnd + 2] != '/') {
            return false; // origin form ("/path"): no authority at all
        }
        String scheme = new String(head, start, schemeEnd - start, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return false;
        }
        for (int i = schemeEnd + 3; i < lineEnd; i++) {
            byte b = head[i];
            if (b == '/' || b == '?' || b == '#' || b == ' ' || b == '\t' || b == '\r') {
                return false;
            }
            if (b == '@') {
                return true;
            }
        }
        return false;
    }

    /**
     * RFC 9112 lets a server refuse obs-fold; Tomcat instead joins a folded line into the value before it,
     * and has no switch for that. It joins in place, in the buffer that holds the request head: each value
     * is copied left over the whitespace after its colon (and over the line break and indent of a fold),
     * and the bytes behind the copy stay as received. So behind an unfolded value written
     * {@code Name: value} or {@code Name:value} the buffer holds at most one leftover byte (a repeat of the
     * value's last byte), then CRLF and a line that does not start with whitespace. Behind a joined value
     * it holds at least two leftover bytes, or the whitespace the parser copied before trimming it. What
     * this refuses besides folds: two or more spaces after a colon and whitespace after a value, which
     * the RFC allows but no browser, curl or proxy sends. What it cannot see: a fold after a
     * bare LF directly behind the colon ({@code Name:a\n b}), whose bytes equal {@code Name: a b}; nginx in
     * front refuses every fold.
     */
    private static boolean foldedHeaderLine(MimeHeaders headers, byte[] head, int requestLineEnd) {
        for (int i = 0; i < headers.size(); i++) {
            MessageBytes value = headers.getValue(i);
            ByteChunk chunk = value.getByteChunk();
            // Headers Tomcat made up itself (Host from an absolute-form target) point into the request line.
            if (value.getType() != MessageBytes.T_BYTES || chunk.getBytes() != head || chunk.getStart() <= requestLineEnd) {
                continue;
            }
            int at = chunk.getEnd();
            if (at > chunk.getStart() && at < head.length && head[at] == head[at - 1]) {
                at++; // the one leftover byte of a value written after "Name: "
            }
            while (chunk.getLength() == 0 && at < head.length && (head[at] == ' ' || head[at] == '\t')) {
                at++; // "Name: " with an empty value
            }
            if (at < head.length && head[at] == '\r') {
                at++;
            }
            if (at >= head.length || head[at] != '\n') {
                return true;
            }
            if (at + 1 < head.length && (head[at + 1] == ' ' || head[at + 1] == '\t')) {
                return true;
            }
        }
        return false;
    }

    /**
     * The canonical spelling of this request's path when the client used another: Tomcat has already
     * removed path parameters, collapsed {@code //}, resolved dot segments and decoded {@code %xx}; the
     * canonical form is that path encoded again the one standard way.
     */
    private static String canonicalPath(org.apache.coyote.Request req, Request request) {
        String decoded = request.getDecodedRequestURI();
        String raw = req.requestURI().toString();
        if (decoded == null || raw == null || !decoded.startsWith("/")) {
            return null;
        }
        if (isPlain(raw) && raw.equals(decoded)) {
            // The common case, answered without the encoder (a tenth of a page's CPU in bench/run's profile).
            return null;
        }
        String canonical = URLEncoder.DEFAULT.encode(decoded, StandardCharsets.UTF_8);
        if (canonical.equals(raw) || canonical.startsWith("//")) {
            return null;
        }
        return canonical;
    }

    /**
     * Whether {@code path} has only characters the encoder leaves as they are (letters, digits and
     * {@code -._~/}, a subset of its safe set). Equal to Tomcat's decoded and normalised path, it is canonical.
     */
    private static boolean isPlain(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '~' || c == '/' || c == '.';
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = Math.max(from, 0); i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return bytes.length;
    }
}
