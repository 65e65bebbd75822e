package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.resumesite.App;
import dev.resumesite.config.AppConfig;
import dev.resumesite.config.ConfigException;
import dev.resumesite.testing.AppProcess;
import dev.resumesite.testing.Dynalite;
import dev.resumesite.testing.DynaliteExtension;
import dev.resumesite.testing.Poll;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator gets wrong stops start-up in a real process: exit 2, one line naming the setting
 * and the fix, no stack trace, and no thread left that keeps the process alive.
 */
@Tag("integration")
@ExtendWith(DynaliteExtension.class)
class StartUpFailureTest {
    /** A cold JVM on a busy machine: this is a start-up budget, not a page budget. */
    private static final Duration START_UP = Duration.ofSeconds(60);

    @Test
    void a_port_in_use_stops_start_up(@TempDir Path data) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            assertRefusedWithOneLine(Map.of("PORT", Integer.toString(taken.getLocalPort()), "DATA_DIR", data.toString()),
                    "PORT=" + taken.getLocalPort() + ": cannot listen", "choose another PORT");
        }
    }

    @Test
    void a_failed_start_in_process_leaves_no_thread_that_keeps_the_jvm_alive(@TempDir Path data) throws IOException {
        Set<Thread> before = nonDaemonThreads();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            AppConfig config = AppConfig.fromEnvironment(Map.of("PORT", Integer.toString(taken.getLocalPort()),
                    "DATA_DIR", data.toString()));
            assertThrows(ConfigException.class, () -> App.assemble(config).start());
        }
        Poll.until(Duration.ofSeconds(10), "the failed start's threads to end", () -> {
            Set<Thread> left = nonDaemonThreads();
            left.removeAll(before);
            return left.isEmpty();
        });
    }

    private static Set<Thread> nonDaemonThreads() {
        Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
        threads.removeIf(thread -> thread.isDaemon() || !thread.isAlive());
        return threads;
    }

    @Test
    void an_unusable_data_directory_stops_start_up(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "x");
        assertRefusedWithOneLine(Map.of("DATA_DIR", notADirectory.resolve("data").toString()),
                "DATA_DIR=" + notADirectory.resolve("data"), "point DATA_DIR at a writable directory");
    }

    @Test
    void a_wrong_table_name_stops_start_up(Dynalite dynalite) {
        assertRefusedWithOneLine(Map.of(
                        "COUNTER_STORE", "dynamodb",
                        "DYNAMODB_ENDPOINT", dynalite.endpoint().toString(),
                        "DYNAMODB_TABLE", "no-such-table",
                        "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"),
                "DYNAMODB_TABLE=no-such-table: no such table", "create it with infra/stack.yml");
    }

    @Test
    void a_role_without_access_to_the_table_stops_start_up() throws IOException {
        HttpServer denying = deniesEverything();
        try {
            assertRefusedWithOneLine(Map.of(
                            "COUNTER_STORE", "dynamodb",
                            "DYNAMODB_ENDPOINT", "http://127.0.0.1:" + denying.getAddress().getPort(),
                            "DYNAMODB_TABLE", "counters",
                            "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"),
                    "DYNAMODB_TABLE=counters: the app's AWS role may not use this table", "grant dynamodb:GetItem and dynamodb:UpdateItem");
        } finally {
            denying.stop(0);
        }
    }

    /** What DynamoDB answers a role without permission (the shape of its JSON error responses). */
    private static HttpServer deniesEverything() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("{\"__type\":\"com.amazon.coral.service#AccessDeniedException\",\"Message\":\"User: "
                    + "arn:aws:sts::123456789012:assumed-role/app/i-0 is not authorized to perform: dynamodb:GetItem\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static void assertRefusedWithOneLine(Map<String, String> env, String names, String fix) {
        try (AppProcess app = AppProcess.launch(env)) {
            assertEquals(2, app.waitForExit(START_UP), "exit code 2; output:\n" + String.join("\n", app.output()));
            List<String> errors = app.output().stream().filter(line -> line.contains("configuration error")).toList();
            String output = String.join("\n", app.output());
            assertEquals(1, errors.size(), output);
            assertTrue(errors.get(0).contains(names) && errors.get(0).contains(fix), errors.get(0));
            assertFalse(output.contains("\tat ") || output.contains("Exception in thread"), "no stack trace:\n" + output);
        }
    }
}
