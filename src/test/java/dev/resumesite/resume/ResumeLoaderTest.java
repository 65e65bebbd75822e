package dev.resumesite.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class ResumeLoaderTest {
    private static final String MINIMAL = """
            {"basics": {"name": "Test Person", "label": "Engineer"}}
            """;

    private final List<String> warnings = new ArrayList<>();
    private final ResumeLoader loader = new ResumeLoader(warnings::add, "portrait.svg"::equals);

    @TempDir
    Path dir;

    @Test
    void bundled_resume_loads_with_every_section() {
        Resume resume = loader.loadBundled();

        assertFalse(resume.basics().name().isBlank());
        assertFalse(resume.basics().label().isBlank());
        assertFalse(resume.basics().location().text().isBlank());
        List<List<?>> sections = List.of(resume.basics().profiles(), resume.work(), resume.volunteer(),
                resume.education(), resume.awards(), resume.certificates(), resume.publications(), resume.skills(),
                resume.languages(), resume.interests(), resume.references(), resume.projects());
        sections.forEach(section -> assertFalse(section.isEmpty(), "every section has sample content"));
    }

    @Test
    void bundled_resume_date_ranges_format_as_month_and_year() {
        Resume resume = loader.loadBundled();

        assertEquals("Mar 2021 – Present", resume.work().get(0).period());
        assertEquals("Jun 2018 – Feb 2021", resume.work().get(1).period());
        assertEquals("Sep 2011 – Jun 2015", resume.education().get(0).period());
        assertEquals("Apr 2022 – Sep 2023", resume.projects().get(1).period());
        assertEquals("May 2023", resume.certificates().get(0).dateLabel());
    }

    @Test
    void year_only_and_full_dates_are_shown_as_year_and_month_and_year() throws IOException {
        Resume resume = loader.load(write("""
                {"basics": {"name": "Test Person", "label": "Engineer"},
                 "work": [{"startDate": "2018", "endDate": "2021"},
                          {"startDate": "2016-01-31", "endDate": "2017-12-01"},
                          {"name": "Undated"}]}
                """));

        assertEquals("2018 – 2021", resume.work().get(0).period());
        assertEquals("Jan 2016 – Dec 2017", resume.work().get(1).period());
        assertEquals("", resume.work().get(2).period());
    }

    @Test
    void absent_lists_become_empty_and_unknown_fields_are_ignored() throws IOException {
        Resume resume = loader.load(write("""
                {"basics": {"name": "Test Person", "label": "Engineer", "x-custom": [1, 2]},
                 "work": [{"name": "Acme"}],
                 "meta": {"version": "v1.0.0"}}
                """));

        assertEquals(List.of(), resume.projects());
        assertEquals(List.of(), resume.basics().profiles());
        assertEquals(List.of(), resume.work().get(0).highlights());
        assertEquals("", resume.basics().location().text());
    }

    @Test
    void a_file_without_name_label_or_basics_loads_because_the_schema_requires_none() throws IOException {
        assertEquals("Resume", loader.load(write("{}")).basics().displayName());
        Resume noLabel = loader.load(write("""
                {"basics": {"name": "Test Person", "label": "  "}}
                """));
        assertEquals(null, noLabel.basics().label());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void malformed_date_names_the_field() throws IOException {
        String message = rejection("""
                {"basics": {"name": "Test Person", "label": "Engineer"},
                 "work": [{"startDate": "2020"}, {"startDate": "2019-01"}, {"startDate": "03/2021"}]}
                """);

        assertTrue(message.contains("$.work[2].startDate is \"03/2021\""), message);
        assertTrue(message.contains("YYYY, YYYY-MM or YYYY-MM-DD"), message);
    }

    @Test
    void a_month_that_does_not_exist_names_the_field() throws IOException {
        String message = rejection("""
                {"basics": {"name": "Test Person", "label": "Engineer"},
                 "certificates": [{"name": "Cert", "date": "2023-13"}]}
                """);

        assertTrue(message.contains("$.certificates[0].date is \"2023-13\""), message);
    }

    @Test
    void a_day_the_schema_allows_but_the_calendar_lacks_shows_as_its_month() throws IOException {
        Resume resume = loader.load(write("""
                {"certificates": [{"name": "Cert", "date": "2023-02-30"}]}
                """));

        assertEquals("Feb 2023", resume.certificates().get(0).dateLabel());
        assertEquals("2023-02", resume.certificates().get(0).datetime());
    }

    @Test
    void an_open_end_written_as_empty_present_or_null_means_current_with_one_warning_each() throws IOException {
        Resume resume = loader.load(write("""
                {"work": [{"name": "A", "startDate": "2020", "endDate": ""},
                          {"name": "B", "startDate": "2019", "endDate": "Present"},
                          {"name": "C", "startDate": "2018", "endDate": null}]}
                """));

        resume.work().forEach(job -> assertTrue(job.period().endsWith("– Present"), job.period()));
        assertEquals(3, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("$.work[0].endDate is \"\"; read as still going"), warnings.get(0));
        assertTrue(warnings.get(1).contains("$.work[1].endDate is \"Present\""), warnings.get(1));
        assertTrue(warnings.get(2).contains("$.work[2].endDate is null"), warnings.get(2));
        warnings.forEach(line -> assertFalse(line.contains("\n"), line));
    }

    @Test
    void older_field_names_are_read_as_their_current_names_with_a_warning() throws IOException {
        Resume resume = loader.load(write("""
                {"basics": {"name": "T", "website": "https://t.example.com", "picture": "https://img.example.com/t.png"},
                 "work": [{"company": "Acme", "website": "https://acme.example.com"}],
                 "education": [{"institution": "Uni", "gpa": "3.9"}]}
                """));

        assertEquals("https://t.example.com", resume.basics().url());
        assertEquals("https://img.example.com/t.png", resume.basics().image());
        assertEquals("Acme", resume.work().get(0).name());
        assertEquals("https://acme.example.com", resume.work().get(0).url());
        assertEquals("3.9", resume.education().get(0).score());
        assertEquals(5, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(line -> line.contains("$.work[0].company is an older name for name")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(line -> line.contains("$.education[0].gpa is an older name for score")), warnings.toString());
    }

    @Test
    void empty_strings_are_absent_everywhere() throws IOException {
        Resume resume = loader.load(write("""
                {"basics": {"name": "T", "label": "", "url": " ", "profiles": [{"network": "", "url": ""}]},
                 "work": [{"name": "Acme", "url": "", "highlights": ["", "Shipped"]}, {"name": ""}]}
                """));

        assertEquals(null, resume.basics().label());
        assertEquals(null, resume.basics().url());
        assertEquals(List.of(), resume.basics().profiles());
        assertEquals(1, resume.work().size());
        assertEquals(null, resume.work().get(0).url());
        assertEquals(List.of("Shipped"), resume.work().get(0).highlights());
    }

    @Test
    void a_link_without_its_scheme_gets_https_with_a_warning() throws IOException {
        Resume resume = loader.load(write("""
                {"basics": {"profiles": [{"network": "LinkedIn", "url": "linkedin.example.com/in/someone"}]}}
                """));

        assertEquals("https://linkedin.example.com/in/someone", resume.basics().profiles().get(0).url());
        assertTrue(warnings.get(0).contains("$.basics.profiles[0].url is \"linkedin.example.com/in/someone\""), warnings.toString());
    }

    @Test
    void a_link_that_is_not_a_web_address_is_rejected_with_its_path() throws IOException {
        String message = rejection("""
                {"projects": [{"name": "P", "url": "javascript:alert(1)"}]}
                """);

        assertTrue(message.contains("$.projects[0].url is \"javascript:alert(1)\", which is not a link a reader can follow; "), message);
        assertTrue(rejection("""
                {"work": [{"name": "W", "url": "/about"}]}
                """).contains("$.work[0].url is \"/about\""));
    }

    @Test
    void an_internationalised_domain_name_starts_without_a_warning_and_links_by_its_ascii_form() throws IOException {
        Resume resume = loader.load(write("""
                {"basics": {"url": "https://zoë.example.com/", "image": "https://bücher.example/ich.jpg",
                            "profiles": [{"network": "Blog", "url": "https://例え.テスト/über"}]}}
                """));

        assertEquals("https://zoë.example.com/", resume.basics().url(), "shown as written");
        assertEquals("https://xn--zo-ija.example.com/", Urls.href(resume.basics().url()));
        assertEquals("https://xn--r8jz45g.xn--zckzah/%C3%BCber", Urls.href(resume.basics().profiles().get(0).url()));
        assertTrue(resume.basics().imageIsUrl());
        assertEquals(List.of(), warnings);
        assertTrue(rejection("""
                {"basics": {"url": "https://zo\u00eb..example.com:x/"}}
                """).contains("$.basics.url is \"https://zoë..example.com:x/\", which is not a link"));
    }

    @Test
    void a_key_written_twice_keeps_the_later_value_with_one_warning_naming_its_path_and_line() throws IOException {
        Resume resume = loader.load(write("""
                {"basics": {"name": "First", "profiles": [{"network": "A", "url": "https://a.example/"}]},
                 "languages": [{"language": "English"}],
                 "work": [{"name": "Acme", "position": "Dev", "position": "Lead"}],
                 "languages": [{"language": "German"}, {"language": "French"}]}
                """));

        assertEquals(List.of("German", "French"), resume.languages().stream().map(Language::language).toList());
        assertEquals("Lead", resume.work().get(0).position());
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).endsWith("resume.json: $.work[0].position is written twice (again at line 3); "
                + "the later one is read, as JSON.parse does (remove the other to silence this)"), warnings.get(0));
        assertTrue(warnings.get(1).contains(": $.languages is written twice (again at line 4)"), warnings.get(1));
    }

    @Test
    void mail_and_phone_links_are_links_too() throws IOException {
        Resume resume = loader.load(write("""
                {"basics": {"profiles": [{"network": "Email", "url": "mailto:me@example.com"}]}}
                """));

        assertEquals("mailto:me@example.com", resume.basics().profiles().get(0).url());
    }

    @Test
    void an_image_that_is_neither_a_url_nor_an_asset_is_left_out_with_one_warning_naming_it() throws IOException {
        // The schema allows any string: a real file (AGibert13/engineerResume) names "./img/profileImage.jpg".
        Resume resume = loader.load(write("""
                {"basics": {"name": "T", "image": "./img/profileImage.jpg"}}
                """));

        assertNull(resume.basics().image());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("$.basics.image is \"./img/profileImage.jpg\", which is neither an http(s) URL "
                + "nor a file under assets/; the page shows no portrait"), warnings.get(0));
        assertEquals("portrait.svg", loader.load(write("""
                {"basics": {"image": "portrait.svg"}}
                """)).basics().image());
        assertEquals("https://photos.example.net/me.jpg", loader.load(write("""
                {"basics": {"image": "https://photos.example.net/me.jpg"}}
                """)).basics().image());
    }

    @Test
    void a_country_name_in_country_code_is_shown_as_written() throws IOException {
        Resume resume = loader.load(write("""
                {"basics": {"location": {"address": "Flat 4\\n27 Camden Road", "postalCode": "NW1 9LN",
                                         "city": "London", "countryCode": "United Kingdom"}}}
                """));

        assertEquals("Flat 4, 27 Camden Road, NW1 9LN London, United Kingdom", resume.basics().location().text());
    }

    @Test
    void malformed_json_names_the_file_and_line() throws IOException {
        String message = rejection("""
                {"basics": {"name": "Test Person", "label": "Engineer"},
                 "work": [{"name": "Acme",}]}
                """);

        assertTrue(message.contains(": line 2, column "), message);
        assertTrue(message.contains("invalid JSON"), message);
    }

    @Test
    void wrong_type_names_the_field_and_the_expected_shape() throws IOException {
        String message = rejection("""
                {"basics": {"name": "Test Person", "label": "Engineer"},
                 "work": [{"highlights": "Shipped things"}]}
                """);

        assertTrue(message.contains("$.work[0].highlights has the wrong type; write an array"), message);
    }

    @Test
    void number_where_text_belongs_is_rejected() throws IOException {
        String message = rejection("""
                {"basics": {"name": "Test Person", "label": "Engineer"},
                 "education": [{"institution": "Uni", "score": 3.7}]}
                """);

        assertTrue(message.contains("$.education[0].score has the wrong type; write a string"), message);
    }

    @Test
    void null_inside_a_list_names_its_index() throws IOException {
        String message = rejection("""
                {"basics": {"name": "Test Person", "label": "Engineer"},
                 "skills": [{"name": "Java", "keywords": ["JVM", null]}]}
                """);

        assertTrue(message.contains("$.skills[0].keywords[1] is null"), message);
    }

    @Test
    void missing_file_names_the_file() {
        Path absent = dir.resolve("absent.json");

        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(absent));

        assertEquals(absent + ": file not found; create it or point to an existing JSON Resume file", e.getMessage());
    }

    @Test
    void empty_file_is_rejected() throws IOException {
        assertTrue(rejection("  \n").contains("file is empty"));
    }

    @Test
    void minimal_resume_with_only_name_and_label_loads() throws IOException {
        Resume resume = loader.load(write(MINIMAL));

        assertEquals("Test Person", resume.basics().name());
        assertEquals("Engineer", resume.basics().label());
    }

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("resume.json"), json);
    }

    /** The message of the expected rejection, after checking it is one line that starts with the file. */
    private String rejection(String json) throws IOException {
        Path file = write(json);
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file));
        String message = e.getMessage();
        assertTrue(message.startsWith(file + ": "), message);
        assertFalse(message.contains("\n"), message);
        return message;
    }
}
