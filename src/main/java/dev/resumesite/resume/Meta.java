package dev.resumesite.resume;

import java.util.Locale;

/** About the file itself; {@code canonical} is where the resume is published. */
public record Meta(String canonical, String version, String lastModified) {

    /**
     * The page's canonical address: {@code canonical} when it is an http(s) address, unless it names a
     * file such as the JSON itself (as the official samples do), which search engines must not be sent
     * to instead of the page.
     */
    public String canonicalPage() {
        if (canonical == null || !Urls.isWeb(canonical)) {
            return null;
        }
        String path = canonical.replaceAll("[?#].*$", "").toLowerCase(Locale.ROOT);
        return path.matches(".*\\.(json|pdf|txt|xml|ya?ml)$") ? null : canonical;
    }
}
