package dev.resumesite.web;

import jakarta.servlet.http.HttpServletResponse;
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

    /** The methods some route answers; what an honest {@code OPTIONS *} advertises. */
    public static final String ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS";

    /**
     * Puts the headers every response carries on {@code response}: the security headers, {@code no-store},
     * and HSTS when the visitor came over HTTPS (on plain HTTP browsers ignore it, and it would mislead tests).
     */
    public static void applyCommonHeaders(HttpServletResponse response, boolean overHttps) {
        SECURITY_HEADERS.forEach(response::setHeader);
        response.setHeader("Cache-Control", NO_STORE);
        if (overHttps) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
    }

    // Connector limits, set on the embedded Tomcat (server/WebServer). On Elastic Beanstalk nginx stands in
    // front with its own limits (.platform/nginx/conf.d); these hold for direct and container use as well.

    /** Requests served at once; a page costs well under a millisecond, so 200 is far above need. */
    public static final int MAX_THREADS = 200;
    /** Connections the OS may queue while all {@link #MAX_CONNECTIONS} are taken. */
    public static final int ACCEPT_COUNT = 200;
    /**
     * Open connections, idle or busy. Tomcat's NIO connector holds an idle or slow connection without a
     * thread (its 8 KB read and write buffers, about 16-20 KB of heap each), and it has no per-address
     * cap, so the headroom is what keeps one address holding 5,000 connections from locking everyone
     * else out. Above this, new connections wait in the accept queue. The process needs a file limit
     * above it, and a heap for it: 12,000 held connections are about 200 MB, more than Elastic
     * Beanstalk's -Xmx128m, where nginx in front opens at most about 1,000 connections to the app anyway.
     */
    public static final int MAX_CONNECTIONS = 12_000;
    /** Request line plus headers; browsers send about 1-2 KB. Larger heads get a 400. */
    public static final int MAX_HEADER_BYTES = 8 * 1024;
    /** Header fields per request; browsers send about 20. More gets a 400. */
    public static final int MAX_HEADER_COUNT = 50;
    /**
     * A request body: the counting APIs read at most a small JSON object ({"path": ...}), so 1 KB covers it.
     * The API answers 413 above it ({@code server/BodyLimitFilter}); Tomcat's form parsing stops there too.
     */
    public static final int MAX_BODY_BYTES = 1024;
    /**
     * How much of a refused or unread body Tomcat reads to keep the connection open; beyond it the
     * connection is closed instead of draining a large upload.
     */
    public static final int MAX_SWALLOW_BYTES = 16 * 1024;
    /**
     * The wait for the first byte of a request after connecting, and between any two reads of one. Every
     * real client sends its request head in one packet right after connecting. Tomcat has no deadline
     * for the whole head, so a client sending one byte every few seconds keeps its connection; nginx's
     * client_header_timeout in front is that deadline.
     */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /** Compressed when the client asks: CloudFront passes uncached pages through as the app sends them. */
    public static final String COMPRESSIBLE_TYPES = "text/html,text/css,text/plain,application/json,image/svg+xml";
    public static final int COMPRESSION_MIN_BYTES = 1024;
    /**
     * An idle keep-alive connection is closed after this. Longer than the idle timeouts of what talks to
     * the app (nginx's upstream keepalive_timeout, 60 s; the load balancer's idle timeout, 60 s), so the
     * app never closes a connection that the other side is about to reuse.
     */
    public static final Duration KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(65);
    /** Requests on one kept-alive connection before Tomcat closes it (browsers open new ones freely). */
    public static final int MAX_KEEP_ALIVE_REQUESTS = 1000;
}
