package dev.resumesite.visitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.resumesite.counter.CounterKey;
import dev.resumesite.counter.DayShare;
import dev.resumesite.counter.DayTotals;
import dev.resumesite.counter.Dimension;
import dev.resumesite.counter.DynamoDbCounterStore;
import dev.resumesite.counter.Totals;
import dev.resumesite.testing.Dynalite;
import dev.resumesite.testing.DynaliteExtension;
import dev.resumesite.testing.TestApp;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A day of mixed traffic through two instances sharing one table, as behind the load balancer,
 * replayed with the visitor's address in {@code X-Forwarded-For} from a trusted proxy: only people's
 * first views count, each person is one visitor, and each counted view (only those) has its source.
 */
@Tag("integration")
@ExtendWith(DynaliteExtension.class)
class MixedDayReplayTest {
    private static final String FIREFOX = TestApp.BROWSER;
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
    private static final List<String> ROBOTS = List.of(
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
            "curl/8.5.0", "python-requests/2.31.0", "ELB-HealthChecker/2.0");

    @Test
    void only_people_count_once_per_window_and_each_person_is_one_visitor_a_day(Dynalite dynalite) {
        String table = "day-" + UUID.randomUUID();
        Map<String, String> env = TestApp.patient(TestApp.with(TestApp.dynamoDbEnvironment(dynalite, table),
                Map.of("TRUSTED_PROXIES", "127.0.0.1/32", "RELOAD_WINDOW_MINUTES", "30")));
        try (TestApp first = TestApp.start(env); TestApp second = TestApp.start(env)) {
            // Five people, each a first view, then holding F5; each came from somewhere (the reloads say so too).
            List<Map<String, String>> cameFrom = List.of(Map.of("Referer", "https://lnkd.in/x1"),
                    Map.of("Referer", "https://www.linkedin.com/feed/"), Map.of(), Map.of("Referer", "https://www.google.de/"),
                    Map.of("Referer", "https://jobs.example.net/offer/17?candidate=42"));
            for (int person = 1; person <= 5; person++) {
                String address = "198.51.100." + person;
                String browser = person % 2 == 0 ? IPHONE : FIREFOX;
                for (int reload = 0; reload < 4; reload++) {
                    page(first, address, browser, cameFrom.get(person - 1));
                }
            }
            // Two people on one address (a household) with different devices are two visitors; one followed a tagged link.
            page(first, "203.0.113.50", FIREFOX, Map.of("Referer", "https://t.co/abc"));
            page(first, "203.0.113.50", IPHONE, Map.of(), "/?ref=cv-pdf");
            // Person 1 again, through the other instance within the window: counted once per instance.
            page(second, "198.51.100.1", FIREFOX, Map.of("Referer", "https://github.com/avery"));
            page(second, "198.51.100.1", FIREFOX, Map.of());
            // Robots of every kind, many times, on both instances, following links too.
            for (int i = 0; i < 3; i++) {
                for (String robot : ROBOTS) {
                    page(i % 2 == 0 ? first : second, "192.0.2." + (i + 1), robot, Map.of("Referer", "https://www.bing.com/"));
                }
            }
            // No user agent; a prefetch by someone who never opens the page; HEAD; health checks.
            first.send(HttpRequest.newBuilder(first.uri("/")).setHeader("X-Forwarded-For", "192.0.2.99").build());
            page(first, "198.51.100.77", FIREFOX, Map.of("Sec-Purpose", "prefetch"));
            first.send(TestApp.browser(first.uri("/")).setHeader("X-Forwarded-For", "198.51.100.78")
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            for (int i = 0; i < 5; i++) {
                first.send(HttpRequest.newBuilder(first.uri("/healthz")).setHeader("User-Agent", "ELB-HealthChecker/2.0").build());
            }

            Totals expected = new Totals(5 + 2 + 1, 5 + 2);
            try (DynamoDbClient client = dynalite.client();
                 DynamoDbCounterStore store = new DynamoDbCounterStore(client, table, Duration.ofSeconds(5), CounterKey.pageViews("default"))) {
                assertEquals(expected, store.read(CounterKey.pageViews("default")));
                LocalDate today = LocalDate.now(ZoneOffset.UTC);
                assertEquals(List.of(new DayTotals(today, expected.views(), expected.visitors())),
                        store.days(CounterKey.pageViews("default"), today.minusDays(1), today), "the day's history agrees");
                Map<String, Long> sources = new TreeMap<>();
                Map<String, Long> countries = new TreeMap<>();
                for (DayShare share : store.shares(CounterKey.pageViews("default"), today, today)) {
                    (share.dimension() == Dimension.SOURCE ? sources : countries).put(share.value(), share.views());
                }
                assertEquals(Map.of("linkedin", 2L, "direct", 1L, "google", 1L, "jobs.example.net", 1L, "x", 1L, "cv-pdf", 1L,
                        "github", 1L), sources, "one source per counted view, none for reloads and robots");
                assertEquals(Map.of("unknown", 8L), countries, "no CloudFront here, so no country");
            }
            assertEquals("{\"views\":8,\"visitors\":7}", first.get("/api/views").body());
        }
    }

    private static void page(TestApp app, String address, String userAgent, Map<String, String> headers) {
        page(app, address, userAgent, headers, "/");
    }

    private static void page(TestApp app, String address, String userAgent, Map<String, String> headers, String path) {
        HttpRequest.Builder request = TestApp.navigation(app.uri(path))
                .setHeader("X-Forwarded-For", address).setHeader("User-Agent", userAgent);
        headers.forEach(request::setHeader);
        assertEquals(200, app.send(request.build()).statusCode());
    }
}
