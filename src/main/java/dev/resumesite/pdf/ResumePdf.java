package dev.resumesite.pdf;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PDFCreationListener;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import dev.resumesite.config.ConfigException;
import dev.resumesite.view.PageRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.exceptions.TemplateProcessingException;

/**
 * The resume as a PDF for {@code /resume.pdf}: {@code templates/pdf.html} is rendered by Thymeleaf once
 * at start-up; openhtmltopdf turns it into a tagged (PDF/UA) PDF the first time a paper size is asked
 * for, and the bytes are kept for the life of the process. Fonts are bundled (DejaVu Sans for Latin,
 * Greek and Cyrillic; Droid Sans Fallback for any glyph it lacks, CJK above all) and embedded as subsets.
 */
public final class ResumePdf {
    private static final Logger log = LoggerFactory.getLogger(ResumePdf.class);
    private static final String FAMILY = "DejaVu Sans";
    private static final String FALLBACK_FAMILY = "Droid Sans Fallback";

    private final String html;
    private final String version;
    private final String fileName;
    private final Map<Paper, byte[]> built = new ConcurrentHashMap<>();

    /** @param owner the resume's name as the page shows it, for the file's name */
    public ResumePdf(PageRenderer renderer, String owner) {
        try {
            this.html = renderer.render("pdf", Map.of());
        } catch (TemplateProcessingException e) {
            throw new ConfigException("templates/pdf.html: " + e.getMessage() + "; fix the template or the content it reads");
        }
        this.version = digest(html);
        // openhtmltopdf's own loggers print progress on stdout at INFO; its warnings reach our log
        // through the diagnostic consumer below.
        XRLog.listRegisteredLoggers().forEach(logger -> XRLog.setLevel(logger, Level.WARNING));
        this.fileName = fileName(owner);
    }

    /**
     * What the PDF's URL and ETag carry: a digest of the HTML it is made from (the resume, the template
     * and its style sheet), so a changed resume gets a new URL and caches may keep each one forever.
     */
    public String version() {
        return version;
    }

    /** The PDF on this paper, rendered on the first call (concurrent first callers wait for that one rendering). */
    public byte[] bytes(Paper paper) {
        return built.computeIfAbsent(paper, this::render);
    }

    private byte[] render(Paper paper) {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream(128 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder()
                .useFastMode()
                .usePdfUaAccessibility(true)
                .useDefaultPageSize(paper.width, paper.height, paper.units)
                .useFont(() -> font("DejaVuSans.ttf"), FAMILY, 400, FontStyle.NORMAL, true)
                .useFont(() -> font("DejaVuSans-Bold.ttf"), FAMILY, 700, FontStyle.NORMAL, true)
                .useFont(() -> font("DroidSansFallbackFull.ttf"), FALLBACK_FAMILY, 400, FontStyle.NORMAL, true,
                        EnumSet.of(FSFontUseCase.FALLBACK_FINAL))
                // Nothing is fetched while rendering: the template loads no file, and a URL in the resume is only a link.
                .useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                .useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                // Its warnings go to our log (see the constructor).
                .withDiagnosticConsumer(ResumePdf::logWarnings)
                .withW3cDocument(new W3CDom().fromJsoup(withLinkTitles(Jsoup.parse(html))), "/")
                .withProducer("resume-site")
                .toStream(pdf);
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
            renderer.setListener(new SameBytesEveryTime(version));
            renderer.layout();
            renderer.createPDF();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the resume as a PDF on " + paper, e);
        }
        return pdf.toByteArray();
    }

    /** "Öresund Ågren" gives "Oresund-Agren-resume.pdf": plain ASCII, which every browser and mail client keeps intact. */
    public String fileName() {
        return fileName;
    }

    static String fileName(String owner) {
        String ascii = Normalizer.normalize(owner, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        return ascii.isEmpty() ? "resume.pdf" : ascii + "-resume.pdf";
    }

    /**
     * Leaves out the two things that would differ between two renderings of one version (the creation
     * time and PDFBox's time-based file ID, which becomes the version's digest), so every instance
     * serves the same bytes under one strong ETag.
     */
    private record SameBytesEveryTime(String version) implements PDFCreationListener {
        @Override
        public void preOpen(PdfBoxRenderer renderer) {
        }

        @Override
        public void preWrite(PdfBoxRenderer renderer, int pageCount) {
        }

        /** Called after the pages are drawn and before the file is written. */
        @Override
        public void onClose(PdfBoxRenderer renderer) {
            PDDocument document = renderer.getPdfDocument();
            document.getDocumentInformation().setCreationDate(null);
            COSString id = new COSString(HexFormat.of().parseHex(version));
            document.getDocument().getTrailer().setItem(COSName.ID, new COSArray(List.of(id, id)));
        }
    }

    /** PDF/UA wants each link annotation described: the link's own text says where it goes, as on the page. */
    private static Document withLinkTitles(Document document) {
        for (Element link : document.select("a[href]:not([title])")) {
            link.attr("title", link.text());
        }
        return document;
    }

    private static void logWarnings(Diagnostic diagnostic) {
        if (diagnostic.getLevel().intValue() >= Level.WARNING.intValue()) {
            log.warn("rendering the PDF: {}", diagnostic.getFormattedMessage(), diagnostic.getError());
        }
    }

    private static InputStream font(String file) {
        InputStream font = ResumePdf.class.getClassLoader().getResourceAsStream("fonts/" + file);
        if (font == null) {
            throw new IllegalStateException("fonts/" + file + " is missing from the build");
        }
        return font;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 10); // 80 bits: no two versions of one resume collide.
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
