package dev.resumesite.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion within a deadline, capturing its combined output; never leaves it running. */
final class Processes {
    private Processes() {
    }

    record Result(int exitCode, String output) {
    }

    static Result run(List<String> command, Map<String, String> environment, Duration deadline) {
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("deploy-test-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(RepoFiles.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            process = builder.start();
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(String.join(" ", command) + " still running after " + deadline.toSeconds()
                        + " s; output so far:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } finally {
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            if (output != null && !output.toFile().delete()) {
                output.toFile().deleteOnExit();
            }
        }
    }
}
