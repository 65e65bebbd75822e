package dev.resumesite.resume;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What counts as a link the page can show: absolute URLs, or a bare host name people often write. */
public final class Urls {
    /** Schemes that run code or reach into the visitor's own machine: never a link on a CV. */
    private static final Set<String> UNSAFE_SCHEMES = Set.of("javascript", "vbscript", "data", "file", "blob");

    /** "github.com/someone" or "www.example.com": a host name with a dot, then optionally a path. */
    private static final Pattern BARE_HOST = Pattern.compile("(?i)[a-z0-9-]+(\\.[a-z0-9-]+)+(:\\d+)?([/?#]\\S*)?");

    /** scheme://[user@]host then the rest: where an internationalised host name sits in a URL. */
    private static final Pattern HOST = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?)([^/?#:\\[\\]]+)(.*)$", Pattern.DOTALL);

    private Urls() {
    }

    /**
     * The URL a browser is sent to: as written, except that an internationalised host name
     * ("zoë.example.com") becomes its ASCII (Punycode) form and other non-ASCII characters are
     * percent-encoded, as browsers do with what a person types. The page still shows the written form.
     */
    public static String href(String written) {
        String url = written.strip();
        Matcher m = HOST.matcher(url);
        try {
            String ascii = m.matches() ? m.group(1) + IDN.toASCII(m.group(2)) + m.group(3) : url;
            return new URI(ascii).toASCIIString();
        } catch (IllegalArgumentException | URISyntaxException e) {
            return url; // not a URL IDN or URI can read: the checks below reject it with its path
        }
    }

    /** An absolute http or https URL with a host. */
    static boolean isWeb(String value) {
        try {
            URI uri = new URI(href(value));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** An absolute URI a reader can follow: http(s), but also mailto:, tel: and the like; never javascript: or data:. */
    static boolean isLink(String value) {
        try {
            URI uri = new URI(href(value));
            return uri.isAbsolute() && !UNSAFE_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    && (uri.isOpaque() || uri.getHost() != null);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Whether the value is a web address written without its scheme, which https:// completes unambiguously. */
    static boolean isBareHost(String value) {
        return BARE_HOST.matcher(value.strip()).matches();
    }

}
