package dev.resumesite.web;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Every response header and every request limit the site applies, in one place, so a reviewer can
 * read the whole HTTP surface here and the hardening work has one file to change.
 */
public final class HttpPolicy {
    private HttpPolicy() {
    }

    /** Counted pages, the API and errors: never stored anywhere, or a cache would freeze the count. */
    public static final String NO_STORE = "no-store";

    /** Fingerprinted assets: the URL changes with the content, so caches may keep them for a year. */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /** Un-fingerprinted well-known files such as {@code /favicon.ico}: a day, then revalidate. */
    public static final String ONE_DAY = "public, max-age=86400";

    /**
     * Sent on every response. The site runs no script and is never framed, so the content security
     * policy forbids both outright. It loads images from itself and, when {@code basics.image} is a
     * URL, from exactly that image's origin (see {@link #securityHeaders}). {@code connect-src 'self'}
     * lets tools that run in the page's context (Lighthouse fetching /robots.txt) read our own files;
     * with no script of ours, nothing else can use it.
     */
    public static final Map<String, String> SECURITY_HEADERS = securityHeaders(Optional.empty());

    /** {@link #SECURITY_HEADERS}, with the portrait's origin (e.g. "https://cdn.example.com") added to img-src. */
    public static Map<String, String> securityHeaders(Optional<String> imageOrigin) {
        return Map.of(
                "Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'"
                        + imageOrigin.map(origin -> " " + origin).orElse("")
                        + "; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "strict-origin-when-cross-origin",
                "Cross-Origin-Opener-Policy", "same-origin",
                "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    }

    /** The header our CloudFront distribution adds with the origin secret ({@code ORIGIN_SECRET}). */
    public static final String ORIGIN_HEADER = "X-Origin-Verify";

    /**
     * The post-deploy check sends {@code SYNTHETIC_CHECK_SECRET} in this header and is counted on
     * {@link #SYNTHETIC_COUNTER}, never on the public count; the answer carries the same header with
     * the counter's name, so the check knows before counting that its secret was recognised.
     */
    public static final String SYNTHETIC_CHECK_HEADER = "X-Synthetic-Check";
    public static final String SYNTHETIC_COUNTER = "synthetic-views";

    /** The load balancer's health check: never counted, never behind the origin secret. */
    public static final String HEALTH_PATH = "/healthz";

    /** On a 503 from a store failure (one-write-per-view mode only): the backoff tops out around then. */
    public static final String RETRY_AFTER_SECONDS = "5";

    /**
     * {@code /badge.svg}: a minute, like the figures behind it (StatsSource); CloudFront and GitHub's
     * image proxy may keep it that long, and revalidate with its {@code ETag}.
     */
    public static final String BADGE_CACHE = "public, max-age=60";

    /** {@code X-Robots-Tag} of {@code /stats} and its exports: numbers for people, not for search results. */
    public static final String NOT_INDEXED = "noindex, nofollow";

    /** How long a browser may reuse an answered CORS preflight of the counting APIs. */
    public static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

    /** Sent only when the original request reached the edge over HTTPS. */
    public static final String HSTS = "max-age=31536000; includeSubDomains";

    // Connector limits: the site takes no uploads and needs no long-lived connections.
    public static final int MAX_THREADS = 200;
    public static final int ACCEPT_COUNT = 200;
    public static final int MAX_CONNECTIONS = 4096;
    public static final int MAX_HEADER_BYTES = 8 * 1024;
    public static final int MAX_BODY_BYTES = 1024;
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    /** Compressed when the client asks: CloudFront passes uncached pages through as the app sends them. */
    public static final String COMPRESSIBLE_TYPES = "text/html,text/css,text/plain,application/json,image/svg+xml";
    public static final int COMPRESSION_MIN_BYTES = 1024;
    /** Shorter than the load balancer's idle timeout (60 s) is wrong; longer keeps sockets for nothing. */
    public static final Duration KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(65);
}
