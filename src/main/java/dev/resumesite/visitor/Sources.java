package dev.resumesite.visitor;

import dev.resumesite.counter.ReaderOrigin;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Names the source of a page view: a {@code ref} or {@code utm_source} tag on the page's URL (people
 * tag the links on their profiles), else the host of the {@code Referer}, else {@value
 * ReaderOrigin#DIRECT}. Only a host is kept, never a path or a query, which can hold a person's
 * tokens. A {@code Referer} that names no host we can show (an app's package name, junk) is
 * {@value ReaderOrigin#OTHER}, and so is an IP address, as a host or a tag; the site's own hosts count as direct (a reader moving around the site
 * came from nowhere new), and well-known families are grouped (google.* is one source, lnkd.in is LinkedIn).
 */
public final class Sources {
    /** The longest source kept: hosts of real referrers and tags fit; anything longer is junk. */
    static final int MAX_LENGTH = 64;
    /** Where a {@code Referer} goes that is there but names no host we can show: not direct, and not named. */
    private static final String OTHER = ReaderOrigin.OTHER;
    /** Lower-case letters, digits, dots, dashes and underscores: safe in a table, a file and a store's attribute name. */
    private static final Pattern SAFE = Pattern.compile("[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?");
    /**
     * An IPv4 address in its dotted forms (1.2.3.4, and the short 127.1): it can name a person's own
     * machine or home line, so it is never kept. A bracketed IPv6 host already fails {@link #SAFE}.
     */
    private static final Pattern IPV4 = Pattern.compile("[0-9]+(?:\\.[0-9]+){1,3}");

    /** A family of hosts shown as one source. */
    private record Family(String name, Pattern hosts) {
    }

    private static final List<Family> FAMILIES = List.of(
            // Google's search domains: google.com, google.co.uk, www.google.de, news.google.com...
            new Family("google", Pattern.compile("(.+\\.)?google(\\.com?)?\\.[a-z]{2,3}|google")),
            new Family("bing", Pattern.compile("(.+\\.)?bing\\.com|bing")),
            new Family("duckduckgo", Pattern.compile("(.+\\.)?duckduckgo\\.com|duckduckgo|ddg")),
            new Family("linkedin", Pattern.compile("(.+\\.)?linkedin\\.com|lnkd\\.in|linkedin")),
            new Family("github", Pattern.compile("(.+\\.)?github\\.com|github")),
            new Family("hacker news", Pattern.compile("news\\.ycombinator\\.com|hacker ?news|hn")),
            new Family("x", Pattern.compile("t\\.co|(.+\\.)?twitter\\.com|(.+\\.)?x\\.com|twitter|x")));

    private final Set<String> ownHosts;

    /** @param ownHosts the site's own hosts (its canonical address's), besides the one each request names */
    public Sources(Set<String> ownHosts) {
        this.ownHosts = ownHosts.stream().map(host -> withoutWww(host.toLowerCase(Locale.ROOT))).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param ref the page URL's {@code ref} parameter, or null
     * @param utmSource its {@code utm_source} parameter, or null
     * @param referer the {@code Referer} header, or null
     * @param requestHost the host this request was sent to (the site itself), or null
     */
    public String of(String ref, String utmSource, String referer, String requestHost) {
        return tag(ref, requestHost).or(() -> tag(utmSource, requestHost))
                .or(() -> refererHost(referer).map(host -> ownHost(host, requestHost) ? ReaderOrigin.DIRECT : named(host)))
                .orElse(referer == null || referer.isBlank() ? ReaderOrigin.DIRECT : OTHER);
    }

    /** A tag that is safe and not the site itself, named as a host would be; empty for junk, which is ignored. */
    private Optional<String> tag(String value, String requestHost) {
        if (value == null) {
            return Optional.empty();
        }
        String tag = value.trim().toLowerCase(Locale.ROOT);
        // A family's plain name may be written with a space ("hacker news"); nothing else may.
        String family = family(tag);
        if (family != null) {
            return Optional.of(family);
        }
        if (tag.length() > MAX_LENGTH || !SAFE.matcher(tag).matches() || ownHost(tag, requestHost)) {
            return Optional.empty();
        }
        return Optional.of(shown(withoutWww(tag)));
    }

    /** The host of an http(s) referrer, lower case; empty when there is none or it is not a web address with a host. */
    private static Optional<String> refererHost(String referer) {
        if (referer == null || referer.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(referer.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(uri.getHost().toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** A referring host as its family or itself; one that cannot be shown safely is {@value #OTHER}. */
    private static String named(String host) {
        String family = family(host);
        if (family != null) {
            return family;
        }
        return shown(withoutWww(host));
    }

    /** A name as it may be kept: short and safe, and never an IP address; else {@value #OTHER}. */
    private static String shown(String name) {
        return name.length() <= MAX_LENGTH && SAFE.matcher(name).matches() && !IPV4.matcher(name).matches() ? name : OTHER;
    }

    private static String family(String host) {
        for (Family family : FAMILIES) {
            if (family.hosts().matcher(host).matches()) {
                return family.name();
            }
        }
        return null;
    }

    private boolean ownHost(String host, String requestHost) {
        String bare = withoutWww(host);
        return ownHosts.contains(bare) || requestHost != null && bare.equals(withoutWww(requestHost.toLowerCase(Locale.ROOT)));
    }

    private static String withoutWww(String host) {
        return host.startsWith("www.") ? host.substring(4) : host;
    }
}
