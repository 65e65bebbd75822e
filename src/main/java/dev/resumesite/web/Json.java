package dev.resumesite.web;

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
}
