package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.AppProcess;
import dev.resumesite.testing.PageLoad;
import dev.resumesite.testing.Poll;
import dev.resumesite.testing.TestApp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM under load, as every rolling deploy sends: the app exits in time and loses no answered visit. */
@Tag("integration")
class GracefulShutdownTest {

    @Test
    void sigterm_under_load_exits_within_the_grace_and_keeps_every_answered_visit(@TempDir Path dataDir) throws Exception {
        Map<String, String> env = Map.of("DATA_DIR", dataDir.toString(), "SHUTDOWN_GRACE_SECONDS", "10");
        long answered;
        try (AppProcess app = AppProcess.start(env)) {
            PageLoad load = PageLoad.start(List.of(app.uri("/")), 16);
            Poll.until(Duration.ofSeconds(20), "load to warm up", () -> load.ok() > 300);
            long started = System.nanoTime();
            app.terminate();
            int exit = app.waitForExit(Duration.ofSeconds(15));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            load.stop();
            answered = load.ok();
            assertEquals(143, exit, "the JVM's exit code after SIGTERM");
            assertTrue(tookMillis < 10_000, "exited in " + tookMillis + " ms");
            assertTrue(app.output().stream().anyMatch(line -> line.contains("shutdown complete")), String.join("\n", app.output()));
        }
        try (AppProcess restarted = AppProcess.start(env)) {
            HttpResponse<String> views = HttpClient.newHttpClient().send(
                    TestApp.browser(restarted.uri("/api/views")).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"views\":(\\d+)").matcher(views.body());
            assertTrue(m.find(), views.body());
            assertEquals(answered, Long.parseLong(m.group(1)), "every page answered 200 before the exit was stored");
        }
    }
}
