package dev.resumesite.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class ResumeLoaderTest {
    private static final String MINIMAL = """
            {"basics": {"name": "Test Person", "label": "Engineer"}}
            """;

    private final ResumeLoader loader = new ResumeLoader();

    @TempDir
    Path dir;

    @Test
    void bundled_resume_loads_with_every_section() {
        Resume resume = loader.loadBundled();

        assertFalse(resume.basics().name().isBlank());
        assertFalse(resume.basics().label().isBlank());
        assertFalse(resume.basics().location().text().isBlank());
        List<List<?>> sections = List.of(resume.basics().profiles(), resume.work(), resume.volunteer(),
                resume.education(), resume.awards(), resume.certificates(), resume.skills(),
                resume.languages(), resume.interests(), resume.projects());
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
                          {}]}
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
    void missing_name_is_rejected_with_its_json_path() throws IOException {
        String message = rejection("""
                {"basics": {"label": "Engineer"}}
                """);

        assertTrue(message.endsWith("$.basics.name is missing; add the person's name as a string"), message);
    }

    @Test
    void blank_label_is_rejected_with_its_json_path() throws IOException {
        String message = rejection("""
                {"basics": {"name": "Test Person", "label": "  "}}
                """);

        assertTrue(message.contains("$.basics.label is empty; "), message);
    }

    @Test
    void missing_basics_is_rejected() throws IOException {
        assertTrue(rejection("{}").contains("$.basics is missing; "));
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
    void impossible_calendar_date_names_the_field() throws IOException {
        String message = rejection("""
                {"basics": {"name": "Test Person", "label": "Engineer"},
                 "certificates": [{"name": "Cert", "date": "2023-02-30"}]}
                """);

        assertTrue(message.contains("$.certificates[0].date is \"2023-02-30\""), message);
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
