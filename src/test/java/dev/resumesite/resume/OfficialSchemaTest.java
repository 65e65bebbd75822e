package dev.resumesite.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.resumesite.testing.ResumeFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The loader against the official JSON Resume schema 1.3.1 (from the npm package): what the schema
 * accepts loads with no warning, and what we accept beyond it loads with a warning per convention.
 */
@Tag("unit")
class OfficialSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = schema();

    static Stream<Path> schemaValidFiles() {
        return Stream.concat(ResumeFiles.officialSamples().stream(),
                ResumeFiles.own().stream().filter(file -> file.getFileName().toString().startsWith("valid-")));
    }

    @ParameterizedTest
    @MethodSource("schemaValidFiles")
    void a_file_the_schema_accepts_loads(Path file) throws IOException {
        assertEquals(Set.of(), SCHEMA.validate(JSON.readTree(file.toFile())), file + " is valid JSON Resume 1.3.1");
        List<String> warnings = new ArrayList<>();

        Resume resume = new ResumeLoader(warnings::add, name -> false).load(file);

        assertTrue(resume != null);
        // A valid file can only be warned about meta.canonical naming a file rather than the page, or
        // about an older field name, which the schema admits as an extra property (real files do that).
        warnings.forEach(line -> assertTrue(line.contains("$.meta.canonical") || line.contains(" is an older name for "), line));
    }

    @Test
    void the_official_samples_are_four_and_fill_every_section() {
        List<Path> samples = ResumeFiles.officialSamples();
        assertEquals(4, samples.size(), samples.toString());
        Resume sample = new ResumeLoader(line -> { }, name -> false).load(samples.get(0));
        assertFalse(sample.publications().isEmpty());
        assertFalse(sample.references().isEmpty());
        assertFalse(sample.projects().get(0).roles().isEmpty());
    }

    @Test
    void every_own_file_says_in_its_name_whether_the_schema_accepts_it() throws IOException {
        for (Path file : ResumeFiles.own()) {
            String name = file.getFileName().toString();
            boolean valid = SCHEMA.validate(JSON.readTree(file.toFile())).isEmpty();
            assertEquals(name.startsWith("valid-"), valid, name);
            assertTrue(name.startsWith("valid-") || name.startsWith("lenient-"), name);
        }
    }

    @Test
    void older_field_names_break_the_schema_yet_load_with_one_warning_per_convention() throws IOException {
        Path file = ResumeFiles.OWN.resolve("lenient-older-field-names.json");
        Set<ValidationMessage> violations = SCHEMA.validate(JSON.readTree(file.toFile()));
        assertFalse(violations.isEmpty(), "the file uses names outside the schema");
        List<String> warnings = new ArrayList<>();

        Resume resume = new ResumeLoader(warnings::add, name -> false).load(file);

        assertEquals("Öresund Robotics", resume.work().get(0).name());
        // picture, website (basics, work, volunteer), three company, gpa, three open ends, a bare host name.
        assertEquals(12, warnings.size(), String.join("\n", warnings));
        warnings.forEach(line -> assertTrue(line.startsWith(file + ": $."), line));
    }

    private static JsonSchema schema() {
        try {
            JsonNode schema = JSON.readTree(ResumeFiles.schema().toFile());
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
