package dev.resumesite.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.resumesite.testing.Browser;
import dev.resumesite.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
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
    private static final String TEST_TOKEN = "e2e-" + java.util.UUID.randomUUID();
    static TestApp localApp;
    static String baseUrl;
    static ChromeDriver browser;

    @BeforeAll
    static void open() throws Exception {
        String deployed = System.getenv("E2E_BASE_URL");
        if (deployed != null && !deployed.isBlank()) {
            baseUrl = deployed.replaceAll("/+$", "");
        } else {
            localApp = TestApp.embedded(Files.createTempDirectory("e2e-data"));
            baseUrl = localApp.uri("").toString();
        }
        browser = Browser.start();
    }

    /** An app of its own with honest counting as in production, and the browser vouched for by the test token. */
    private static TestApp honestApp() throws Exception {
        return TestApp.start(TestApp.patient(Map.of("DATA_DIR", Files.createTempDirectory("e2e-honest").toString(),
                "RELOAD_WINDOW_MINUTES", "30", "COUNT_TEST_TOKEN", TEST_TOKEN)));
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
        assumeTrue(localApp != null, "needs a local app with the test token");
        try (TestApp app = honestApp()) {
            String page = app.uri("/").toString();
            browser.get(app.uri("/healthz").toString()); // A cookie needs the site open; health counts nothing.
            browser.manage().addCookie(new Cookie("resume-site-test", TEST_TOKEN));
            browser.get(page);
            assertEquals(1, count("visitor-count"), "the first visit is view 1");
            assertEquals(1, count("unique-visitors"), "by visitor 1");
            browser.navigate().refresh();
            assertEquals(1, count("visitor-count"), "a reload is not a new view");
            browser.get(page);
            assertEquals(1, count("unique-visitors"));
            assertEquals(1, app.storedCount());
        } finally {
            browser.manage().deleteAllCookies();
        }
    }

    @Test
    void the_headless_browser_itself_is_a_robot_and_not_counted() throws Exception {
        assumeTrue(localApp != null, "needs a local app");
        try (TestApp app = honestApp()) {
            browser.get(app.uri("/").toString());
            assertEquals(0, count("visitor-count"), "HeadlessChrome without the test token counts nothing");
            assertEquals(0, app.storedCount());
        }
    }

    private static long count(String id) {
        return Long.parseLong(browser.findElement(By.id(id)).getAttribute("data-count"));
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
