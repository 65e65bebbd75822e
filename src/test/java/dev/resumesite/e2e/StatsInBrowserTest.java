package dev.resumesite.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.counter.CounterKey;
import dev.resumesite.counter.CounterStore;
import dev.resumesite.counter.SqliteCounterStore;
import dev.resumesite.counter.Tally;
import dev.resumesite.testing.Browser;
import dev.resumesite.testing.Poll;
import dev.resumesite.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code /stats} and {@code /badge.svg} in a real headless Chromium with JavaScript off: the chart
 * draws, the page follows the light and dark colour schemes (screenshots for the README), and the
 * badge renders in an {@code <img>} of another page at the size its SVG says.
 */
@Tag("e2e")
class StatsInBrowserTest {
    static TestApp app;
    static ChromeDriver browser;

    @BeforeAll
    static void open() throws Exception {
        Path data = Files.createTempDirectory("e2e-stats");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (CounterStore store = new SqliteCounterStore(data, Duration.ofSeconds(5))) {
            // A month that looks like one: weekday peaks, quiet weekends, a spike after a talk.
            for (int back = 0; back < 60; back++) {
                LocalDate day = today.minusDays(back);
                long views = 20 + (day.getDayOfWeek().getValue() >= 6 ? 0 : 25) + (back % 7) * 3 + (back == 9 ? 140 : 0);
                // Most readers from LinkedIn, some from a search, the rest typing the address; from three places.
                Map<String, Long> sources = Map.of("linkedin", views / 2, "google", views / 4, "direct", views - views / 2 - views / 4);
                Map<String, Long> countries = Map.of("SE", views / 3, "DE", views / 3, "unknown", views - 2 * (views / 3));
                store.add(CounterKey.pageViews("default"), new Tally(day, views, views * 2 / 3, sources, countries));
            }
        }
        app = TestApp.start(TestApp.patient(Map.of("DATA_DIR", data.toString())));
        browser = Browser.start();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void lightAgain() {
        colourScheme("light");
    }

    @Test
    void the_stats_page_draws_its_chart_and_table_in_light_and_dark() throws Exception {
        long before = app.storedCount();
        browser.get(app.uri("/stats").toString());
        assertEquals("Visitor statistics", browser.findElement(By.tagName("h1")).getText());
        assertTrue(browser.findElements(By.tagName("script")).isEmpty());
        WebElement chart = browser.findElement(By.cssSelector("svg.chart"));
        Dimension size = chart.getSize();
        assertTrue(size.getWidth() > 300 && size.getHeight() > 100, "the chart has a size: " + size);
        assertEquals(30, browser.findElements(By.cssSelector("svg.chart .chart-bars rect")).size());
        assertEquals(30, browser.findElements(By.cssSelector("#daily-table tbody tr")).size());
        assertEquals(3, browser.findElements(By.cssSelector("#sources-table tbody tr")).size());
        assertEquals("100", browser.findElement(By.cssSelector("#sources-table tr[data-value='linkedin'] .share-bar rect"))
                .getAttribute("width"), "LinkedIn's bar is the longest");
        assertTrue(browser.findElement(By.cssSelector("#countries-table .share-bar")).getSize().getWidth() > 20, "bars have a size");
        String light = browser.findElement(By.tagName("body")).getCssValue("background-color");
        screenshot("stats-light.png");

        colourScheme("dark");
        browser.navigate().refresh();
        String dark = browser.findElement(By.tagName("body")).getCssValue("background-color");
        assertNotEquals(light, dark, "the page follows prefers-color-scheme");
        String barColour = browser.findElement(By.cssSelector(".chart-bars rect")).getCssValue("fill");
        assertNotEquals("rgb(0, 0, 0)", barColour, "bars are coloured by the stylesheet, not left black");
        screenshot("stats-dark.png");
        assertEquals(before, app.storedCount(), "viewing the stats counted nothing");
    }

    @Test
    void the_range_links_change_the_chart_without_any_script() {
        browser.get(app.uri("/stats").toString());
        browser.findElement(By.linkText("7 days")).click();
        assertTrue(browser.getCurrentUrl().endsWith("/stats?days=7"), browser.getCurrentUrl());
        assertEquals(7, browser.findElements(By.cssSelector("svg.chart .chart-bars rect")).size());
        assertEquals("page", browser.findElement(By.linkText("7 days")).getAttribute("aria-current"));
    }

    @Test
    void the_badge_renders_in_an_img_on_another_page_at_its_own_size() throws Exception {
        String svg = app.get("/badge.svg").body();
        Matcher width = Pattern.compile("<svg[^>]* width=\"(\\d+)\" height=\"20\"").matcher(svg);
        assertTrue(width.find(), svg);
        Path page = Files.createTempFile("badge-host", ".html");
        Files.writeString(page, "<!DOCTYPE html><html lang=\"en\"><title>Badge host</title><p>"
                + "<img id=\"badge\" alt=\"page views\" src=\"" + app.uri("/badge.svg") + "\"></p></html>");
        long before = app.storedCount();
        browser.get(page.toUri().toString());
        WebElement badge = browser.findElement(By.id("badge"));
        Poll.until(Duration.ofSeconds(20), "the badge to load", () -> badge.getSize().getHeight() == 20);
        assertEquals(Integer.parseInt(width.group(1)), badge.getSize().getWidth(), "drawn at the width its text needs");
        List<String> responses = Browser.responses(browser);
        assertTrue(responses.stream().anyMatch(line -> line.startsWith("200 ") && line.endsWith("/badge.svg")), responses.toString());
        assertEquals(before, app.storedCount(), "loading the badge counted nothing");
    }

    private static void colourScheme(String scheme) {
        browser.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    private static void screenshot(String name) throws Exception {
        Path shot = Path.of("target", "screenshots", name);
        Files.createDirectories(shot.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
    }
}
