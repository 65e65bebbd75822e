package dev.resumesite.view;

import dev.resumesite.resume.Basics;
import dev.resumesite.resume.Resume;
import dev.resumesite.resume.Urls;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the page template needs beyond the resume itself, worked out once at start-up: the title and
 * description, the portrait's address, and the canonical and share-card URLs, which must be absolute
 * and so exist only when {@code meta.canonical} gives the page's address.
 */
public final class ResumeView {
    private final Resume resume;
    private final AssetCatalog assets;
    private final Basics basics;

    public ResumeView(Resume resume, AssetCatalog assets) {
        this.resume = resume;
        this.assets = assets;
        this.basics = resume.basics();
    }

    /** The variables every template sees: {@code resume}, {@code assets}, {@code page} and {@code prose}. */
    public Map<String, Object> variables() {
        return Map.of("resume", resume, "assets", assets, "page", this, "prose", new Prose());
    }

    /** "Avery Lindqvist – Senior Cloud Engineer", or only the name when there is no label. */
    public String title() {
        return basics.label() == null ? basics.displayName() : basics.displayName() + " – " + basics.label();
    }

    public String description() {
        String who = basics.name() == null ? "A resume" : "Resume of " + basics.name();
        String what = basics.label() == null ? "" : ", " + basics.label();
        return who + what + ": experience, projects, skills and contact details.";
    }

    /** The portrait's src: the URL as written, or the fingerprinted asset; null without an image. */
    public String imageSrc() {
        if (basics.image() == null) {
            return null;
        }
        return basics.imageIsUrl() ? Urls.href(basics.image()) : assets.url(basics.image());
    }

    /** The one other origin the page loads from (the portrait's), for the CSP's img-src. */
    public Optional<String> imageOrigin() {
        if (!basics.imageIsUrl()) {
            return Optional.empty();
        }
        // Scheme, host and port only: user info ("user@") has no place in a CSP source expression.
        URI uri = URI.create(Urls.href(basics.image()));
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        return Optional.of(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port);
    }

    /** The page's own address from {@code meta.canonical}, or empty when the file gives none. */
    public Optional<URI> canonical() {
        return Optional.ofNullable(resume.meta().canonicalPage()).map(Urls::href).map(URI::create);
    }

    /** A link's target for {@code href}: the written URL in the form a browser follows ({@link Urls#href}); null stays null. */
    public String href(String url) {
        return url == null ? null : Urls.href(url);
    }

    /** The canonical address as text for the template, or null. */
    public String canonicalUrl() {
        return canonical().map(URI::toString).orElse(null);
    }

    /** An absolute URL of the portrait for share cards (Open Graph needs one), or null when none can be given. */
    public String shareImage() {
        String src = imageSrc();
        if (src == null || basics.imageIsUrl()) {
            return src;
        }
        return canonical().map(page -> page.resolve(src).toString()).orElse(null);
    }
}
