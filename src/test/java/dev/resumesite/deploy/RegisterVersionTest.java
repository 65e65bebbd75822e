package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/register-version.sh against a stand-in aws CLI that logs every call: the version's
 * description names the SHA-256 of the jar that was tested, and no other jar is ever registered.
 */
@Tag("integration")
class RegisterVersionTest {
    static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path work;
    Path jar;
    Path bundle;
    String digest;

    @BeforeEach
    void files() throws Exception {
        jar = work.resolve("resume-site.jar");
        Files.write(jar, "the tested jar".getBytes());
        bundle = work.resolve("deploy-bundle.zip");
        Files.write(bundle, "zip".getBytes());
        digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
    }

    @Test
    void registers_the_version_with_the_jar_digest_in_its_description() throws IOException {
        Processes.Result result = register("None", Map.of("EXPECTED_JAR_SHA256", digest, "GITHUB_REPOSITORY", "o/r",
                "GITHUB_RUN_ID", "77"));
        assertEquals(0, result.exitCode(), result.output());
        String calls = calls();
        assertTrue(calls.contains("s3 cp " + bundle + " s3://bucket-1/bundles/abc123.zip"), calls);
        assertTrue(calls.contains("create-application-version --application-name resume-site --version-label abc123"
                + " --description jar sha256:" + digest + " o/r@abc123 run 77"), calls);
        assertTrue(calls.contains("S3Bucket=bucket-1,S3Key=bundles/abc123.zip"), calls);
    }

    @Test
    void refuses_a_jar_other_than_the_one_the_test_job_recorded() throws IOException {
        Processes.Result result = register("None", Map.of("EXPECTED_JAR_SHA256", "0".repeat(64)));
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("refusing to ship an untested jar"), result.output());
        assertFalse(calls().contains("s3 cp") || calls().contains("create-application-version"), calls());
    }

    @Test
    void a_rerun_of_the_same_commit_reuses_its_version() throws IOException {
        Processes.Result result = register("jar sha256:" + digest + " o/r@abc123 run 76", Map.of());
        assertEquals(0, result.exitCode(), result.output());
        assertFalse(calls().contains("create-application-version"), calls());
    }

    @Test
    void an_existing_label_holding_another_jar_is_never_overwritten() throws IOException {
        Processes.Result result = register("jar sha256:" + "f".repeat(64) + " o/r@abc123 run 1", Map.of());
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("already exists with another jar"), result.output());
        assertFalse(calls().contains("create-application-version") || calls().contains("s3 cp"), calls());
    }

    @Test
    void the_script_is_strict_executable_bash() {
        RepoFiles.assertStrictExecutableBash("deploy/register-version.sh");
    }

    /** Runs the script; the stand-in answers describe-application-versions with {@code existingDescription}. */
    Processes.Result register(String existingDescription, Map<String, String> env) throws IOException {
        Path fakeAws = work.resolve("aws");
        Files.writeString(fakeAws, """
                #!/usr/bin/env bash
                set -euo pipefail
                echo "$*" >> "%1$s"
                if [[ "$2" == describe-application-versions ]]; then echo "%2$s"; fi
                """.formatted(work.resolve("calls"), existingDescription));
        assertTrue(fakeAws.toFile().setExecutable(true));
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("AWS_CLI", fakeAws.toString());
        return Processes.run(List.of("bash", "deploy/register-version.sh", jar.toString(), bundle.toString(),
                "resume-site", "abc123", "bucket-1"), all, DEADLINE);
    }

    String calls() throws IOException {
        Path calls = work.resolve("calls");
        return Files.exists(calls) ? Files.readString(calls) : "";
    }
}
