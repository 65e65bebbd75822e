package dev.resumesite.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.resume.Urls;
import dev.resumesite.testing.ResumeFiles;
import dev.resumesite.testing.ResumeValues;
import dev.resumesite.testing.TestApp;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The page as served by the real app for resume files written by others (the official samples) and
 * for our awkward cases: every value in the file appears on the page, field by field.
 */
@Tag("integration")
class ResumePageTest {

    @TempDir
    Path dataDir;

    static Stream<Path> allFiles() {
        return Stream.concat(ResumeFiles.officialSamples().stream(), ResumeFiles.own().stream());
    }

    @ParameterizedTest
    @MethodSource("allFiles")
    void every_value_in_the_file_appears_on_the_page(Path file) throws IOException {
        Document page = render(file);
        String text = ResumeValues.normalised(page.body().text());
        List<String> missing = new ArrayList<>();

        for (ResumeValues.Value value : ResumeValues.of(file)) {
            if (!shown(page, text, value.field(), value.text())) {
                missing.add(value.toString());
            }
        }

        assertEquals(List.of(), missing, file + ": values missing from the page");
    }

    @ParameterizedTest
    @MethodSource("allFiles")
    void nothing_on_the_page_is_empty_or_dangling(Path file) {
        Document page = render(file);

        for (Element link : page.select("a")) {
            assertFalse(link.attr("href").isBlank(), file + ": link without a target: " + link);
            assertFalse(link.text().isBlank(), file + ": link without text: " + link);
        }
        for (Element element : page.select("p, li, h1, h2, h3, dt, figcaption, time")) {
            assertFalse(element.text().isBlank(), file + ": empty " + element.tagName() + ": " + element.outerHtml());
        }
        for (Element heading : page.select("h3, .org, .meta")) {
            String words = heading.text().strip();
            assertFalse(words.startsWith(",") || words.endsWith(",") || words.startsWith("·") || words.endsWith("·"),
                    file + ": stray separator in " + heading.outerHtml());
        }
    }

    @Test
    void a_summary_keeps_its_paragraphs_line_breaks_and_dash_lists() {
        Document page = render(ResumeFiles.OWN.resolve("valid-awkward.json"));

        Element about = page.selectFirst("section[aria-labelledby=about]");
        assertEquals(List.of("accessible forms", "design systems that teams actually use"),
                about.select("ul.prose-list li").eachText());
        assertEquals(2, about.select("p").size(), about.outerHtml());
        assertEquals(1, about.select("p br").size(), "one line break inside the first paragraph: " + about.outerHtml());
    }

    @Test
    void a_country_name_is_shown_as_written_and_a_code_as_the_country() {
        assertTrue(render(ResumeFiles.OWN.resolve("lenient-blanks.json")).body().text().contains("London, United Kingdom"));
        assertFalse(render(ResumeFiles.OWN.resolve("lenient-blanks.json")).body().text().contains("UNITED KINGDOM"));
        // The schema's sample, in the US order: "San Francisco, CA 94115" (its postal code carries the state).
        assertTrue(render(ResumeFiles.officialSamples().get(0)).body().text().contains("San Francisco, CA 94115, California, United States"));
    }

    @Test
    void profiles_without_a_username_link_with_the_network_name() {
        Document page = render(ResumeFiles.OWN.resolve("valid-awkward.json"));

        assertEquals("Dribbble", page.selectFirst("a[href=https://dribbble.example.com/camille]").text());
        assertEquals("https://camille.example.net/notes", page.selectFirst("a[href=https://camille.example.net/notes]").text());
    }

    @Test
    void older_field_names_show_the_employer_and_its_link() {
        Document page = render(ResumeFiles.OWN.resolve("lenient-older-field-names.json"));

        assertEquals("Öresund Robotics", page.selectFirst("a[href=https://oresund-robotics.example.com]").text());
        assertTrue(page.body().text().contains("Lund Instruments"));
        assertEquals(3, page.select("#experience ~ article .dates").stream()
                .filter(dates -> dates.text().endsWith("Present")).count());
    }

    @Test
    void an_internationalised_domain_name_is_shown_as_written_and_linked_by_its_ascii_form() throws IOException {
        Path file = Files.writeString(dataDir.resolve("idn.json"), """
                {"basics": {"name": "Zoë", "url": "https://zoë.example.com/",
                            "profiles": [{"network": "Blog", "url": "https://blog.zoë.example.com/über"}]},
                 "work": [{"name": "Bücher GmbH", "position": "Developer", "url": "https://bücher.example/"}]}
                """);
        Document page = render(file);

        assertEquals("https://zoë.example.com/", page.selectFirst("a[href=\"https://xn--zo-ija.example.com/\"]").text());
        assertEquals("Bücher GmbH", page.selectFirst("a[href=\"https://xn--bcher-kva.example/\"]").text());
        assertEquals("Blog", page.selectFirst("a[href=\"https://blog.xn--zo-ija.example.com/%C3%BCber\"]").text());
    }

    @Test
    void an_image_url_is_shown_and_only_its_origin_is_added_to_the_content_security_policy() {
        try (TestApp app = start(ResumeFiles.OWN.resolve("valid-awkward.json"))) {
            HttpResponse<String> response = app.get("/");
            Document page = Jsoup.parse(response.body());

            assertEquals("https://photos.example.net/camille/portrait.jpg", page.selectFirst("img.portrait").attr("src"));
            String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(csp.contains("img-src 'self' https://photos.example.net;"), csp);
            assertTrue(csp.contains("default-src 'none'"), csp);
            assertFalse(csp.contains("script-src"), "scripts stay forbidden by default-src: " + csp);
        }
    }

    @Test
    void the_canonical_address_gives_the_canonical_link_share_tags_robots_and_sitemap() {
        try (TestApp app = start(ResumeFiles.OWN.resolve("valid-awkward.json"))) {
            Document page = Jsoup.parse(app.get("/").body());
            String robots = app.get("/robots.txt").body();
            HttpResponse<String> sitemap = app.get("/sitemap.xml");

            assertEquals("https://camille.example.net/", page.selectFirst("link[rel=canonical]").attr("href"));
            assertEquals("https://camille.example.net/", page.selectFirst("meta[property=og:url]").attr("content"));
            assertEquals("Camille Durand", page.selectFirst("meta[property=og:title]").attr("content"));
            assertEquals("https://photos.example.net/camille/portrait.jpg", page.selectFirst("meta[property=og:image]").attr("content"));
            assertEquals("summary", page.selectFirst("meta[name=twitter:card]").attr("content"));
            assertTrue(robots.contains("Sitemap: https://camille.example.net/sitemap.xml\n"), robots);
            assertEquals("application/xml;charset=UTF-8", sitemap.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("https://camille.example.net/", Jsoup.parse(sitemap.body(), "", org.jsoup.parser.Parser.xmlParser())
                    .selectFirst("urlset > url > loc").text());
        }
    }

    @Test
    void without_a_canonical_address_the_page_has_no_canonical_link_and_robots_names_the_request_host() {
        try (TestApp app = start(ResumeFiles.officialSamples().get(0))) {
            Document page = Jsoup.parse(app.get("/").body());

            assertTrue(page.select("link[rel=canonical], meta[property=og:url]").isEmpty());
            assertEquals("Richard Hendriks – Programmer", page.selectFirst("meta[property=og:title]").attr("content"));
            assertTrue(app.get("/robots.txt").body().contains("Sitemap: " + app.uri("/sitemap.xml")));
        }
    }

    /** Whether a value from the file can be found on the page in the form the page shows it. */
    private static boolean shown(Document page, String text, String field, String value) {
        if (ResumeValues.DATE_FIELDS.contains(field) && value.matches("\\d{4}.*")) {
            return !page.select("time[datetime=" + value.substring(0, Math.min(7, value.length())) + "]").isEmpty();
        }
        if (ResumeValues.LINK_FIELDS.contains(field)) {
            // Linked by its ASCII form (an internationalised host in Punycode; ResumeLoaderTest pins that form).
            String href = Urls.href(value.matches("(?i)https?://.*") ? value : "https://" + value);
            return !page.select("a[href=" + href + "]").isEmpty();
        }
        return switch (field) {
            case "image", "picture" -> page.select("img.portrait").attr("src").endsWith(value);
            case "email" -> !page.select("a[href=mailto:" + value + "]").isEmpty();
            case "countryCode" -> value.length() == 2
                    ? text.contains(new Locale("", value).getDisplayCountry(Locale.ENGLISH))
                    : text.contains(value);
            default -> ResumeValues.shownLines(value).stream().allMatch(text::contains);
        };
    }

    private Document render(Path file) {
        try (TestApp app = start(file)) {
            HttpResponse<String> response = app.get("/");
            assertEquals(200, response.statusCode(), file.toString());
            return Jsoup.parse(response.body());
        }
    }

    private TestApp start(Path file) {
        try {
            Path data = Files.createTempDirectory(dataDir, "data");
            return TestApp.start(Map.of("DATA_DIR", data.toString(), "RESUME_FILE", file.toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
