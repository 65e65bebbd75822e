package dev.resumesite.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real DynamoDB-compatible server (the npm package dynalite, installed by {@code npm ci}) on a free
 * loopback port. Started and stopped by the tests that use it; optionally kept on disk so a restart
 * finds the same data.
 */
public final class Dynalite implements AutoCloseable {
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";

    private final Path dataDir;
    private final Path log;
    private int port;
    private Process process;

    private Dynalite(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        this.log = Files.createTempFile("dynalite", ".log");
    }

    /** A server that keeps its tables in memory. */
    public static Dynalite startInMemory() {
        return start(null);
    }

    /** A server that keeps its tables under {@code dataDir}, so it can be killed and restarted. */
    public static Dynalite start(Path dataDir) {
        try {
            Dynalite dynalite = new Dynalite(dataDir);
            dynalite.port = freePort();
            dynalite.launch();
            return dynalite;
        } catch (IOException e) {
            throw new IllegalStateException("dynalite did not start: " + e.getMessage(), e);
        }
    }

    private void launch() throws IOException {
        Path cli = Path.of("node_modules", "dynalite", "cli.js").toAbsolutePath();
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException(cli + " is missing: run `npm ci` (bin/test does it)");
        }
        List<String> command = new ArrayList<>(List.of("node", cli.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        if (dataDir != null) {
            command.addAll(List.of("--path", dataDir.toString()));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Poll.until(Duration.ofSeconds(20), "dynalite to listen on port " + port + " (log: " + log + ")",
                () -> process.isAlive() && accepts(port));
    }

    /** Kills the server the hard way, as an outage would. */
    public void kill() {
        process.destroyForcibly();
        Poll.until(Duration.ofSeconds(10), "dynalite to exit", () -> !process.isAlive());
    }

    /** Starts again on the same port and data directory after {@link #kill()}. */
    public void restart() {
        try {
            launch();
        } catch (IOException e) {
            throw new IllegalStateException("dynalite did not restart", e);
        }
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public DynamoDbClient client() {
        return clientVia(endpoint());
    }

    /** A client of this dynalite reached through {@code endpoint} (a proxy in front of it). */
    public static DynamoDbClient clientVia(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether something accepts TCP connections on the loopback port now. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
