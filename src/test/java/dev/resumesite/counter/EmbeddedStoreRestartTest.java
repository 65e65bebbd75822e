package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.AppProcess;
import dev.resumesite.testing.TestApp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store keeps every answered count across a real process restart, even after kill -9. */
@Tag("integration")
class EmbeddedStoreRestartTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_count_survives_kill_minus_nine_and_a_restart(@TempDir Path dataDir) throws Exception {
        Map<String, String> env = TestApp.patient(Map.of("DATA_DIR", dataDir.toString()));
        try (AppProcess first = AppProcess.start(env)) {
            for (int i = 1; i <= 5; i++) {
                assertEquals(i, viewPage(first));
            }
            first.kill();
        }
        try (AppProcess second = AppProcess.start(env)) {
            assertEquals(6, viewPage(second));
        }
    }

    @Test
    void a_bad_variable_stops_start_up_with_one_line_and_no_stack_trace(@TempDir Path dataDir) {
        try (AppProcess app = AppProcess.launch(Map.of("DATA_DIR", dataDir.toString(), "COUNTER_STORE", "mysql"))) {
            assertEquals(2, app.waitForExit(Duration.ofSeconds(30)));
            String output = String.join("\n", app.output());
            assertTrue(output.contains("configuration error: COUNTER_STORE=mysql is not valid: expected one of dynamodb, embedded"), output);
            assertTrue(!output.contains("\tat "), "no stack trace:\n" + output);
        }
    }

    private long viewPage(AppProcess app) throws Exception {
        HttpResponse<String> page = http.send(TestApp.navigation(app.uri("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        return TestApp.countInPage(page.body());
    }
}
