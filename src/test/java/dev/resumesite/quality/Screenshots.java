package dev.resumesite.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The README's pictures of the page, taken by Debian's headless Chromium through Selenium: 375 and
 * 1280 px wide, light and dark, plus the page printed to PDF (A4, as a browser prints it). Run by
 * {@code bench/screenshots}; JavaScript stays off, as for every visitor.
 *
 * <p>Usage: {@code java -cp ... dev.resumesite.quality.Screenshots BASE_URL OUTPUT_DIR}
 */
public final class Screenshots {
    private record Shot(String file, int width, int height, String colorScheme) {
    }

    private static final List<Shot> SHOTS = List.of(
            new Shot("screenshot-1280-light.png", 1280, 1000, "light"),
            new Shot("screenshot-1280-dark.png", 1280, 1000, "dark"),
            new Shot("screenshot-375-light.png", 375, 812, "light"),
            new Shot("screenshot-375-dark.png", 375, 812, "dark"));

    private Screenshots() {
    }

    public static void main(String[] args) throws IOException {
        String base = args[0];
        Path out = Files.createDirectories(Path.of(args[1]));
        ChromeDriver browser = start();
        try {
            for (Shot shot : SHOTS) {
                browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                        "width", shot.width(), "height", shot.height(), "deviceScaleFactor", 1, "mobile", shot.width() < 600));
                browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of(
                        "features", List.of(Map.of("name", "prefers-color-scheme", "value", shot.colorScheme()))));
                browser.get(base + "/");
                Map<String, Object> png = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
                Files.write(out.resolve(shot.file()), Base64.getDecoder().decode((String) png.get("data")));
                System.out.println(out.resolve(shot.file()));
            }
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
            browser.get(base + "/");
            // A4 in inches; the stylesheet's @page sets the margins.
            Map<String, Object> pdf = browser.executeCdpCommand("Page.printToPDF", Map.of(
                    "paperWidth", 8.27, "paperHeight", 11.69, "preferCSSPageSize", true, "displayHeaderFooter", false));
            Path file = out.resolve("resume.pdf");
            Files.write(file, Base64.getDecoder().decode((String) pdf.get("data")));
            System.out.println(file);
        } finally {
            browser.quit();
        }
    }

    private static ChromeDriver start() throws IOException {
        Path profile = Files.createTempDirectory("screenshot-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(env("CHROME_BINARY", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=" + profile,
                // Headless Chromium names itself "HeadlessChrome", which the site rightly does not count as a
                // visitor; the pictures should show a page as a person's browser gets it.
                "--user-agent=Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36");
        options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
