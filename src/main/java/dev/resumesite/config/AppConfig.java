package dev.resumesite.config;

import dev.resumesite.net.IpLiteral;
import dev.resumesite.net.TrustedProxies;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the application reads from its environment, parsed and validated once at start-up.
 * docs/configuration.md lists the same variables; keep the two in step.
 */
public record AppConfig(
        int port,
        InetAddress bindAddress,
        StoreKind store,
        Path dataDir,
        DynamoDbSettings dynamoDb,
        String siteId,
        Duration shutdownGrace,
        Optional<Path> resumeFile,
        TrustedProxies trustedProxies,
        String originSecret,
        CounterMode counterMode,
        Duration countWait,
        int backlogLimit,
        Duration reloadWindow,
        Optional<String> countTestToken,
        String syntheticCheckSecret,
        Sharing sharing,
        AddressLimits addressBudget) {

    /** Which counter store holds the count. */
    public enum StoreKind { EMBEDDED, DYNAMODB }

    /** How visits reach the store: batched (production) or one write each (the benchmark's baseline). */
    public enum CounterMode { GROUP, DIRECT }

    /**
     * The stats page, its exports, the badge and the counting APIs.
     *
     * @param statsToken when present, {@code /stats} and its exports need {@code ?token=<it>}; public otherwise
     * @param statsRefresh how old the figures on {@code /stats} and {@code /badge.svg} may be (zero: read per request)
     * @param allowedOrigins origins such as {@code https://blog.example.com} whose pages may count through
     *     {@code POST /api/hits} and {@code POST /api/views}; the site's own origin may always use the latter
     * @param hitsPerMinute counting requests one visitor may make a minute before getting 429
     * @param maxHitPaths distinct paths one instance counts through {@code /api/hits} before refusing new ones
     */
    public record Sharing(Optional<String> statsToken, Duration statsRefresh, Set<String> allowedOrigins,
                          int hitsPerMinute, int maxHitPaths) {}

    /**
     * How much one client address (IPv6: its /64) may move the numbers: at most {@code views} counted
     * views and {@code visitors} new visitors in each {@code window}, on the page and through the
     * counting APIs together. The defaults and their reasons are in docs/configuration.md.
     */
    public record AddressLimits(int views, int visitors, Duration window) {}

    /** Where the DynamoDB table lives; only read when {@link StoreKind#DYNAMODB} is chosen. */
    public record DynamoDbSettings(String table, String region, Optional<URI> endpoint, boolean createTable) {}

    /**
     * Local runs listen on loopback only: a development server is not offered to the network by
     * accident. Elastic Beanstalk's nginx proxies to 127.0.0.1:PORT, so this is right there too; a
     * container sets 0.0.0.0 (Dockerfile), or its port mapping could not reach the app.
     */
    private static final InetAddress LOOPBACK = ipLiteral("127.0.0.1");

    public static AppConfig fromEnvironment(Map<String, String> environment) {
        EnvReader env = new EnvReader(environment);
        StoreKind store = StoreKind.valueOf(
                env.choice("COUNTER_STORE", "embedded", Set.of("embedded", "dynamodb")).toUpperCase());
        return new AppConfig(
                env.integer("PORT", 8080, 0, 65535),
                env.parsed("BIND_ADDRESS", LOOPBACK, "an IP address of this machine: 127.0.0.1 (the default: this machine "
                        + "only) or 0.0.0.0 (every interface, as in a container)", AppConfig::ipLiteral),
                store,
                env.path("DATA_DIR", Path.of("data")),
                store == StoreKind.DYNAMODB ? dynamoDb(env) : null,
                env.matching("SITE_ID", "default", "[a-z0-9][a-z0-9-]{0,62}",
                        "1 to 63 lower-case letters, digits or dashes, starting with a letter or digit"),
                Duration.ofSeconds(env.integer("SHUTDOWN_GRACE_SECONDS", 20, 1, 300)),
                Optional.ofNullable(env.path("RESUME_FILE", null)),
                env.parsed("TRUSTED_PROXIES", TrustedProxies.none(),
                        "comma-separated CIDR ranges such as 127.0.0.1/32,10.0.0.0/8", TrustedProxies::parse),
                env.secret("ORIGIN_SECRET", "[A-Za-z0-9_-]{16,256}",
                        "16 to 256 letters, digits, '_' or '-' (the stack generates one)"),
                CounterMode.valueOf(env.choice("COUNTER_MODE", "group", Set.of("group", "direct")).toUpperCase()),
                env.millis("COUNT_WAIT_MS", Duration.ofMillis(250), 10, 10_000),
                env.integer("BACKLOG_LIMIT", 100_000, 1, 100_000_000),
                Duration.ofMinutes(env.integer("RELOAD_WINDOW_MINUTES", 30, 0, 1440)),
                Optional.of(env.secret("COUNT_TEST_TOKEN", "[A-Za-z0-9_-]{16,256}",
                        "16 to 256 letters, digits, '_' or '-'")).filter(token -> !token.isEmpty()),
                env.secret("SYNTHETIC_CHECK_SECRET", "[A-Za-z0-9_-]{16,256}",
                        "16 to 256 letters, digits, '_' or '-' (the deploy's post-deploy check sends it)"),
                sharing(env),
                new AddressLimits(
                        env.integer("ADDRESS_MAX_VIEWS", 120, 1, 1_000_000),
                        env.integer("ADDRESS_MAX_VISITORS", 60, 1, 1_000_000),
                        Duration.ofMinutes(env.integer("ADDRESS_WINDOW_MINUTES", 60, 1, 1440))));
    }

    private static Sharing sharing(EnvReader env) {
        return new Sharing(
                Optional.of(env.secret("STATS_TOKEN", "[A-Za-z0-9_-]{16,256}",
                        "16 to 256 letters, digits, '_' or '-'")).filter(token -> !token.isEmpty()),
                Duration.ofSeconds(env.integer("STATS_REFRESH_SECONDS", 60, 0, 3600)),
                env.parsed("ALLOWED_ORIGINS", Set.of(),
                        "comma-separated origins such as https://blog.example.com,https://www.example.com (scheme, host, optional port; no path)",
                        AppConfig::origins),
                env.integer("HITS_PER_MINUTE", 30, 1, 10_000),
                env.integer("HITS_MAX_PATHS", 1000, 1, 100_000));
    }

    /**
     * Parses a list of web origins into their canonical form ({@code https://host[:port]}, lower case),
     * the way a browser writes {@code Origin}: without the scheme's default port ({@code https://x:443}
     * is {@code https://x}), or it would never match.
     */
    static Set<String> origins(String list) {
        Set<String> origins = new HashSet<>();
        for (String entry : list.split(",")) {
            String origin = entry.trim().toLowerCase(Locale.ROOT);
            if (origin.isEmpty()) {
                continue;
            }
            if (!origin.matches("https?://[a-z0-9.-]+(:[1-9]\\d{0,4})?") || URI.create(origin).getPort() > 65535) {
                throw new IllegalArgumentException(origin);
            }
            URI uri = URI.create(origin);
            boolean defaultPort = uri.getPort() == ("https".equals(uri.getScheme()) ? 443 : 80);
            origins.add(defaultPort ? uri.getScheme() + "://" + uri.getHost() : origin);
        }
        return Set.copyOf(origins);
    }

    /** An IP address literal, never a host name: nothing here waits for a DNS lookup. */
    static InetAddress ipLiteral(String text) {
        if (!IpLiteral.looksLikeIp(text)) {
            throw new IllegalArgumentException(text);
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static DynamoDbSettings dynamoDb(EnvReader env) {
        Optional<URI> endpoint = Optional.ofNullable(env.httpUri("DYNAMODB_ENDPOINT"));
        String region = endpoint.isPresent()
                ? env.text("AWS_REGION", "us-east-1")
                : env.required("AWS_REGION", "COUNTER_STORE=dynamodb needs the table's region, e.g. AWS_REGION=us-east-1");
        return new DynamoDbSettings(
                env.matching("DYNAMODB_TABLE", "resume-site-counters", "[a-zA-Z0-9_.-]{3,255}",
                        "a DynamoDB table name: 3 to 255 letters, digits, '_', '-' or '.'"),
                env.matching("AWS_REGION", region, "[a-z]{2}(-[a-z]+)+-\\d", "an AWS region such as us-east-1"),
                endpoint,
                env.flag("DYNAMODB_CREATE_TABLE", false));
    }
}
