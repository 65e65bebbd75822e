package dev.resumesite.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class PageViewPolicyTest {
    private final PageViewPolicy policy = new PageViewPolicy();

    private boolean counts(String method, String path, Map<String, String> headers) {
        return policy.counts(method, path, headers::get);
    }

    @Test
    void a_plain_get_of_the_page_counts() {
        assertTrue(counts("GET", "/", Map.of()));
        assertTrue(counts("GET", "/", Map.of("Sec-Purpose", "")));
    }

    @Test
    void other_methods_do_not_count() {
        assertFalse(counts("HEAD", "/", Map.of()));
        assertFalse(counts("POST", "/", Map.of()));
        assertFalse(counts("OPTIONS", "/", Map.of()));
    }

    @Test
    void other_paths_do_not_count() {
        assertFalse(counts("GET", "/favicon.ico", Map.of()));
        assertFalse(counts("GET", "/healthz", Map.of()));
        assertFalse(counts("GET", "/index.html", Map.of()));
        assertFalse(counts("GET", "", Map.of()));
    }

    @Test
    void prefetches_and_prerenders_do_not_count() {
        assertFalse(counts("GET", "/", Map.of("Sec-Purpose", "prefetch")));
        assertFalse(counts("GET", "/", Map.of("Sec-Purpose", "prefetch;prerender")));
        assertFalse(counts("GET", "/", Map.of("Purpose", "Prefetch")));
        assertFalse(counts("GET", "/", Map.of("X-Moz", "prefetch")));
    }
}
