package dev.resumesite.visitor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The robot filter against user agents that no one here wrote: real ones per category, and every
 * sample of the crawler-user-agents project (npm, MIT), installed by {@code npm ci}.
 */
@Tag("unit")
class RobotFilterTest {
    private final RobotFilter filter = new RobotFilter();

    @ParameterizedTest(name = "search crawler: {0}")
    @ValueSource(strings = {
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36",
            "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
            "DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)"})
    void search_crawlers_are_robots(String userAgent) {
        assertTrue(filter.isRobot(userAgent));
    }

    @ParameterizedTest(name = "AI crawler: {0}")
    @ValueSource(strings = {
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)",
            "CCBot/2.0 (https://commoncrawl.org/faq/)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; +https://perplexity.ai/perplexitybot)",
            "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)",
            "meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; ChatGPT-User/1.0; +https://openai.com/bot"})
    void ai_crawlers_are_robots(String userAgent) {
        assertTrue(filter.isRobot(userAgent));
    }

    @ParameterizedTest(name = "link preview: {0}")
    @ValueSource(strings = {
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Twitterbot/1.0",
            "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
            "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
            "WhatsApp/2.23.20.0",
            "TelegramBot (like TwitterBot)",
            "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)"})
    void link_preview_fetchers_are_robots(String userAgent) {
        assertTrue(filter.isRobot(userAgent));
    }

    @ParameterizedTest(name = "uptime monitor: {0}")
    @ValueSource(strings = {
            "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
            "Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 (StatusCake)",
            "Better Uptime Bot Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/75.0.3770.100 Safari/537.36",
            "Site24x7"})
    void uptime_monitors_are_robots(String userAgent) {
        assertTrue(filter.isRobot(userAgent));
    }

    @ParameterizedTest(name = "headless browser: {0}")
    @ValueSource(strings = {
            // What this suite's own Debian Chromium sends with --headless=new.
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Playwright/1.40.0"})
    void headless_browsers_are_robots(String userAgent) {
        assertTrue(filter.isRobot(userAgent));
    }

    @ParameterizedTest(name = "library or CLI: {0}")
    @ValueSource(strings = {"curl/8.5.0", "Wget/1.21.3", "python-requests/2.31.0", "Go-http-client/1.1",
            "okhttp/4.12.0", "axios/1.6.2", "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", "Java-http-client/17.0.15",
            "Apache-HttpClient/4.5.14 (Java/17.0.9)", "libwww-perl/6.72", "HTTPie/3.2.2", "PostmanRuntime/7.36.0"})
    void http_libraries_and_command_line_clients_are_robots(String userAgent) {
        assertTrue(filter.isRobot(userAgent));
    }

    @ParameterizedTest(name = "health check: {0}")
    @ValueSource(strings = {"ELB-HealthChecker/2.0", "kube-probe/1.29", "GoogleHC/1.0", "Amazon-Route53-Health-Check-Service (ref 1a2b3c; report http://amzn.to/1vsZADi)"})
    void load_balancer_health_checks_are_robots(String userAgent) {
        assertTrue(filter.isRobot(userAgent));
    }

    @ParameterizedTest(name = "no user agent: [{0}]")
    @ValueSource(strings = {"", " "})
    void requests_without_a_user_agent_are_robots(String userAgent) {
        assertTrue(filter.isRobot(userAgent));
        assertTrue(filter.isRobot(null));
    }

    @ParameterizedTest(name = "tool isbot misses: {0}")
    @ValueSource(strings = {
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 GTmetrix",
            "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/56.0.2924.87 Safari/537.36 Miniature.io/0.1.0",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36 YLT",
            "Dart/3.5 (dart:io)",
            "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)",
            "Mozilla/4.0 (compatible; ms-office; MSOffice 16)"})
    void page_speed_screenshot_and_link_fetching_tools_are_robots(String userAgent) {
        assertTrue(filter.isRobot(userAgent));
    }

    @Test
    void a_user_agent_longer_than_any_browsers_is_a_robot_without_matching() {
        String padded = dev.resumesite.testing.TestApp.BROWSER + " " + "x".repeat(6_000);
        long started = System.nanoTime();
        assertTrue(filter.isRobot(padded));
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "no 6,000-character match");
        assertFalse(filter.isRobot(dev.resumesite.testing.TestApp.BROWSER + " " + "x".repeat(RobotFilter.LONGEST_BROWSER - dev.resumesite.testing.TestApp.BROWSER.length() - 1)),
                "a browser string up to the bound is still matched");
    }

    @ParameterizedTest(name = "person: {0}")
    @ValueSource(strings = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0"})
    void browsers_people_use_are_not_robots(String userAgent) {
        assertFalse(filter.isRobot(userAgent));
        assertFalse(filter.isRobot(userAgent), "and the remembered answer agrees");
    }

    @Test
    void almost_every_real_sample_of_the_crawler_user_agents_list_is_a_robot() throws Exception {
        JsonNode crawlers = new ObjectMapper().readTree(
                Path.of("node_modules", "crawler-user-agents", "crawler-user-agents.json").toFile());
        List<String> missed = new ArrayList<>();
        int samples = 0;
        for (JsonNode crawler : crawlers) {
            for (JsonNode instance : crawler.path("instances")) {
                samples++;
                if (!filter.isRobot(instance.asText())) {
                    missed.add(instance.asText());
                }
            }
        }
        // The list also counts in-app browsers (a person reading in Instagram or Facebook) and desktop
        // apps as crawlers; isbot rightly treats them as people. Those stay below 2%.
        assertTrue(samples > 2_000, "the list was read: " + samples);
        assertTrue(missed.size() * 100 < samples * 2, missed.size() + " of " + samples + " missed:\n" + String.join("\n", missed));
    }
}
