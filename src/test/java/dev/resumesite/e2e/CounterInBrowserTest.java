package dev.resumesite.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.resumesite.testing.Browser;
import dev.resumesite.testing.TestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The counter as a visitor sees it, in a real headless Chromium with JavaScript off. Runs against
 * {@code E2E_BASE_URL} when set (a deployed site), otherwise against an app it starts itself.
 */
@Tag("e2e")
class CounterInBrowserTest {
    static final String TEST_TOKEN = "e2e-" + java.util.UUID.randomUUID();
    static String testToken;
    static TestApp localApp;
    static String baseUrl;
    static ChromeDriver browser;

    @BeforeAll
    static void open() throws Exception {
        String deployed = System.getenv("E2E_BASE_URL");
        if (deployed != null && !deployed.isBlank()) {
            baseUrl = deployed.replaceAll("/+$", "");
            testToken = System.getenv("E2E_COUNT_TEST_TOKEN");
        } else {
            // Honest counting as in production (a 30-minute reload window), the browser vouched for by a token.
            localApp = TestApp.start(TestApp.patient(Map.of("DATA_DIR", Files.createTempDirectory("e2e-data").toString(),
                    "RELOAD_WINDOW_MINUTES", "30", "COUNT_TEST_TOKEN", TEST_TOKEN)));
            baseUrl = localApp.uri("").toString();
            testToken = TEST_TOKEN;
        }
        browser = Browser.start();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
        if (localApp != null) {
            localApp.close();
        }
    }

    @Test
    void a_real_browser_visit_counts_once_and_its_reload_does_not() throws Exception {
        assumeTrue(testToken != null, "counting a browser needs the site's COUNT_TEST_TOKEN (E2E_COUNT_TEST_TOKEN)");
        try {
            long before = storedViews();
            browser.get(baseUrl + "/healthz"); // A cookie needs the site open; health counts nothing.
            browser.manage().addCookie(new Cookie("resume-site-test", testToken));
            browser.get(baseUrl + "/");
            assertEquals(before + 1, count("visitor-count"), "the visit is counted");
            browser.navigate().refresh();
            assertEquals(before + 1, count("visitor-count"), "a reload is not a new view");
            assertEquals(before + 1, storedViews());
        } finally {
            browser.manage().deleteAllCookies();
        }
    }

    @Test
    void the_headless_browser_itself_is_a_robot_and_not_counted() throws Exception {
        long before = storedViews();
        browser.get(baseUrl + "/");
        assertEquals(before, count("visitor-count"), "HeadlessChrome without the test token counts nothing");
        assertEquals(before, storedViews());
    }

    private static long count(String id) {
        return Long.parseLong(browser.findElement(By.id(id)).getAttribute("data-count"));
    }

    /** The public page views, read through the API (a GET counts nothing). */
    private static long storedViews() throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/views")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher views = Pattern.compile("\"views\":(\\d+)").matcher(body);
        assertTrue(views.find(), body);
        return Long.parseLong(views.group(1));
    }

    @Test
    void the_count_reads_as_a_formatted_number_with_no_updating_mark() {
        WebElement counter = load().findElement(By.id("visitor-count"));
        long count = Long.parseLong(counter.getAttribute("data-count"));
        assertEquals(String.format(java.util.Locale.US, "%,d", count), counter.getText().trim());
        assertTrue(browser.findElements(By.id("visitor-count-updating")).isEmpty());
    }

    @Test
    void the_stylesheet_and_favicon_load_with_200() {
        Browser.responses(browser);
        load();
        String stylesheet = browser.findElement(By.cssSelector("link[rel=stylesheet]")).getAttribute("href");
        List<String> icons = browser.findElements(By.cssSelector("link[rel~=icon]")).stream()
                .map(link -> link.getAttribute("href")).toList();
        browser.get(baseUrl + "/favicon.ico");
        List<String> responses = Browser.responses(browser);
        assertTrue(responses.contains("200 " + stylesheet), "stylesheet: " + responses);
        // The browser fetches the one icon it prefers (the SVG, in Chromium).
        assertTrue(icons.stream().anyMatch(icon -> responses.contains("200 " + icon)), "icon " + icons + ": " + responses);
        assertTrue(responses.contains("200 " + baseUrl + "/favicon.ico"), "favicon.ico: " + responses);
    }

    @Test
    void the_page_is_styled_and_titled_without_any_script() throws Exception {
        load();
        assertFalse(browser.getTitle().isBlank());
        assertTrue(browser.findElements(By.tagName("script")).isEmpty());
        assertEquals(1, browser.findElements(By.tagName("h1")).size());
        // The stylesheet applied: the body no longer has the browser's default 8px margin or serif font.
        String font = browser.findElement(By.tagName("body")).getCssValue("font-family");
        assertFalse(font.equalsIgnoreCase("\"Times New Roman\"") || font.isBlank(), font);
        Path shot = Path.of("target", "screenshots", "resume.png");
        Files.createDirectories(shot.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
    }

    private ChromeDriver load() {
        browser.get(baseUrl + "/");
        return browser;
    }

}
