package dev.resumesite.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.resume.DateRange;
import dev.resumesite.testing.ResumeFiles;
import dev.resumesite.testing.ResumeValues;
import dev.resumesite.testing.TestApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /resume.pdf} as served by the real app, read back with PDFBox: every string of the official
 * samples is in its text, field by field as the page test checks the page, links are link annotations,
 * fonts are embedded, the paper is A4 or Letter, and the document is titled, authored and tagged.
 */
@Tag("integration")
class ResumePdfTest {
    /** A4 and US Letter in PDF points (1/72 inch): 210 x 297 mm and 8.5 x 11 in. */
    private static final float[] A4 = {595.28f, 841.89f};
    private static final float[] LETTER = {612, 792};
    static final Path SIXTY_JOBS = ResumeFiles.OWN.resolve("valid-sixty-jobs.json");

    @TempDir
    Path dataDir;

    /** The official samples, and the sixty-job resume bench/pdf times, which must also be whole. */
    static List<Path> filesToFind() {
        List<Path> files = new ArrayList<>(ResumeFiles.officialSamples());
        files.add(SIXTY_JOBS);
        return files;
    }

    @ParameterizedTest
    @MethodSource("filesToFind")
    void every_string_of_the_file_is_in_the_pdf_and_every_link_is_a_link(Path file) throws IOException {
        try (TestApp app = start(file); PDDocument pdf = Loader.loadPDF(download(app, "/resume.pdf"))) {
            String text = text(pdf);
            Set<String> links = links(pdf);
            List<String> missing = new ArrayList<>();

            for (ResumeValues.Value value : ResumeValues.of(file)) {
                if (!shown(text, links, value.field(), value.text())) {
                    missing.add(value.toString());
                }
            }

            assertEquals(List.of(), missing, file + ": values missing from the PDF");
        }
    }

    @Test
    void a4_by_default_letter_on_request_and_any_other_paper_is_refused() throws IOException {
        try (TestApp app = start(ResumeFiles.officialSamples().get(0))) {
            try (PDDocument a4 = Loader.loadPDF(download(app, "/resume.pdf"));
                 PDDocument letter = Loader.loadPDF(download(app, "/resume.pdf?paper=letter"))) {
                assertPaper(A4, a4);
                assertPaper(LETTER, letter);
                assertTrue(a4.getNumberOfPages() >= 2, "the sample fills more than a page: " + a4.getNumberOfPages());
            }
            HttpResponse<String> legal = app.get("/resume.pdf?paper=legal");
            assertEquals(400, legal.statusCode());
            assertEquals("paper must be a4 (the default) or letter\n", legal.body());
        }
    }

    @Test
    void fonts_are_embedded_and_the_document_is_titled_authored_and_tagged() throws IOException {
        try (TestApp app = start(ResumeFiles.officialSamples().get(0));
             PDDocument pdf = Loader.loadPDF(download(app, "/resume.pdf"))) {
            Set<String> fonts = fonts(pdf);

            assertTrue(fonts.stream().anyMatch(name -> name.contains("DejaVuSans")), fonts.toString());
            assertEquals("Richard Hendriks – Programmer", pdf.getDocumentInformation().getTitle());
            assertEquals("Richard Hendriks", pdf.getDocumentInformation().getAuthor());
            assertEquals("en", pdf.getDocumentCatalog().getLanguage());
            assertNotNull(pdf.getDocumentCatalog().getStructureTreeRoot(), "tagged: a structure tree");
            assertTrue(pdf.getDocumentCatalog().getMarkInfo().isMarked(), "tagged: MarkInfo /Marked true");
            assertTrue(pdf.getDocumentCatalog().getViewerPreferences().displayDocTitle(), "viewers show the title (PDF/UA)");
            List<String> misplaced = new ArrayList<>();
            listsHoldOnlyItems(pdf.getDocumentCatalog().getStructureTreeRoot().getKids(), false, misplaced);
            assertEquals(List.of(), misplaced, "PDF/UA: a list (L) holds list items (LI) only");
        }
    }

    @Test
    void latin_greek_and_cyrillic_come_from_dejavu_and_other_scripts_from_the_fallback_font() throws IOException {
        Path file = dataDir.resolve("scripts.json");
        Files.writeString(file, """
                {"basics": {"name": "Zoë Ανδρέου Петрова", "label": "工程师 (engineer)"},
                 "work": [{"name": "Σύνδεσμος", "position": "Разработчица", "startDate": "2020-01"}]}
                """);
        try (TestApp app = start(file); PDDocument pdf = Loader.loadPDF(download(app, "/resume.pdf"))) {
            String text = new PDFTextStripper().getText(pdf);
            Set<String> fonts = fonts(pdf);

            for (String expected : List.of("Zoë Ανδρέου Петрова", "工程师 (engineer)", "Σύνδεσμος", "Разработчица")) {
                assertTrue(text.contains(expected), expected + " in " + text);
            }
            assertTrue(fonts.stream().anyMatch(name -> name.contains("DejaVuSans")), fonts.toString());
            assertTrue(fonts.stream().anyMatch(name -> name.contains("DroidSansFallback")), fonts.toString());
        }
    }

    @Test
    void the_link_counts_then_sends_to_the_versioned_file_which_is_cached_for_a_year_with_a_strong_etag() {
        try (TestApp app = start(ResumeFiles.officialSamples().get(0))) {
            HttpResponse<byte[]> redirect = app.getBytes("/resume.pdf?paper=letter");
            assertEquals(303, redirect.statusCode());
            assertEquals("no-store", redirect.headers().firstValue("Cache-Control").orElseThrow());
            String location = redirect.headers().firstValue("Location").orElseThrow();
            assertTrue(location.matches("/resume\\.pdf\\?v=[0-9a-f]{20}&paper=letter"), location);

            HttpResponse<byte[]> file = app.getBytes(location);
            assertEquals(200, file.statusCode());
            assertEquals("application/pdf", file.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("public, max-age=31536000, immutable", file.headers().firstValue("Cache-Control").orElseThrow());
            assertEquals("inline; filename=\"Richard-Hendriks-resume.pdf\"", file.headers().firstValue("Content-Disposition").orElseThrow());
            String etag = file.headers().firstValue("ETag").orElseThrow();
            assertTrue(etag.matches("\"[0-9a-f]{20}-letter\""), "strong, per version and paper: " + etag);

            HttpResponse<String> again = app.send(TestApp.browser(app.uri(location)).header("If-None-Match", etag).build());
            assertEquals(304, again.statusCode());
            assertEquals("", again.body());
            // An outdated version is counted and sent to the current one, like the plain link.
            assertEquals(location, app.getBytes("/resume.pdf?v=0123456789abcdef0123&paper=letter")
                    .headers().firstValue("Location").orElseThrow());
        }
    }

    @Test
    void every_instance_serves_the_same_bytes_for_a_version_so_the_etag_can_be_strong() throws IOException {
        Path file = ResumeFiles.officialSamples().get(1);
        byte[] first;
        try (TestApp app = start(file)) {
            first = download(app, "/resume.pdf");
        }
        try (TestApp app = start(file)) {
            assertArrayEquals(first, download(app, "/resume.pdf"));
        }
    }

    @Test
    void the_file_is_named_after_the_person_in_plain_ascii() {
        assertEquals("Oresund-Agren-resume.pdf", ResumePdf.fileName("Öresund Ågren"));
        assertEquals("Zoe-resume.pdf", ResumePdf.fileName("Zoë Ανδρέου"));
        assertEquals("resume.pdf", ResumePdf.fileName("山田 太郎"));
    }

    /** Whether a value from the file is in the PDF in the form the page shows it. */
    private static boolean shown(String text, Set<String> links, String field, String value) {
        if (ResumeValues.DATE_FIELDS.contains(field) && value.matches("\\d{4}.*")) {
            return text.contains(DateRange.label(value));
        }
        if (ResumeValues.LINK_FIELDS.contains(field)) {
            return links.contains(value.matches("(?i)https?://.*") ? value : "https://" + value);
        }
        return switch (field) {
            // The PDF carries no portrait: rendering would mean the server fetching a URL named in the resume.
            case "image", "picture" -> true;
            case "email" -> links.contains("mailto:" + value) && text.contains(value);
            case "countryCode" -> value.length() == 2
                    ? text.contains(new Locale("", value).getDisplayCountry(Locale.ENGLISH))
                    : text.contains(value);
            default -> ResumeValues.shownLines(value).stream().allMatch(text::contains);
        };
    }

    /**
     * The PDF's text as one line. A line that ends in a word's hyphen was broken there, and the hyphen is
     * the text's own (the PDF is not hyphenated), so the next line follows without a space: "length-limited".
     */
    private static String text(PDDocument pdf) throws IOException {
        return ResumeValues.normalised(new PDFTextStripper().getText(pdf).replaceAll("(?<=\\S)-[ \\t]*\\R\\s*", "-"));
    }

    private static Set<String> links(PDDocument pdf) throws IOException {
        Set<String> uris = new HashSet<>();
        for (PDPage page : pdf.getPages()) {
            for (PDAnnotation annotation : page.getAnnotations()) {
                if (annotation instanceof PDAnnotationLink link && link.getAction() instanceof PDActionURI uri) {
                    uris.add(uri.getURI());
                }
            }
        }
        return uris;
    }

    /** The names of the fonts the pages use; fails on any font that is not embedded. */
    private static Set<String> fonts(PDDocument pdf) throws IOException {
        Set<String> names = new HashSet<>();
        for (PDPage page : pdf.getPages()) {
            for (var name : page.getResources().getFontNames()) {
                PDFont font = page.getResources().getFont(name);
                assertTrue(font.isEmbedded(), font.getName() + " is not embedded");
                names.add(font.getName());
            }
        }
        assertFalse(names.isEmpty(), "the pages use no font");
        return names;
    }

    private static void listsHoldOnlyItems(List<Object> kids, boolean inList, List<String> misplaced) {
        for (Object kid : kids) {
            if (kid instanceof PDStructureElement element) {
                String type = element.getStandardStructureType();
                if (inList && !type.equals("LI")) {
                    misplaced.add(type);
                }
                listsHoldOnlyItems(element.getKids(), type.equals("L"), misplaced);
            }
        }
    }

    private static void assertPaper(float[] size, PDDocument pdf) {
        for (PDPage page : pdf.getPages()) {
            assertEquals(size[0], page.getMediaBox().getWidth(), 1, "width in points");
            assertEquals(size[1], page.getMediaBox().getHeight(), 1, "height in points");
        }
    }

    /** The page's link followed as a browser does: the counted redirect, then the versioned file. */
    static byte[] download(TestApp app, String link) {
        HttpResponse<byte[]> redirect = app.getBytes(link);
        assertEquals(303, redirect.statusCode(), link);
        HttpResponse<byte[]> file = app.getBytes(redirect.headers().firstValue("Location").orElseThrow());
        assertEquals(200, file.statusCode());
        return file.body();
    }

    private TestApp start(Path file) {
        try {
            Path data = Files.createTempDirectory(dataDir, "data");
            return TestApp.start(Map.of("DATA_DIR", data.toString(), "RESUME_FILE", file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
