package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.Dynalite;
import dev.resumesite.testing.Poll;
import dev.resumesite.testing.TestApp;
import dev.resumesite.web.HttpPolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One address opens 5,000 connections straight to nginx of the production-like front (the deploy
 * bundle's own nginx.conf in front of the app), idle or stuck in a request head fed a byte per visitor,
 * while 20 visitors each open a new connection to nginx, as CloudFront or the load balancer does when
 * it needs one: every one is served the page within 3 s. What holds it: the bundle's nginx.conf
 * gives each worker 8,192 connections (the platform's 1,024 ran out, and nginx then reset new
 * connections) and drops a request head still incomplete after 10 s. On AWS nobody but CloudFront (or
 * the load balancer) can open a connection to nginx at all. Bounded: 5,000 loopback connections, held
 * for the seconds the visitors take.
 */
@Tag("integration")
class FrontFloodIT {
    private static final int FLOOD = 5_000;
    private static final int VISITORS = 20;
    /**
     * Well under the 10 s nginx gives a request head, which is how long a visitor queued behind the flood
     * would wait, and wide enough for a shared 2-core machine (one visitor took 1.4 s with two suites and
     * stress-ng beside it); a quiet machine serves each in tens of milliseconds.
     */
    private static final long VISITOR_BUDGET_MS = 3_000;
    private static final Duration FLOOD_SET_UP = Duration.ofSeconds(30);

    @TempDir
    static Path work;
    static Dynalite dynalite;
    static ElasticBeanstalkSimulation instance;

    @BeforeAll
    static void deploy() {
        Path jar = RepoFiles.path("target/resume-site.jar");
        assertTrue(Files.isRegularFile(jar), "no target/resume-site.jar: this test runs after `mvn package` (mvn verify)");
        dynalite = Dynalite.startInMemory();
        instance = ElasticBeanstalkSimulation.start(ElasticBeanstalkSimulation.buildBundle(jar, work),
                ElasticBeanstalkSimulation.stackEnvironment(dynalite, BundleBehindCloudFrontIT.ORIGIN_SECRET,
                        BundleBehindCloudFrontIT.SYNTHETIC_SECRET));
    }

    @AfterAll
    static void tearDown() {
        ElasticBeanstalkSimulation.tearDown(null, instance, dynalite);
    }

    @Test
    void visitors_get_the_page_without_waiting_while_one_address_holds_5000_idle_connections_to_nginx() throws Exception {
        flood(new byte[0]);
    }

    @Test
    void visitors_get_the_page_without_waiting_while_one_address_holds_5000_slow_requests_to_nginx() throws Exception {
        flood("GET / HTTP/1.1\r\nHost: resume.example\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
    }

    private void flood(byte[] firstBytes) throws Exception {
        InetSocketAddress nginx = new InetSocketAddress("127.0.0.1", instance.uri("").getPort());
        List<SocketChannel> flood = new ArrayList<>();
        try {
            for (int i = 0; i < FLOOD; i++) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.connect(nginx);
                flood.add(channel);
            }
            Poll.until(FLOOD_SET_UP, "5,000 connections established", () -> flood.stream().allMatch(FrontFloodIT::connected));
            for (SocketChannel channel : flood) {
                write(channel, firstBytes);
            }
            List<String> notServed = new ArrayList<>();
            for (int visitor = 1; visitor <= VISITORS; visitor++) {
                long started = System.nanoTime();
                String statusLine = pageOverANewConnection(nginx, visitor);
                long tookMs = (System.nanoTime() - started) / 1_000_000;
                System.out.println("visitor " + visitor + ": " + statusLine + " in " + tookMs + " ms");
                if (!statusLine.startsWith("HTTP/1.1 200 ") || tookMs >= VISITOR_BUDGET_MS) {
                    notServed.add("visitor " + visitor + ": " + statusLine + " in " + tookMs + " ms");
                }
                for (SocketChannel channel : flood) {
                    write(channel, firstBytes.length == 0 ? firstBytes : new byte[] {'a'});
                }
            }
            assertEquals(List.of(), notServed, VISITORS + " new connections during the flood, each served within "
                    + VISITOR_BUDGET_MS + " ms; nginx: " + instance.nginxErrorLog().lines().filter(l -> !l.contains("too large")).limit(5).toList());
        } finally {
            for (SocketChannel channel : flood) {
                channel.close();
            }
        }
    }

    /** GET / as CloudFront sends it, on a connection of its own; the status line, or what went wrong. */
    private static String pageOverANewConnection(InetSocketAddress nginx, int visitor) {
        try (Socket socket = new Socket()) {
            socket.connect(nginx, 5_000);
            socket.setSoTimeout(10_000);
            String request = "GET / HTTP/1.1\r\nHost: resume.example\r\nUser-Agent: " + TestApp.BROWSER
                    + "\r\nAccept: text/html\r\nX-Forwarded-For: 198.51.100." + visitor
                    + "\r\n" + HttpPolicy.ORIGIN_HEADER + ": " + BundleBehindCloudFrontIT.ORIGIN_SECRET + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return response.isEmpty() ? "(connection closed without an answer)" : response.lines().findFirst().orElse("");
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static void write(SocketChannel channel, byte[] bytes) {
        try {
            channel.write(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            // nginx closed this flood connection to make room: that is how it sheds a flood.
        }
    }

    private static boolean connected(SocketChannel channel) {
        try {
            return channel.isConnected() || channel.finishConnect();
        } catch (IOException e) {
            throw new AssertionError("a flood connection was refused", e);
        }
    }
}
