package dev.resumesite.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The site as its own operating-system process ({@code dev.resumesite.Main} on the test class path),
 * for what only a real process shows: restarts, {@code kill -9}, SIGTERM and start-up errors.
 */
public final class AppProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+)/");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private AppProcess(Map<String, String> env) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "dev.resumesite.Main").redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("COUNTER_") || name.startsWith("DYNAMODB_"));
        builder.environment().put("PORT", "0");
        builder.environment().putAll(TestApp.COUNT_EVERY_REQUEST);
        builder.environment().putAll(env);
        process = builder.start();
        Thread reader = new Thread(this::readOutput, "app-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the process and waits until it listens; fails with its output if it exits instead. */
    public static AppProcess start(Map<String, String> env) {
        AppProcess app = launch(env);
        try {
            app.port.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            app.close();
            throw new AssertionError("the app did not start listening; output:\n" + String.join("\n", app.output), e);
        }
        return app;
    }

    /** Starts the process without waiting, for tests that expect it to refuse to start. */
    public static AppProcess launch(Map<String, String> env) {
        try {
            return new AppProcess(env);
        } catch (IOException e) {
            throw new AssertionError("could not launch java", e);
        }
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            output.add("(output closed: " + e.getMessage() + ")");
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port.join() + path);
    }

    /** Waits for the process to exit by itself and returns its exit code. */
    public int waitForExit(Duration deadline) {
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the app did not exit within " + deadline + "; output:\n" + String.join("\n", output));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGKILL: no shutdown hook runs, as in a crash. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
    }

    /**
     * SIGTERM, as Elastic Beanstalk and Docker send on every deploy. Sent with kill(1) because
     * {@link Process#destroy()} also closes our end of the output, and the shutdown log matters here.
     */
    public void terminate() {
        try {
            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new AssertionError("could not send SIGTERM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(10));
        }
    }
}
