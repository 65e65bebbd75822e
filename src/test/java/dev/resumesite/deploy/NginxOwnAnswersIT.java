package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.Dynalite;
import dev.resumesite.web.HttpPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answers nginx gives itself, from the bundle's .platform/nginx/nginx.conf: a body over the app's
 * limit (413), the app down (502), the app silent past proxy_read_timeout (504). Each carries the
 * app's security headers and no-store, like every answer of the app. Two nginx instances, no app: one
 * in front of a port nobody listens on, one in front of a socket that accepts and never answers.
 */
@Tag("integration")
class NginxOwnAnswersIT {
    /** proxy_read_timeout (10 s, .platform/nginx/conf.d/10-proxy-limits.conf) plus a loaded machine's margin. */
    private static final Duration SILENT_APP_TIMEOUT = Duration.ofSeconds(40);

    @TempDir
    static Path work;
    static ServerSocket silentApp;
    static final List<Socket> heldBySilentApp = new ArrayList<>();
    static Thread acceptor;
    static ElasticBeanstalkSimulation appDown;
    static ElasticBeanstalkSimulation appSilent;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        Path jar = RepoFiles.path("target/resume-site.jar");
        assertTrue(Files.isRegularFile(jar), "no target/resume-site.jar: this test runs after `mvn package` (mvn verify)");
        Path bundle = ElasticBeanstalkSimulation.buildBundle(jar, work);
        silentApp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!silentApp.isClosed()) {
                try {
                    Socket socket = silentApp.accept();
                    synchronized (heldBySilentApp) {
                        heldBySilentApp.add(socket);
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        }, "silent-app");
        acceptor.start();
        appSilent = ElasticBeanstalkSimulation.startNginxOnly(bundle, silentApp.getLocalPort());
        appDown = ElasticBeanstalkSimulation.startNginxOnly(bundle, Dynalite.freePort());
    }

    @AfterAll
    static void stop() throws Exception {
        ElasticBeanstalkSimulation.tearDown(null, appDown, null);
        ElasticBeanstalkSimulation.tearDown(null, appSilent, null);
        if (silentApp != null) {
            silentApp.close();
            acceptor.join(5_000);
        }
        synchronized (heldBySilentApp) {
            for (Socket socket : heldBySilentApp) {
                socket.close();
            }
        }
    }

    @Test
    void an_8_kb_post_to_the_counting_api_is_refused_by_nginx_with_our_headers() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(appDown.uri("/api/views"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(8 * 1024))));
        assertEquals(413, response.statusCode(), response.body());
        assertOurHeaders(response);
        assertTrue(appDown.nginxErrorLog().contains("client intended to send too large body"), appDown.nginxErrorLog());
    }

    @Test
    void nginx_takes_exactly_the_body_the_app_takes() throws Exception {
        // One byte over the app's limit is nginx's 413; the limit itself reaches the app (here: down, 502).
        int limit = HttpPolicy.MAX_BODY_BYTES;
        assertEquals(413, send(post(appDown, limit + 1)).statusCode());
        assertEquals(502, send(post(appDown, limit)).statusCode());
    }

    @Test
    void the_app_down_is_a_502_with_our_headers() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(appDown.uri("/")));
        assertEquals(502, response.statusCode());
        assertOurHeaders(response);
        assertEquals("502\n", response.body());
    }

    @Test
    void the_app_silent_past_the_proxy_timeout_is_a_504_with_our_headers() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(appSilent.uri("/")).timeout(SILENT_APP_TIMEOUT)
                .header("CloudFront-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(504, response.statusCode());
        assertOurHeaders(response);
        assertEquals(List.of(HttpPolicy.HSTS), response.headers().allValues("Strict-Transport-Security"),
                "the viewer used HTTPS at the edge");
    }

    @Test
    void hsts_only_when_the_viewer_used_https_at_the_edge() throws Exception {
        HttpResponse<String> plain = send(HttpRequest.newBuilder(appDown.uri("/")));
        assertTrue(plain.headers().firstValue("Strict-Transport-Security").isEmpty(), plain.headers().map().toString());
        HttpResponse<String> https = send(HttpRequest.newBuilder(appDown.uri("/")).header("CloudFront-Forwarded-Proto", "https"));
        assertEquals(List.of(HttpPolicy.HSTS), https.headers().allValues("Strict-Transport-Security"));
    }

    @Test
    void the_error_location_cannot_be_requested_from_outside() throws Exception {
        assertEquals(404, send(HttpRequest.newBuilder(appDown.uri("/__nginx_error"))).statusCode());
    }

    private static void assertOurHeaders(HttpResponse<String> response) {
        for (Map.Entry<String, String> header : HttpPolicy.SECURITY_HEADERS.entrySet()) {
            assertEquals(List.of(header.getValue()), response.headers().allValues(header.getKey()), header.getKey());
        }
        assertEquals(List.of(HttpPolicy.NO_STORE), response.headers().allValues("Cache-Control"));
        assertTrue(response.headers().firstValue("Server").map(server -> !server.matches(".*\\d.*")).orElse(true),
                "no nginx version: " + response.headers().firstValue("Server"));
    }

    private static HttpRequest.Builder post(ElasticBeanstalkSimulation nginx, int bytes) {
        return HttpRequest.newBuilder(nginx.uri("/api/views")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(bytes)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
