package dev.resumesite.web;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Decides whether a request to the page is a reader's page view that counts: a plain {@code GET} of
 * the page that is a navigation (someone opened it), not a preview or a prefetch. {@code HEAD}, other
 * paths, embeddings by another page (as an image, frame, script, style or object, or a {@code no-cors}
 * fetch) and programs that merely send a browser's user agent do not count.
 */
public final class PageViewPolicy {
    public static final String PAGE_PATH = "/";

    /** @param header looks a request header up by name; null when absent */
    public boolean counts(String method, String path, UnaryOperator<String> header) {
        return "GET".equals(method) && PAGE_PATH.equals(path) && navigation(header) && !speculative(header);
    }

    /**
     * Browsers that send Fetch metadata (Chrome 80+, Firefox 90+, Safari 16.4+) say {@code Sec-Fetch-Dest:
     * document} exactly when a page is opened in a tab; every embedding names its own destination. Older
     * browsers send no metadata but ask for HTML on a navigation ({@code Accept: text/html,...}), which
     * curl ({@code *}{@code /*}), python-requests and clients without {@code Accept} do not.
     */
    static boolean navigation(UnaryOperator<String> header) {
        String dest = header.apply("Sec-Fetch-Dest");
        if (dest != null) {
            return "document".equals(dest.trim().toLowerCase(Locale.ROOT));
        }
        return asksForHtml(header.apply("Accept"));
    }

    /** Whether an {@code Accept} lists {@code text/html} with a quality above 0. */
    static boolean asksForHtml(String accept) {
        if (accept == null) {
            return false;
        }
        for (String range : accept.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = range.split(";");
            if (parts[0].trim().equals("text/html") && quality(parts) > 0) {
                return true;
            }
        }
        return false;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /**
     * Prefetches, prerenders and previews are marked, and nobody has seen the page yet: {@code Sec-Purpose}
     * and {@code Purpose} (Chrome, Edge: {@code prefetch}, {@code prefetch;prerender}), {@code X-Purpose}
     * (Safari's Top Sites and Chrome's old instant pages: {@code preview}, {@code instant}) and
     * {@code X-Moz} (Firefox: {@code prefetch}). No browser sends any of them on a navigation, so any
     * value excludes.
     */
    static boolean speculative(UnaryOperator<String> header) {
        return marked(header.apply("Sec-Purpose")) || marked(header.apply("Purpose"))
                || marked(header.apply("X-Purpose")) || marked(header.apply("X-Moz"));
    }

    private static boolean marked(String value) {
        return value != null && !value.isBlank();
    }
}
