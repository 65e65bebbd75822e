package dev.resumesite.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.Browser;
import dev.resumesite.testing.ResumeFiles;
import dev.resumesite.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A resume with a 240-character word, a long URL and a dotted code name in every text field, in
 * headless Chromium on a small phone, a phone and a desktop, and as printed on A4: the page is
 * never wider than the window, so nobody scrolls sideways to read it.
 */
@Tag("e2e")
class LongWordsInBrowserTest {
    static TestApp app;
    static ChromeDriver browser;

    @BeforeAll
    static void open() throws Exception {
        Path data = Files.createTempDirectory("e2e-long-words");
        app = TestApp.start(TestApp.patient(Map.of("DATA_DIR", data.toString(),
                "RESUME_FILE", ResumeFiles.OWN.resolve("valid-long-words-and-urls.json").toString())));
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

    @ParameterizedTest(name = "{0} px, {1}")
    @CsvSource({"320, screen", "375, screen", "1280, screen", "794, print"})
    void long_words_and_urls_wrap_so_the_page_is_no_wider_than_the_window(int width, String media) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", 900, "deviceScaleFactor", 1, "mobile", width < 600));
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", media, "features", List.of()));
        browser.get(app.uri("/").toString());
        assertTrue(browser.getPageSource().contains("Donaudampfschifffahrts"), "the fixture is the page shown");

        long inner = number("window.innerWidth");
        long scroll = number("document.documentElement.scrollWidth");

        // A phone widens its layout viewport to fit content that overflows, so both must hold.
        assertTrue(scroll <= width && inner == width, "page is " + scroll + " px wide, window " + inner + " px wide, in a "
                + width + " px window; widest: "
                + browser.executeScript("""
                        let widest = null;
                        for (const e of document.body.querySelectorAll('*')) {
                          const right = e.getBoundingClientRect().right;
                          if (right > %d && (!widest || right > widest.right)) {
                            widest = {right, tag: e.tagName, cls: e.className, text: (e.textContent || '').slice(0, 60)};
                          }
                        }
                        return JSON.stringify(widest);""".formatted(width)));
    }

    private long number(String expression) {
        return ((Number) browser.executeScript("return " + expression + ";")).longValue();
    }
}
