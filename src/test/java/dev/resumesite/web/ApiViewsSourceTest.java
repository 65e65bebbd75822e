package dev.resumesite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.resumesite.counter.CounterKey;
import dev.resumesite.counter.DayShare;
import dev.resumesite.counter.Dimension;
import dev.resumesite.counter.SqliteCounterStore;
import dev.resumesite.testing.TestApp;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A view counted through {@code POST /api/views} is the calling page's {@code fetch()}: its Referer
 * names that page, not where the reader came from, so it carries no source; its country is the reader's.
 */
@Tag("integration")
class ApiViewsSourceTest {
    private static final String BLOG = "https://blog.example.com";

    @Test
    void a_view_counted_through_the_api_keeps_its_country_and_takes_no_source_from_the_calling_page(@TempDir Path dataDir) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (TestApp app = TestApp.start(TestApp.patient(Map.of("DATA_DIR", dataDir.toString(), "ALLOWED_ORIGINS", BLOG,
                "TRUSTED_PROXIES", "127.0.0.1/32,::1/128")))) {
            // A page read, for contrast: its Referer is where its reader came from.
            assertEquals(200, app.send(TestApp.navigation(app.uri("/")).header("X-Forwarded-For", TestApp.visitorAddress(1))
                    .header("CloudFront-Viewer-Country", "JP").header("Referer", "https://jobs.example.net/offer/17").build()).statusCode());
            HttpRequest api = TestApp.browser(app.uri("/api/views")).header("X-Forwarded-For", TestApp.visitorAddress(2))
                    .header("CloudFront-Viewer-Country", "JP").header("Referer", BLOG + "/posts/hello")
                    .header("Origin", BLOG).header("Content-Type", "application/json")
                    .header("Sec-Fetch-Mode", "cors").header("Sec-Fetch-Site", "cross-site")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            assertEquals(200, app.send(api).statusCode());
            assertEquals(2, app.storedCount(), "both views counted");
        }
        try (SqliteCounterStore store = new SqliteCounterStore(dataDir, Duration.ofSeconds(5))) {
            List<DayShare> shares = store.shares(CounterKey.pageViews("default"), today, today);
            assertEquals(List.of(new DayShare(today, Dimension.SOURCE, "jobs.example.net", 1)),
                    shares.stream().filter(share -> share.dimension() == Dimension.SOURCE).toList(), "the API's view has no source");
            assertEquals(List.of(new DayShare(today, Dimension.COUNTRY, "JP", 2)),
                    shares.stream().filter(share -> share.dimension() == Dimension.COUNTRY).toList(), "both keep their country");
        }
    }
}
