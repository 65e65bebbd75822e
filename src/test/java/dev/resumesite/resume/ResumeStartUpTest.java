package dev.resumesite.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.AppProcess;
import dev.resumesite.testing.ResumeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator sees when starting the real process with their own resume.json. */
@Tag("integration")
class ResumeStartUpTest {
    @TempDir
    Path dir;

    @Test
    void content_the_page_cannot_show_stops_start_up_with_exit_2_and_one_line_naming_file_path_value_and_fix()
            throws IOException {
        Path file = Files.writeString(dir.resolve("resume.json"), """
                {"basics": {"name": "Test Person"},
                 "work": [{"name": "Acme", "startDate": "2020-01"}, {"name": "Initech", "startDate": "03/2021"}]}
                """);

        try (AppProcess app = AppProcess.launch(Map.of("DATA_DIR", dir.resolve("data").toString(), "RESUME_FILE", file.toString()))) {
            assertEquals(2, app.waitForExit(Duration.ofSeconds(60)));
            List<String> errors = app.output().stream().filter(line -> line.startsWith("resume-site: configuration error")).toList();
            assertEquals(List.of("resume-site: configuration error: " + file + ": $.work[1].startDate is \"03/2021\", "
                    + "which is not a date; write it as YYYY, YYYY-MM or YYYY-MM-DD, e.g. \"2021-03\""), errors);
        }
    }

    @Test
    void a_file_with_older_conventions_starts_and_logs_one_warning_line_per_convention() {
        Path file = ResumeFiles.OWN.resolve("lenient-older-field-names.json");

        try (AppProcess app = AppProcess.start(Map.of("DATA_DIR", dir.resolve("data").toString(), "RESUME_FILE", file.toString()))) {
            List<String> warnings = app.output().stream().filter(line -> line.contains(" WARN ") && line.contains(file + ": $.")).toList();
            assertEquals(12, warnings.size(), String.join("\n", app.output()));
            assertTrue(warnings.stream().anyMatch(line -> line.endsWith(file + ": $.work[0].endDate is \"Present\"; "
                    + "read as still going (leaving endDate out says the same)")), String.join("\n", warnings));
        }
    }
}
