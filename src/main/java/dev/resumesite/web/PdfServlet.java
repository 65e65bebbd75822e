package dev.resumesite.web;

import dev.resumesite.counter.StoreException;
import dev.resumesite.pdf.Paper;
import dev.resumesite.pdf.ResumePdf;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code /resume.pdf}, in two steps, so the file can be cached at the edge and every download still
 * reaches the counter:
 * <ol>
 *   <li>{@code /resume.pdf[?paper=letter]}, the page's link: a {@code GET} is counted as a download under
 *       the page's honest-counting rules (robots, reloads, the test token) on its own counter, then
 *       answered {@code 303} (never stored) to the current version's URL;</li>
 *   <li>{@code /resume.pdf?v=<version>[&paper=letter]}: the file, counting nothing, with a strong
 *       {@code ETag} and a year's immutable cache, which browsers and CloudFront keep; an outdated
 *       {@code v} is treated as step 1, so an old link still counts and gets the current file.</li>
 * </ol>
 */
public final class PdfServlet extends HttpServlet {
    public static final String PATH = "/resume.pdf";

    private final ResumePdf pdf;
    private final PageViews downloads;

    public PdfServlet(ResumePdf pdf, PageViews downloads) {
        this.pdf = pdf;
        this.downloads = downloads;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Paper> paper = Paper.of(request.getParameter("paper"));
        if (paper.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("paper must be a4 (the default) or letter\n");
            return;
        }
        if (pdf.version().equals(request.getParameter("v"))) {
            serve(paper.get(), request, response);
        } else {
            countAndRedirect(paper.get(), request, response);
        }
    }

    private void countAndRedirect(Paper paper, HttpServletRequest request, HttpServletResponse response) {
        if ("GET".equals(request.getMethod()) && !PageViewPolicy.speculative(request::getHeader)) {
            try {
                downloads.count(request, response);
            } catch (StoreException e) {
                // The reader still gets the file; only this download goes uncounted.
                log("download counter unavailable: " + e.getMessage());
            }
        }
        String query = "?v=" + pdf.version() + (paper == Paper.A4 ? "" : "&paper=" + paper.parameter());
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", PATH + query); // Relative: right behind CloudFront and nginx alike.
    }

    private void serve(Paper paper, HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Strong: the bytes of one version and paper are the same on every instance (ResumePdf renders deterministically).
        String etag = "\"" + pdf.version() + "-" + paper.parameter() + "\"";
        response.setHeader("Cache-Control", HttpPolicy.IMMUTABLE);
        response.setHeader("ETag", etag);
        if (IfNoneMatch.matches(request.getHeader("If-None-Match"), etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] file = pdf.bytes(paper);
        response.setContentType("application/pdf");
        response.setHeader("Content-Disposition", "inline; filename=\"" + pdf.fileName() + "\"");
        response.setContentLength(file.length);
        response.getOutputStream().write(file);
    }
}
