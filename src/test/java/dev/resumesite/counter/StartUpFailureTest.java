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
import dev.resumesite.testing.TestApp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
    void a_bind_address_that_is_not_this_machines_stops_start_up(@TempDir Path data) {
        // 192.0.2.1 is reserved for documentation (RFC 5737): no machine has it, and binding sends nothing.
        assertRefusedWithOneLine(Map.of("BIND_ADDRESS", "192.0.2.1", "DATA_DIR", data.toString()),
                "BIND_ADDRESS=192.0.2.1: cannot listen", "use 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)");
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

    @ParameterizedTest(name = "DYNAMODB_CREATE_TABLE={0}")
    @ValueSource(strings = {"false", "true"})
    void an_endpoint_where_nothing_listens_stops_start_up_within_five_seconds_with_one_line(String createTable) throws IOException {
        int closed = Dynalite.freePort(); // Nothing listens there: every connection is refused.
        Map<String, String> refused = Map.of(
                "COUNTER_STORE", "dynamodb",
                "DYNAMODB_ENDPOINT", "http://127.0.0.1:" + closed,
                "DYNAMODB_CREATE_TABLE", createTable,
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local");
        long started = System.nanoTime();
        List<String> output = assertRefusedWithOneLine(refused, "DYNAMODB_ENDPOINT=http://127.0.0.1:" + closed
                + ": nothing is listening there (connection refused)", "start the server (bin/dynalite for local runs)");
        Duration refusing = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(1, output.size(), "that line is all it prints, no warnings before it:\n" + String.join("\n", output));

        // The same process stopped by a server that answers at once: what a cold JVM takes on this machine now.
        HttpServer denying = deniesEverything();
        long baselineStarted = System.nanoTime();
        try {
            assertRefusedWithOneLine(TestApp.with(refused, Map.of("DYNAMODB_ENDPOINT", "http://127.0.0.1:" + denying.getAddress().getPort())),
                    "the app's AWS role may not use this table", "grant dynamodb:GetItem");
        } finally {
            denying.stop(0);
        }
        Duration baseline = Duration.ofNanos(System.nanoTime() - baselineStarted);
        assertTrue(refusing.minus(baseline).compareTo(Duration.ofSeconds(5)) < 0,
                "a refused endpoint stopped start-up in " + refusing.toMillis() + " ms, a denying one in " + baseline.toMillis() + " ms");
    }

    /**
     * No credentials anywhere: none in the environment, no profile files, no instance metadata (disabled,
     * so nothing is asked of 169.254.169.254). "Production" has no DYNAMODB_ENDPOINT; the SDK's own
     * AWS_ENDPOINT_URL_DYNAMODB points it at loopback, so nothing can leave this machine either way.
     */
    @ParameterizedTest(name = "{0}, DYNAMODB_CREATE_TABLE={1}")
    @CsvSource({"production, false", "production, true", "local endpoint, false", "local endpoint, true"})
    void missing_credentials_stop_start_up_with_the_credentials_fix_in_every_mode(String mode, String createTable, Dynalite dynalite,
            @TempDir Path home) {
        Map<String, String> env = new HashMap<>(Map.of(
                "COUNTER_STORE", "dynamodb",
                "DYNAMODB_CREATE_TABLE", createTable,
                "AWS_ACCESS_KEY_ID", "", "AWS_SECRET_ACCESS_KEY", "", "AWS_SESSION_TOKEN", "",
                "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString(),
                "AWS_CONFIG_FILE", home.resolve("config").toString()));
        if (mode.equals("production")) {
            env.putAll(Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString()));
        } else {
            env.put("DYNAMODB_ENDPOINT", dynalite.endpoint().toString());
        }
        String line = assertRefusedWithOneLine(env, "no AWS credentials found",
                "locally set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY").stream()
                .filter(output -> output.contains("configuration error")).findFirst().orElseThrow();
        assertFalse(line.contains("DYNAMODB_ENDPOINT"), "the fix is the credentials, not the endpoint: " + line);
    }

    /**
     * Production (no DYNAMODB_ENDPOINT) keeps riding out an outage: DynamoDB away at start-up, the site
     * starts anyway, the visit waits in the backlog and reaches the table once DynamoDB is back. The SDK's
     * AWS_ENDPOINT_URL_DYNAMODB stands in for AWS's own endpoint, on loopback.
     */
    @Test
    void without_an_endpoint_an_unreachable_dynamodb_at_start_up_is_ridden_out(@TempDir Path data) throws Exception {
        String table = "away-at-start-up";
        try (Dynalite disk = Dynalite.start(data)) {
            try (DynamoDbClient client = disk.client()) {
                DynamoDbClients.createTableIfMissing(client, table);
            }
            disk.kill();
            try (AppProcess app = AppProcess.start(TestApp.patient(Map.of(
                    "COUNTER_STORE", "dynamodb", "DYNAMODB_TABLE", table, "AWS_REGION", "us-east-1",
                    "AWS_ENDPOINT_URL_DYNAMODB", disk.endpoint().toString(),
                    "AWS_ACCESS_KEY_ID", Dynalite.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", Dynalite.SECRET_KEY)))) {
                HttpClient http = HttpClient.newHttpClient();
                assertEquals(200, http.send(TestApp.navigation(app.uri("/")).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
                String away = http.send(HttpRequest.newBuilder(app.uri("/healthz")).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(away.contains("\"store\":\"down\""), away);

                disk.restart();
                Poll.until(Duration.ofSeconds(60), "the visit to reach DynamoDB once it is back", () ->
                        health(http, app).startsWith("{\"status\":\"ok\"") && health(http, app).contains("\"pending\":0"));
                assertEquals(1, DynamoDbFaultsTest.storedCount(disk, table), "the visit made while DynamoDB was away is stored");
            }
        }
    }

    private static String health(HttpClient http, AppProcess app) {
        try {
            return http.send(HttpRequest.newBuilder(app.uri("/healthz")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
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

    /** Returns what the process printed. */
    private static List<String> assertRefusedWithOneLine(Map<String, String> env, String names, String fix) {
        try (AppProcess app = AppProcess.launch(env)) {
            assertEquals(2, app.waitForExit(START_UP), "exit code 2; output:\n" + String.join("\n", app.output()));
            List<String> errors = app.output().stream().filter(line -> line.contains("configuration error")).toList();
            String output = String.join("\n", app.output());
            assertEquals(1, errors.size(), output);
            assertTrue(errors.get(0).contains(names) && errors.get(0).contains(fix), errors.get(0));
            assertFalse(output.contains("\tat ") || output.contains("Exception in thread"), "no stack trace:\n" + output);
            return app.output().stream().filter(line -> !line.isBlank()).toList();
        }
    }
}
