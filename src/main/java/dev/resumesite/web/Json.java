package dev.resumesite.web;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes the small, fixed-shape JSON bodies of the API and health endpoints. */
final class Json {
    private Json() {
    }

    static void write(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body);
    }

    /** {@code {"error":"<message>"}}, the message escaped. */
    static void error(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, "{\"error\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(message)) + "\"}");
    }
}
