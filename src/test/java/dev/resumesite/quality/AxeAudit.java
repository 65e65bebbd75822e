package dev.resumesite.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Runs axe-core (the file bench/quality passes in, from its pinned npm package) on the site's pages in
 * Debian's headless Chromium through Selenium: light at 1280 px, dark at 1280 px, light at 320 px.
 * Part of {@code bench/quality}, not of the test suite. Prints one line per page and mode:
 * {@code axe <mode> <path> <violations> [rule ids]}.
 *
 * <p>Usage: {@code java -cp ... dev.resumesite.quality.AxeAudit BASE_URL AXE_JS PATH...}
 */
public final class AxeAudit {
    private record Mode(String name, int width, String colorScheme) {
    }

    private static final List<Mode> MODES = List.of(
            new Mode("light-1280", 1280, "light"), new Mode("dark-1280", 1280, "dark"), new Mode("light-320", 320, "light"));

    private AxeAudit() {
    }

    public static void main(String[] args) throws IOException {
        String base = args[0];
        String axe = Files.readString(Path.of(args[1]));
        List<String> paths = List.of(args).subList(2, args.length);
        ChromeDriver browser = start();
        try {
            for (Mode mode : MODES) {
                for (String path : paths) {
                    System.out.println("axe " + mode.name() + " " + path + " " + audit(browser, base + path, mode, axe));
                }
            }
        } finally {
            browser.quit();
        }
    }

    private static String audit(ChromeDriver browser, String url, Mode mode, String axe) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", mode.width(), "height", 900, "deviceScaleFactor", 1, "mobile", mode.width() < 600));
        browser.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", mode.colorScheme()))));
        browser.get(url);
        // The page's CSP forbids every script, axe included; the audit is of the markup and styles, which CSP does not change.
        browser.executeScript(axe);
        Object result = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(r => done(r.violations.length + ' ' + r.violations.map(v => v.id + '(' + v.nodes.length + ')').join(',')))
                   .catch(e => done('error ' + e));
                """);
        return String.valueOf(result).strip();
    }

    private static ChromeDriver start() throws IOException {
        Path profile = Files.createTempDirectory("axe-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(env("CHROME_BINARY", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        browser.executeCdpCommand("Page.enable", Map.of());
        browser.executeCdpCommand("Page.setBypassCSP", Map.of("enabled", true));
        return browser;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
