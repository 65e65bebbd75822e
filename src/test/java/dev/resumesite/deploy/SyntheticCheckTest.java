package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.config.AppConfig;
import dev.resumesite.config.ConfigException;
import dev.resumesite.testing.TestApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post-deploy check (deploy/check-live-site.sh) and the app's synthetic-check counter: a check
 * proves the counting path on a counter of its own and leaves the public number alone.
 */
@Tag("integration")
class SyntheticCheckTest {
    static final String SECRET = "synthetic-check-secret-0123456789";
    static final Duration SCRIPT_DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path data;
    TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.start(TestApp.patient(Map.of("DATA_DIR", data.toString(), "SYNTHETIC_CHECK_SECRET", SECRET)));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void a_page_with_the_secret_counts_on_the_synthetic_counter_and_leaves_the_public_count_alone() {
        app.get("/");
        long publicCount = app.storedCount();
        HttpResponse<String> checked = page("/", SECRET);
        assertEquals(200, checked.statusCode());
        assertEquals("synthetic-views", checked.headers().firstValue("X-Synthetic-Check").orElse(""));
        assertEquals(1, TestApp.countInPage(checked.body()), "the first synthetic view");
        assertEquals(2, TestApp.countInPage(page("/", SECRET).body()));
        assertEquals(publicCount, app.storedCount(), "the public count did not move");
        assertEquals("{\"views\":2,\"visitors\":0}", page("/api/views", SECRET).body(), "read back from the synthetic item");
    }

    @Test
    void a_wrong_or_missing_secret_is_an_ordinary_public_visit() {
        long before = app.storedCount();
        HttpResponse<String> wrong = page("/", SECRET + "x");
        assertTrue(wrong.headers().firstValue("X-Synthetic-Check").isEmpty());
        assertEquals(before + 1, TestApp.countInPage(wrong.body()));
        assertEquals(before + 2, TestApp.countInPage(app.get("/").body()));
    }

    @Test
    void the_live_site_check_passes_and_adds_nothing_to_the_public_count() {
        app.get("/");
        long before = app.storedCount();
        Processes.Result result = checkLiveSite(SECRET);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("synthetic views 1 -> 2, read back 1"), result.output());
        assertEquals(before, app.storedCount(), "public count after the check");
    }

    @Test
    void the_live_site_check_counts_nothing_when_the_site_does_not_know_its_secret() {
        long before = app.storedCount();
        Processes.Result result = checkLiveSite("not-the-configured-secret-000");
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("does not recognise this SYNTHETIC_CHECK_SECRET"), result.output());
        assertEquals(before, app.storedCount(), "a refused check must not have counted publicly");
    }

    @Test
    void the_live_site_check_refuses_to_run_without_a_secret() {
        Processes.Result result = checkLiveSite("");
        assertNotEquals(0, result.exitCode(), result.output());
        assertEquals(0, app.storedCount());
    }

    @Test
    void a_short_secret_stops_start_up_with_the_rule() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> AppConfig.fromEnvironment(Map.of("SYNTHETIC_CHECK_SECRET", "short")));
        assertTrue(error.getMessage().contains("SYNTHETIC_CHECK_SECRET"), error.getMessage());
    }

    @Test
    void the_script_is_strict_bash() {
        RepoFiles.assertStrictExecutableBash("deploy/check-live-site.sh");
    }

    Processes.Result checkLiveSite(String secret) {
        return Processes.run(List.of("bash", "deploy/check-live-site.sh", app.uri("").toString()),
                Map.of("SYNTHETIC_CHECK_SECRET", secret, "EXTRA_CURL_ARGS", "--noproxy *"), SCRIPT_DEADLINE);
    }

    HttpResponse<String> page(String path, String secret) {
        return app.send(TestApp.navigation(app.uri(path)).header("X-Synthetic-Check", secret).GET().build());
    }
}
