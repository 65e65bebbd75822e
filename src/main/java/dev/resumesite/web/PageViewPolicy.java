package dev.resumesite.web;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Decides whether a request to the page is a page view that counts. Only a plain {@code GET} of the
 * page counts: {@code HEAD}, other paths and speculative loads (prefetch, prerender) do not.
 */
public final class PageViewPolicy {
    public static final String PAGE_PATH = "/";

    /** @param header looks a request header up by name; null when absent */
    public boolean counts(String method, String path, UnaryOperator<String> header) {
        return "GET".equals(method) && PAGE_PATH.equals(path) && !speculative(header);
    }

    /** Browsers mark prefetches and prerenders; nobody has seen the page yet. */
    static boolean speculative(UnaryOperator<String> header) {
        return mentionsPrefetch(header.apply("Sec-Purpose"))
                || mentionsPrefetch(header.apply("Purpose"))
                || mentionsPrefetch(header.apply("X-Moz"));
    }

    private static boolean mentionsPrefetch(String value) {
        return value != null && value.toLowerCase(Locale.ROOT).contains("prefetch");
    }
}
