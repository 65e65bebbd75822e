package dev.resumesite.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class PageViewPolicyTest {
    private final PageViewPolicy policy = new PageViewPolicy();

    /** What Chrome sends when a reader opens the page from a link on another site. */
    private static final Map<String, String> CHROME_NAVIGATION = Map.of(
            "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8",
            "Sec-Fetch-Dest", "document", "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Site", "cross-site", "Sec-Fetch-User", "?1");

    private boolean counts(String method, String path, Map<String, String> headers) {
        return policy.counts(method, path, headers::get);
    }

    private boolean counts(Map<String, String> headers) {
        return counts("GET", "/", headers);
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> headers = new java.util.HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            headers.put(more[i], more[i + 1]);
        }
        return headers;
    }

    @Test
    void a_readers_navigation_counts() {
        assertTrue(counts(CHROME_NAVIGATION));
        assertTrue(counts(with(CHROME_NAVIGATION, "Sec-Purpose", "")));
        // Safari before 16.4 and Firefox before 90 send no Fetch metadata, but ask for HTML.
        assertTrue(counts(Map.of("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")));
        assertTrue(counts(Map.of("Accept", "TEXT/HTML")));
    }

    @ParameterizedTest(name = "embedded as {0}")
    @ValueSource(strings = {"image", "iframe", "script", "style", "object", "embed", "empty"})
    void another_page_embedding_the_page_does_not_count(String destination) {
        // The seven shapes: <img>, <iframe>, <script>, <link rel=stylesheet>, <object>, <embed>, a no-cors fetch().
        assertFalse(counts(with(CHROME_NAVIGATION, "Sec-Fetch-Dest", destination, "Sec-Fetch-Mode", "no-cors",
                "Sec-Fetch-User", "?0", "Referer", "https://elsewhere.example/")));
    }

    @Test
    void programs_that_only_borrow_a_browsers_user_agent_do_not_count() {
        assertFalse(counts(Map.of()), "no Accept (python-requests sends */*, some clients nothing)");
        assertFalse(counts(Map.of("Accept", "*/*")), "curl");
        assertFalse(counts(Map.of("Accept", "application/json")));
        assertFalse(counts(Map.of("Accept", "text/html;q=0, */*")), "asks for anything but HTML");
        assertFalse(counts(Map.of("Accept", "text/htmlx")));
    }

    @Test
    void other_methods_do_not_count() {
        assertFalse(counts("HEAD", "/", CHROME_NAVIGATION));
        assertFalse(counts("POST", "/", CHROME_NAVIGATION));
        assertFalse(counts("OPTIONS", "/", CHROME_NAVIGATION));
    }

    @Test
    void other_paths_do_not_count() {
        assertFalse(counts("GET", "/favicon.ico", CHROME_NAVIGATION));
        assertFalse(counts("GET", "/healthz", CHROME_NAVIGATION));
        assertFalse(counts("GET", "/index.html", CHROME_NAVIGATION));
        assertFalse(counts("GET", "", CHROME_NAVIGATION));
    }

    @Test
    void prefetches_prerenders_and_previews_do_not_count() {
        assertFalse(counts(with(CHROME_NAVIGATION, "Sec-Purpose", "prefetch")));
        assertFalse(counts(with(CHROME_NAVIGATION, "Sec-Purpose", "prefetch;prerender")));
        assertFalse(counts(with(CHROME_NAVIGATION, "Purpose", "Prefetch")));
        assertFalse(counts(with(CHROME_NAVIGATION, "X-Moz", "prefetch")));
        assertFalse(counts(with(CHROME_NAVIGATION, "X-Purpose", "preview")), "Safari's Top Sites");
    }
}
