package dev.resumesite.server;

import dev.resumesite.web.HttpPolicy;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses a request body larger than {@link HttpPolicy#MAX_BODY_BYTES} with 413 before any servlet runs,
 * so an oversized {@code POST /api/views} is never counted. Tomcat's {@code maxPostSize} limits only form
 * parsing, and a chunked body declares no length, so a chunked body is read here up to the limit. No
 * route reads a body, so what is read here is not handed on.
 */
final class BodyLimitFilter extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long declared = request.getContentLengthLong();
        boolean tooLarge = declared > HttpPolicy.MAX_BODY_BYTES
                || (declared < 0 && request.getHeader("Transfer-Encoding") != null && exceedsLimit(request.getInputStream()));
        if (tooLarge) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean exceedsLimit(ServletInputStream body) throws IOException {
        byte[] buffer = new byte[HttpPolicy.MAX_BODY_BYTES + 1];
        int total = 0;
        int read;
        while (total <= HttpPolicy.MAX_BODY_BYTES && (read = body.read(buffer, 0, buffer.length)) != -1) {
            total += read;
        }
        return total > HttpPolicy.MAX_BODY_BYTES;
    }
}
