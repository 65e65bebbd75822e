package dev.resumesite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.TestApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HSTS follows the visitor's scheme only when a trusted proxy reports it; the origin secret keeps strangers out. */
@Tag("integration")
class BehindProxyTest {
    @TempDir
    Path dataDir;

    @Test
    void hsts_is_sent_when_a_trusted_proxy_reports_https() {
        try (TestApp app = TestApp.start(Map.of("DATA_DIR", dataDir.toString(), "TRUSTED_PROXIES", "127.0.0.1/32,::1/128"))) {
            assertEquals(HttpPolicy.HSTS, hsts(app, "https").orElseThrow());
            assertTrue(hsts(app, "http").isEmpty());
        }
    }

    @Test
    void forwarding_headers_from_an_untrusted_peer_are_ignored() {
        try (TestApp app = TestApp.embedded(dataDir)) {
            assertTrue(hsts(app, "https").isEmpty());
        }
    }

    @Test
    void with_an_origin_secret_only_requests_carrying_it_are_served_and_counted() {
        String secret = "s3cret-from-the-stack-0123456789";
        try (TestApp app = TestApp.start(TestApp.patient(Map.of("DATA_DIR", dataDir.toString(), "ORIGIN_SECRET", secret)))) {
            HttpResponse<String> stranger = app.get("/");
            assertEquals(403, stranger.statusCode());
            assertEquals(403, app.send(TestApp.browser(app.uri("/")).header(HttpPolicy.ORIGIN_HEADER, secret + "x").build()).statusCode());
            assertEquals(200, app.get("/healthz").statusCode(), "the load balancer's health check carries no secret");
            HttpResponse<String> viaCdn = app.send(TestApp.navigation(app.uri("/")).header(HttpPolicy.ORIGIN_HEADER, secret).build());
            assertEquals(200, viaCdn.statusCode());
            assertEquals(1, TestApp.countInPage(viaCdn.body()), "the refused requests were not counted");
        }
    }

    private static java.util.Optional<String> hsts(TestApp app, String proto) {
        HttpResponse<String> response = app.send(TestApp.browser(app.uri("/healthz"))
                .header("X-Forwarded-Proto", proto).build());
        return response.headers().firstValue("Strict-Transport-Security");
    }
}
