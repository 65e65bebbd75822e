package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/wait-for-environment.sh against a stand-in aws CLI that replays a scripted sequence of
 * describe-environments answers ("Status Health VersionLabel", one per call, the last repeated).
 */
@Tag("integration")
class WaitForEnvironmentTest {
    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final String NEW = "3f2c1a0";
    static final String OLD = "9e8d7c6";

    @TempDir
    Path work;

    @Test
    void succeeds_once_the_environment_is_ready_green_and_on_the_new_version() throws IOException {
        Processes.Result result = waitWith(List.of("Updating Grey " + OLD, "Updating Grey " + NEW, "Ready Green " + NEW), 30);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Ready and Green on " + NEW), result.output());
    }

    @Test
    void keeps_waiting_while_the_new_version_is_not_yet_green() throws IOException {
        Processes.Result result = waitWith(List.of("Updating Grey " + NEW, "Ready Yellow " + NEW, "Ready Green " + NEW), 30);
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(3, describeCalls(), "it went on past Yellow until Green: " + result.output());
    }

    @Test
    void an_update_that_has_not_started_yet_is_not_mistaken_for_a_rollback() throws IOException {
        Processes.Result result = waitWith(List.of("Ready Green " + OLD, "Updating Grey " + OLD, "Ready Green " + NEW), 30);
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void fails_when_the_environment_settles_back_on_the_old_version() throws IOException {
        Processes.Result result = waitWith(List.of("Updating Grey " + OLD, "Updating Red " + OLD, "Ready Green " + OLD), 30);
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("rolled back"), result.output());
        assertTrue(result.output().contains("describe-events"), "it prints the events that explain why: " + result.output());
    }

    @Test
    void fails_when_the_deadline_passes() throws IOException {
        Processes.Result result = waitWith(List.of("Updating Grey " + OLD), 2);
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("Timed out after 2s"), result.output());
    }

    @Test
    void fails_at_once_when_the_environment_does_not_exist() throws IOException {
        // The CLI prints None for a null query result; an empty answer means the same.
        for (String answer : List.of("None", "")) {
            Processes.Result result = waitWith(List.of(answer), 30);
            assertEquals(1, result.exitCode(), result.output());
            assertTrue(result.output().contains("resume-site-web of application resume-site does not exist"), result.output());
            assertEquals(1, describeCalls(), "no waiting for an environment that is not there: " + result.output());
            Files.delete(work.resolve("calls"));
        }
    }

    @Test
    void refuses_to_run_without_application_environment_and_version() {
        Processes.Result result = Processes.run(List.of("bash", "deploy/wait-for-environment.sh", "app"), Map.of(), DEADLINE);
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("usage:"), result.output());
    }

    int describeCalls() throws IOException {
        return Integer.parseInt(Files.readString(work.resolve("calls")).trim());
    }

    @Test
    void the_script_is_strict_executable_bash() {
        RepoFiles.assertStrictExecutableBash("deploy/wait-for-environment.sh");
    }

    /** Runs the script with a one-second poll against the stand-in CLI. */
    Processes.Result waitWith(List<String> answers, int timeoutSeconds) throws IOException {
        Path answersFile = work.resolve("answers");
        Files.write(answersFile, answers);
        Path calls = work.resolve("calls");
        Path fakeAws = work.resolve("aws");
        // describe-events is logged by name so the test can see it was asked for.
        Files.writeString(fakeAws, """
                #!/usr/bin/env bash
                set -euo pipefail
                if [[ "$2" == describe-events ]]; then echo "fake describe-events output"; exit 0; fi
                [[ "$2" == describe-environments ]] || { echo "unexpected call: $*" >&2; exit 64; }
                count=$(( $(cat "%1$s" 2>/dev/null || echo 0) + 1 ))
                echo "$count" > "%1$s"
                total=$(wc -l < "%2$s")
                line=$(( count < total ? count : total ))
                sed -n "${line}p" "%2$s" | tr ' ' '\\t'
                """.formatted(calls, answersFile));
        assertTrue(fakeAws.toFile().setExecutable(true));
        return Processes.run(List.of("bash", "deploy/wait-for-environment.sh", "resume-site", "resume-site-web", NEW,
                Integer.toString(timeoutSeconds), "1"), Map.of("AWS_CLI", fakeAws.toString()), DEADLINE);
    }
}
