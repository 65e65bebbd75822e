package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.Dynalite;
import dev.resumesite.testing.Poll;
import dev.resumesite.testing.TestApp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * bundle behind the platform's nginx, CloudFront-like proxy in front), idle or stuck in a request head
 * fed a byte per visitor, while visitors come through the proxy: each still gets the counted page
 * within a second. What holds it: the platform's nginx has 1,024 connections per worker, and when they
 * run out it drops idle connections to make room ("worker_connections are not enough") and turns new
 * ones away, while the proxy, like CloudFront and the load balancer, reaches nginx over connections it
 * already holds. On AWS nobody but the load balancer can open a connection to nginx at all. Bounded:
 * 5,000 loopback connections, held for the seconds the visitors take.
 */
@Tag("integration")
class FrontFloodIT {
    private static final int FLOOD = 5_000;
    private static final int VISITORS = 8;
    private static final long VISITOR_BUDGET_MS = 1_000;
    private static final Duration FLOOD_SET_UP = Duration.ofSeconds(30);

    @TempDir
    static Path work;
    static Dynalite dynalite;
    static ElasticBeanstalkSimulation instance;
    static CloudFrontSimulation cloudFront;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void deploy() {
        Path jar = RepoFiles.path("target/resume-site.jar");
        assertTrue(Files.isRegularFile(jar), "no target/resume-site.jar: this test runs after `mvn package` (mvn verify)");
        dynalite = Dynalite.startInMemory();
        instance = ElasticBeanstalkSimulation.start(ElasticBeanstalkSimulation.buildBundle(jar, work),
                ElasticBeanstalkSimulation.stackEnvironment(dynalite, BundleBehindCloudFrontIT.ORIGIN_SECRET,
                        BundleBehindCloudFrontIT.SYNTHETIC_SECRET));
        cloudFront = CloudFrontSimulation.start(instance.uri(""), BundleBehindCloudFrontIT.ORIGIN_SECRET);
    }

    @AfterAll
    static void tearDown() {
        ElasticBeanstalkSimulation.tearDown(cloudFront, instance, dynalite);
    }

    @Test
    void visitors_get_the_page_within_a_second_while_one_address_holds_5000_idle_connections_to_nginx() throws Exception {
        flood(new byte[0]);
    }

    @Test
    void visitors_get_the_page_within_a_second_while_one_address_holds_5000_slow_requests_to_nginx() throws Exception {
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
            for (int visitor = 1; visitor <= VISITORS; visitor++) {
                HttpRequest page = TestApp.navigation(cloudFront.uri("/")).timeout(Duration.ofSeconds(10))
                        .header(CloudFrontSimulation.VIEWER_ADDRESS_HEADER, "198.51.100." + visitor + ":5000" + visitor).build();
                long started = System.nanoTime();
                HttpResponse<String> response = http.send(page, HttpResponse.BodyHandlers.ofString());
                long tookMs = (System.nanoTime() - started) / 1_000_000;
                System.out.println("visitor " + visitor + ": " + response.statusCode() + " in " + tookMs + " ms");
                assertEquals(200, response.statusCode());
                assertTrue(tookMs < VISITOR_BUDGET_MS, "visitor " + visitor + " waited " + tookMs + " ms during the flood");
                for (SocketChannel channel : flood) {
                    write(channel, firstBytes.length == 0 ? firstBytes : new byte[] {'a'});
                }
            }
        } finally {
            for (SocketChannel channel : flood) {
                channel.close();
            }
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
