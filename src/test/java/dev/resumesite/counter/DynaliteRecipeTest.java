package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.AppProcess;
import dev.resumesite.testing.Dynalite;
import dev.resumesite.testing.Poll;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The README's recipe for running against a local DynamoDB: {@code bin/dynalite} serves the app, and
 * killing the PID it was started with leaves no process and no port behind (with {@code npx dynalite &}
 * that PID was npx's, and node kept the port).
 */
@Tag("integration")
class DynaliteRecipeTest {
    /** Node and dynalite's modules load in about a second; a busy machine may take several. */
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration STOP = Duration.ofSeconds(10);

    @Test
    void killing_the_pid_of_bin_dynalite_leaves_no_process_and_frees_the_port() throws Exception {
        int port = Dynalite.freePort();
        Process dynalite = startBinDynalite(port);
        try {
            Optional<String> command = dynalite.info().command();
            assertTrue(command.orElse("").endsWith("node"), "the started PID is node itself (exec), not a shell: " + command);

            new ProcessBuilder("kill", Long.toString(dynalite.pid())).inheritIO().start().waitFor();
            Poll.until(STOP, "bin/dynalite to exit", () -> !dynalite.isAlive());

            assertFalse(Dynalite.accepts(port), "nothing listens on " + port + " any more");
            assertTrue(dynaliteOn(port).isEmpty(), "no dynalite process on port " + port + " is left: " + dynaliteOn(port));
        } finally {
            dynalite.destroyForcibly();
        }
    }

    @Test
    void the_app_starts_against_bin_dynalite_with_the_recipes_settings() throws Exception {
        int port = Dynalite.freePort();
        Process dynalite = startBinDynalite(port);
        try {
            try (AppProcess app = AppProcess.start(Map.of(
                    "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local", "COUNTER_STORE", "dynamodb",
                    "DYNAMODB_ENDPOINT", "http://127.0.0.1:" + port, "DYNAMODB_CREATE_TABLE", "true"))) {
                HttpResponse<Void> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.uri("/healthz")).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertEquals(200, health.statusCode());
                String line = app.output().stream().filter(output -> output.startsWith("resume-site: listening on")).findFirst().orElseThrow();
                assertTrue(line.contains("counting in DynamoDB table resume-site-counters at http://127.0.0.1:" + port), line);
            }
        } finally {
            dynalite.destroyForcibly();
            Poll.until(STOP, "bin/dynalite to exit", () -> !dynalite.isAlive());
        }
    }

    /** Starts bin/dynalite as the README says and waits until it listens. */
    private static Process startBinDynalite(int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of("bin", "dynalite").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DYNALITE_PORT", Integer.toString(port));
        Process dynalite = builder.start();
        try {
            Poll.until(START, "bin/dynalite to listen on " + port, () -> dynalite.isAlive() && Dynalite.accepts(port));
        } catch (AssertionError e) {
            dynalite.destroyForcibly();
            throw e;
        }
        return dynalite;
    }

    /** Every live process whose command line is a dynalite on this port, whoever started it. */
    private static List<ProcessHandle> dynaliteOn(int port) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine()
                        .map(line -> line.contains("dynalite") && line.contains("--port " + port)).orElse(false))
                .toList();
    }
}
