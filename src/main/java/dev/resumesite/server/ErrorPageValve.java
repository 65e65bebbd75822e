package dev.resumesite.server;

import dev.resumesite.web.HttpPolicy;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.ExceptionUtils;

/**
 * Tomcat's error-report valve with our bodies: every error response, whether a servlet sent it or Tomcat
 * itself (a request it could not parse, {@code TRACE}, an unknown version), gets the designed page or the
 * API's JSON, the {@link HttpPolicy} security headers and {@code no-store}, and a 405 gets its
 * {@code Allow}. Only {@link #report} is ours; when to report stays Tomcat's.
 */
public final class ErrorPageValve extends ErrorReportValve {
    private final ErrorPages pages;
    private final Predicate<HttpServletRequest> overHttps;

    public ErrorPageValve(ErrorPages pages, Predicate<HttpServletRequest> overHttps) {
        this.pages = pages;
        this.overHttps = overHttps;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        // Never cached, whatever the servlet had set before it failed: CloudFront would keep an error.
        HttpPolicy.applyCommonHeaders(response, overHttps.test(request));
        if (status == HttpServletResponse.SC_METHOD_NOT_ALLOWED) {
            // With Tomcat 11.0.29, HttpServlet's own 405 carries an Allow that lists TRACE, which is always refused.
            String allow = response.getHeader("Allow");
            response.setHeader("Allow", allow == null ? allowedMethods(request.getWrapper())
                    : Arrays.stream(allow.split("\\s*,\\s*")).filter(m -> !"TRACE".equals(m)).collect(Collectors.joining(", ")));
        }
        ErrorPages.Body body = pages.bodyFor(status, request.getRequestURI());
        try {
            if ("".equals(request.getProtocol())) {
                writeHttp09Refusal(response);
                return;
            }
            response.setContentType(body.contentType());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body.text());
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response could not be written; nothing is left to tell it.
        } catch (Throwable t) {
            ExceptionUtils.handleThrowable(t);
        }
    }

    /** What the servlet behind this path implements, as Tomcat finds it ({@code TRACE} is always refused). */
    static String allowedMethods(Wrapper wrapper) {
        String[] methods;
        try {
            methods = wrapper == null ? null : wrapper.getServletMethods();
        } catch (ServletException e) {
            methods = null;
        }
        if (methods == null) {
            return HttpPolicy.ALLOWED_METHODS;
        }
        return Arrays.stream(methods).filter(m -> !"TRACE".equals(m)).collect(Collectors.joining(", "));
    }

    /**
     * An HTTP/0.9 response is the bare body: no status line, no headers. So that even the refusal of one
     * carries a status and our headers, it is written as a whole HTTP/1.1 message, which is also what a
     * client expects whose damaged HTTP/1.x request line made Tomcat read it as HTTP/0.9.
     */
    private static void writeHttp09Refusal(Response response) throws IOException {
        byte[] text = "Bad request: HTTP/0.9 is not served\n".getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 400 Bad Request\r\n");
        HttpPolicy.SECURITY_HEADERS.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Cache-Control: ").append(HttpPolicy.NO_STORE).append("\r\n")
                .append("Content-Type: text/plain;charset=UTF-8\r\n")
                .append("Content-Length: ").append(text.length).append("\r\n")
                .append("Connection: close\r\n\r\n");
        var out = response.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(text);
        response.finishResponse();
    }
}
