package dev.resumesite.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium driven by Selenium, with JavaScript switched off. The browser and driver
 * are the installed ones ({@code CHROME_BINARY}, {@code CHROMEDRIVER}; Debian's paths by default),
 * so Selenium never downloads anything.
 */
public final class Browser {
    private static final Pattern STATUS = Pattern.compile("\"response\":\\{.*?\"status\":(\\d+)");
    private static final Pattern URL = Pattern.compile("\"response\":\\{.*?\"url\":\"([^\"]+)\"");

    private Browser() {
    }

    public static ChromeDriver start() {
        Path binary = Path.of(env("CHROME_BINARY", "/usr/bin/chromium"));
        Path driver = Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver"));
        for (Path tool : List.of(binary, driver)) {
            if (!Files.isExecutable(tool)) {
                throw new IllegalStateException(tool + " is not installed: run bin/test, which installs chromium and "
                        + "chromium-driver, or set CHROME_BINARY and CHROMEDRIVER");
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,2000");
        // The site promises to work without JavaScript, so the browser runs none.
        options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of(
                        "XDG_CONFIG_HOME", profile.resolve("config").toString(),
                        "XDG_CACHE_HOME", profile.resolve("cache").toString()))
                .build();
        return new ChromeDriver(service, options);
    }

    /** The HTTP status of every response the browser received since the last call, as "status url". */
    public static List<String> responses(ChromeDriver driver) {
        List<String> seen = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            String message = entry.getMessage();
            if (message.contains("\"Network.responseReceived\"")) {
                Matcher status = STATUS.matcher(message);
                Matcher url = URL.matcher(message);
                if (status.find() && url.find()) {
                    seen.add(status.group(1) + " " + url.group(1));
                }
            }
        }
        return seen;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
