package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.counter.CounterKey;
import dev.resumesite.counter.DayShare;
import dev.resumesite.counter.Dimension;
import dev.resumesite.counter.DynamoDbCounterStore;
import dev.resumesite.testing.Dynalite;
import dev.resumesite.testing.PageLoad;
import dev.resumesite.testing.Poll;
import dev.resumesite.testing.TestApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real deploy bundle (deploy/build-bundle.sh around the jar `mvn package` just built, the one
 * CI uploads and the deploy job ships) run the way Elastic Beanstalk's Java SE platform runs it,
 * behind Debian's nginx with the platform's configuration and the bundle's additions, with a
 * CloudFront-like proxy in front, against dynalite. The browser suite runs through the same set-up
 * in {@code CounterInBrowserBehindCloudFrontIT}; this class checks what a browser cannot see.
 */
@Tag("integration")
class BundleBehindCloudFrontIT {
    static final String ORIGIN_SECRET = "origin-secret-for-the-simulation-0123";
    static final String SYNTHETIC_SECRET = "synthetic-check-for-the-simulation-0123";
    /** A page through two proxies on a busy 2-core machine; start-up has its own budget. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** What a t4g.micro (1 GiB) leaves the app after the OS, the platform's agents and nginx, with a margin. */
    static final long APP_MEMORY_BUDGET_MB = 320;

    @TempDir
    static Path work;
    static Dynalite dynalite;
    static ElasticBeanstalkSimulation instance;
    static CloudFrontSimulation cloudFront;
    static Map<String, String> environment;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void deploy() {
        Path jar = RepoFiles.path("target/resume-site.jar");
        assertTrue(Files.isRegularFile(jar), "no target/resume-site.jar: this test runs after `mvn package` (mvn verify)");
        Path bundle = ElasticBeanstalkSimulation.buildBundle(jar, work);
        dynalite = Dynalite.startInMemory();
        environment = ElasticBeanstalkSimulation.stackEnvironment(dynalite, ORIGIN_SECRET, SYNTHETIC_SECRET);
        instance = ElasticBeanstalkSimulation.start(bundle, environment);
        cloudFront = CloudFrontSimulation.start(instance.uri(""), ORIGIN_SECRET);
    }

    @AfterAll
    static void tearDown() {
        ElasticBeanstalkSimulation.tearDown(cloudFront, instance, dynalite);
    }

    @Test
    void nginx_accepts_the_platform_configuration_with_the_bundles_additions() {
        String test = instance.nginxConfigTest();
        assertTrue(test.contains("syntax is ok") && test.contains("test is successful") && test.endsWith("(exit 0)"), test);
    }

    @Test
    void the_instance_runs_the_procfile_command_on_the_bundled_jar() {
        List<String> command = instance.appCommand();
        assertEquals("java", command.get(0));
        assertEquals(List.of("-jar", "resume-site.jar"), command.subList(command.size() - 2, command.size()));
    }

    @Test
    void each_viewer_through_cloudfront_is_counted_by_their_own_address_and_a_reload_is_not() {
        Map<String, String> alice = TestApp.with(TestApp.NAVIGATION, Map.of("User-Agent", TestApp.BROWSER,
                CloudFrontSimulation.VIEWER_ADDRESS_HEADER, "198.51.100.20:50123"));
        Map<String, String> bob = TestApp.with(TestApp.NAVIGATION, Map.of("User-Agent", TestApp.BROWSER,
                CloudFrontSimulation.VIEWER_ADDRESS_HEADER, "198.51.100.21:50124"));
        long before = publicCount();
        assertEquals(200, get(cloudFront.uri("/"), alice).statusCode());
        assertEquals(200, get(cloudFront.uri("/"), bob).statusCode());
        // Polled: on a busy machine a cold app's first pages may outlive the page budget and be written just after.
        Poll.until(Duration.ofSeconds(10), "two views stored", () -> publicCount() == before + 2);
        assertEquals(200, get(cloudFront.uri("/"), alice).statusCode());
        assertEquals(before + 2, publicCount(), "alice's reload is not a new view");
    }

    @Test
    void the_viewers_country_and_tag_reach_the_days_breakdowns_through_nginx() {
        Map<String, String> viewer = TestApp.with(TestApp.NAVIGATION, Map.of("User-Agent", TestApp.BROWSER,
                CloudFrontSimulation.VIEWER_ADDRESS_HEADER, "198.51.100.60:50130", CloudFrontSimulation.VIEWER_COUNTRY_HEADER, "JP"));
        assertEquals(200, get(cloudFront.uri("/?ref=pycon-talk"), viewer).statusCode());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (DynamoDbClient client = dynalite.client();
             DynamoDbCounterStore store = new DynamoDbCounterStore(client, environment.get("DYNAMODB_TABLE"), REQUEST_TIMEOUT,
                     CounterKey.pageViews("default"))) {
            // Polled: on a busy machine a cold app's first pages may outlive the page budget and be written just after.
            Poll.until(Duration.ofSeconds(10), "the view's tag and country stored", () -> store.shares(CounterKey.pageViews("default"), today, today)
                    .containsAll(List.of(new DayShare(today, Dimension.SOURCE, "pycon-talk", 1), new DayShare(today, Dimension.COUNTRY, "JP", 1))));
        }
    }

    @Test
    void assets_come_back_immutable_and_pages_never_cached() {
        String page = get(cloudFront.uri("/"), Map.of()).body();
        Matcher stylesheet = Pattern.compile("<link[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"").matcher(page);
        assertTrue(stylesheet.find(), "the page links its stylesheet");
        HttpResponse<String> asset = get(cloudFront.uri(stylesheet.group(1)), Map.of());
        assertEquals(200, asset.statusCode());
        assertEquals("public, max-age=31536000, immutable", asset.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("no-store", head(cloudFront.uri("/")).headers().firstValue("Cache-Control").orElse(""),
                "pages are never cached");
    }

    @Test
    void the_viewer_protocol_reported_by_cloudfront_reaches_the_app_through_nginx() {
        // The app sends HSTS only for requests that reached the edge over HTTPS: CloudFront says so,
        // nginx passes it on, and the app believes it from its trusted proxy.
        assertTrue(head(cloudFront.uri("/")).headers().firstValue("Strict-Transport-Security").isPresent());
        HttpResponse<String> direct = get(instance.uri("/api/views"), Map.of("X-Origin-Verify", ORIGIN_SECRET));
        assertEquals(200, direct.statusCode());
        assertTrue(direct.headers().firstValue("Strict-Transport-Security").isEmpty(), "plain HTTP to nginx: no HSTS");
    }

    @Test
    void a_request_that_skips_cloudfront_is_refused_and_not_counted() {
        long before = publicCount();
        HttpResponse<String> direct = get(instance.uri("/"), Map.of());
        assertEquals(403, direct.statusCode(), direct.body());
        HttpResponse<String> forged = get(instance.uri("/"), Map.of("X-Origin-Verify", "guessed-secret-0000000000"));
        assertEquals(403, forged.statusCode());
        assertEquals(before, publicCount(), "refused requests count nothing");
    }

    @Test
    void a_body_over_nginxs_limit_is_refused_by_nginx_before_the_app() {
        long before = publicCount();
        HttpResponse<String> response = send(HttpRequest.newBuilder(cloudFront.uri("/api/views"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(8 * 1024))).timeout(REQUEST_TIMEOUT).build());
        assertEquals(413, response.statusCode());
        assertEquals("413\n", response.body(), "nginx's own error answer, the app never saw it");
        assertEquals(List.of("no-store"), response.headers().allValues("Cache-Control"));
        assertEquals(before, publicCount(), "nothing counted");
        // POST /api/views takes JSON only (issue 12), so a small JSON request is the one that still counts.
        HttpResponse<String> small = send(HttpRequest.newBuilder(cloudFront.uri("/api/views"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).timeout(REQUEST_TIMEOUT).build());
        assertEquals(200, small.statusCode(), "a small JSON POST still counts: " + small.body());
    }

    @Test
    void a_visitors_address_and_user_agent_appear_in_no_log_of_the_instance() {
        String address = "203.0.113.77";
        String marker = "PrivacyProbe" + System.nanoTime();
        Map<String, String> visitor = Map.of("User-Agent", TestApp.BROWSER + " " + marker,
                CloudFrontSimulation.VIEWER_ADDRESS_HEADER, address + ":50123");
        assertEquals(200, get(cloudFront.uri("/"), visitor).statusCode());
        assertEquals(404, get(cloudFront.uri("/no-such-page"), visitor).statusCode());
        HttpRequest.Builder tooLarge = HttpRequest.newBuilder(cloudFront.uri("/api/views")).timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(8 * 1024)));
        visitor.forEach(tooLarge::header);
        assertEquals(413, send(tooLarge.build()).statusCode());
        // nginx writes a request's log lines after answering it.
        Poll.until(Duration.ofSeconds(30), "the visit in nginx's access log and the health agent's log: " + instance.allLogs().keySet()
                + "\n" + instance.nginxAccessLog().lines().limit(3).toList() + "\n" + instance.nginxErrorLog(), () ->
                instance.nginxAccessLog().contains("\"GET /no-such-page\" 404") && instance.allLogs().keySet().stream()
                        .anyMatch(file -> file.toString().contains("healthd/application.log")));
        Map<Path, String> logs = instance.allLogs();
        for (Map.Entry<Path, String> log : logs.entrySet()) {
            assertFalse(log.getValue().contains(address), log.getKey() + " holds the visitor's address:\n" + log.getValue());
            assertFalse(log.getValue().contains(marker), log.getKey() + " holds the visitor's user agent:\n" + log.getValue());
        }
        String healthd = logs.entrySet().stream().filter(log -> log.getKey().toString().contains("healthd/")).map(Map.Entry::getValue)
                .findFirst().orElseThrow();
        assertTrue(healthd.lines().anyMatch(line -> line.split("\"", -1).length == 6 && line.endsWith("\"-")),
                "the health agent's six fields, the address written as '-':\n" + healthd);
    }

    @Test
    void the_post_deploy_check_passes_through_cloudfront_and_leaves_the_public_count_alone() {
        long before = publicCount();
        Processes.Result result = Processes.run(List.of("bash", "deploy/check-live-site.sh", cloudFront.uri("").toString()),
                Map.of("SYNTHETIC_CHECK_SECRET", SYNTHETIC_SECRET, "EXTRA_CURL_ARGS", "--noproxy *"), Duration.ofSeconds(90));
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(before, publicCount(), result.output());
    }

    @Test
    void under_load_the_app_stays_within_the_memory_a_t4g_micro_leaves_it() {
        // t4g.micro has 1 GiB for Amazon Linux, the platform's agents, nginx and the app; the
        // Procfile's heap (-Xmx128m) measured about 210 MB peak under 32 connections (docs/deploy.md, Memory).
        PageLoad load = PageLoad.start(List.of(cloudFront.uri("/")), 16);
        try {
            Poll.until(Duration.ofSeconds(60), "500 counted pages under load", () -> load.ok() >= 500);
        } finally {
            load.stop();
        }
        assertEquals(Map.of(200, load.ok()), Map.copyOf(load.statuses.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()))), "every page a 200");
        assertEquals(0, load.connectionFailures.get());
        long peakMb = instance.appPeakResidentKb() / 1024;
        assertTrue(peakMb < APP_MEMORY_BUDGET_MB, "peak resident memory " + peakMb + " MB, budget " + APP_MEMORY_BUDGET_MB + " MB");
    }

    // ------------------------------------------------------------------ helpers

    static long publicCount() {
        String body = get(cloudFront.uri("/api/views"), Map.of()).body();
        Matcher views = Pattern.compile("\"views\":(\\d+)").matcher(body);
        assertTrue(views.find(), body);
        return Long.parseLong(views.group(1));
    }

    static HttpResponse<String> get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
        headers.forEach(request::header);
        return send(request.build());
    }

    static HttpResponse<String> head(URI uri) {
        return send(HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(REQUEST_TIMEOUT).build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request + " failed; nginx: " + instance.nginxErrorLog() + "\napp: " + instance.appLog(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
