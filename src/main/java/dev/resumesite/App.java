package dev.resumesite;

import dev.resumesite.config.AppConfig;
import dev.resumesite.config.ConfigException;
import dev.resumesite.counter.CounterKey;
import dev.resumesite.counter.CounterStore;
import dev.resumesite.counter.DirectVisitCounter;
import dev.resumesite.counter.DynamoDbClients;
import dev.resumesite.counter.DynamoDbCounterStore;
import dev.resumesite.counter.GroupCommitCounter;
import dev.resumesite.counter.Housekeeping;
import dev.resumesite.counter.PathCounter;
import dev.resumesite.counter.SqliteCounterStore;
import dev.resumesite.counter.StoreMisconfiguredException;
import dev.resumesite.counter.VisitCounter;
import dev.resumesite.pdf.Paper;
import dev.resumesite.pdf.ResumePdf;
import dev.resumesite.resume.Resume;
import dev.resumesite.resume.ResumeLoader;
import dev.resumesite.server.ErrorPages;
import dev.resumesite.server.WebServer;
import dev.resumesite.view.AssetCatalog;
import dev.resumesite.stats.StatsSource;
import dev.resumesite.view.CountedPage;
import dev.resumesite.view.PageRenderer;
import dev.resumesite.view.ResumeView;
import dev.resumesite.visitor.DailySecrets;
import dev.resumesite.visitor.AddressBudget;
import dev.resumesite.visitor.PathVisitors;
import dev.resumesite.visitor.RobotFilter;
import dev.resumesite.visitor.Sources;
import dev.resumesite.visitor.Visitors;
import dev.resumesite.web.ApiHitsServlet;
import dev.resumesite.web.ApiViewsServlet;
import dev.resumesite.web.AssetServlet;
import dev.resumesite.web.BadgeServlet;
import dev.resumesite.web.CrossOrigin;
import dev.resumesite.web.ForwardedRequestFilter;
import dev.resumesite.web.HealthServlet;
import dev.resumesite.web.HttpPolicy;
import dev.resumesite.web.NotFoundServlet;
import dev.resumesite.web.OriginGuardFilter;
import dev.resumesite.web.PageServlet;
import dev.resumesite.web.PageViewPolicy;
import dev.resumesite.web.PageViews;
import dev.resumesite.web.PdfServlet;
import dev.resumesite.web.ResponseHeadersFilter;
import dev.resumesite.web.SiteFilesServlet;
import dev.resumesite.web.StatsServlet;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root: builds every object of the running site from a validated {@link AppConfig}
 * with plain constructors. Assembling does no listening, so tests boot the real wiring on port 0.
 */
public final class App {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    /** How often the day's secrets are checked: cheap when known, and soon retried when the store was away. */
    private static final Duration SECRETS_REFRESH = Duration.ofSeconds(15);
    /** The download counter's name beside "views" and "synthetic-views". */
    private static final String PDF_DOWNLOADS = "pdf";

    private final AppConfig config;
    private final DynamoDbClient dynamoDb;
    private final VisitCounter counter;
    /** The post-deploy check's own counter (same store, same item layout, key "synthetic-views"). */
    private final VisitCounter syntheticChecks;
    /** The day's secrets, old visitor marks and dead writer marks: store upkeep off the request path. */
    private final Housekeeping housekeeping = new Housekeeping();
    private final ResumePdf pdf;
    private final WebServer server;

    private App(AppConfig config) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        Resume resume = config.resumeFile().map(new ResumeLoader()::load).orElseGet(new ResumeLoader()::loadBundled);
        AssetCatalog assets = AssetCatalog.fromClasspath();
        ResumeView view = new ResumeView(resume, assets);
        PageRenderer renderer = new PageRenderer(view.variables());
        CountedPage page = new CountedPage(renderer, "index");

        dynamoDb = config.store() == AppConfig.StoreKind.DYNAMODB ? DynamoDbClients.create(config.dynamoDb()) : null;
        CounterKey pageViews = CounterKey.pageViews(config.siteId());
        CounterKey pdfKey = new CounterKey(config.siteId(), PDF_DOWNLOADS);
        CounterStore store;
        try {
            store = store();
            counter = counter(store, pageViews);
            syntheticChecks = counter(store, new CounterKey(config.siteId(), HttpPolicy.SYNTHETIC_COUNTER));
        } catch (RuntimeException e) {
            closeDynamoDb(); // Its connection pool must not outlive a failed start.
            throw e;
        }
        DailySecrets secrets = new DailySecrets(store, config.siteId(), clock);
        secrets.loadToday(); // Now, so the first visitor finds today's secret (the background task retries if the store is away).
        housekeeping.schedule("visitor secrets", SECRETS_REFRESH, SECRETS_REFRESH, secrets::refresh);
        housekeeping.schedule("dead writer marks", Duration.ofMinutes(1), Duration.ofDays(1), () -> java.util.stream.Stream.of(counter, syntheticChecks)
                .filter(GroupCommitCounter.class::isInstance).map(GroupCommitCounter.class::cast)
                .forEach(GroupCommitCounter::forgetDeadWriters));
        RobotFilter robots = new RobotFilter();
        Visitors visitors = new Visitors(secrets, pageViews, robots, config.reloadWindow());
        AppConfig.AddressLimits limits = config.addressBudget();
        java.util.function.Supplier<AddressBudget> newBudget = () -> new AddressBudget(limits.views(), limits.visitors(), limits.window());
        AddressBudget budget = newBudget.get();
        Optional<String> syntheticSecret = Optional.of(config.syntheticCheckSecret()).filter(secret -> !secret.isEmpty());
        // The site's own host (from meta.canonical) is no source of its readers; neither is the host a request names.
        Sources sources = new Sources(view.canonical().map(URI::getHost).stream().collect(Collectors.toSet()));
        PageViews views = new PageViews(counter, syntheticChecks, visitors, budget, sources, config.countTestToken(), syntheticSecret, clock);
        // Downloads of /resume.pdf: counted like page views, on their own counter and address budget, never in
        // the page's. A download is rare, so it is written on its request (as /api/hits paths are): no writer
        // thread, and nothing pending at shutdown, so this counter needs no close of its own.
        PageViews downloads = new PageViews(new DirectVisitCounter(store, pdfKey), syntheticChecks,
                new Visitors(secrets, pdfKey, robots, config.reloadWindow()),
                newBudget.get(), sources, config.countTestToken(), syntheticSecret, clock);
        AppConfig.Sharing sharing = config.sharing();
        StatsSource stats = new StatsSource(store, pageViews, pdfKey, clock, sharing.statsRefresh());
        CrossOrigin crossOrigin = new CrossOrigin(sharing.allowedOrigins());
        PathCounter hitPaths = new PathCounter(store, config.siteId(), sharing.maxHitPaths(), config.countWait());
        housekeeping.schedule("path writer marks", Duration.ofMinutes(2), Duration.ofDays(1), hitPaths::forgetDeadWriters);
        PathVisitors pathVisitors = new PathVisitors(secrets, pageViews, robots, config.reloadWindow(), sharing.hitsPerMinute());

        pdf = new ResumePdf(renderer, resume.basics().displayName());
        ForwardedRequestFilter forwarded = new ForwardedRequestFilter(config.trustedProxies());
        server = new WebServer(config.bindAddress(), config.port(), new ErrorPages(renderer), forwarded::overHttps)
                .filter("origin-guard", new OriginGuardFilter(config.originSecret()))
                .filter("forwarded-request", forwarded)
                .filter("response-headers", new ResponseHeadersFilter(HttpPolicy.securityHeaders(view.imageOrigin())))
                .route("page", new PageServlet(new PageViewPolicy(), page, views), "")
                .route("pdf", new PdfServlet(pdf, downloads), PdfServlet.PATH)
                .route("api-views", new ApiViewsServlet(views, crossOrigin), "/api/views")
                .route("api-hits", new ApiHitsServlet(counter, hitPaths, pathVisitors, budget, crossOrigin, clock), "/api/hits")
                .route("stats", new StatsServlet(stats, renderer, config.siteId(), sharing.statsToken()),
                        StatsServlet.PAGE, StatsServlet.CSV, StatsServlet.JSON)
                .route("badge", new BadgeServlet(stats), BadgeServlet.PATH)
                .route("health", new HealthServlet(counter, visitors), HttpPolicy.HEALTH_PATH)
                .route("site-files", new SiteFilesServlet(view.canonical()), SiteFilesServlet.ROBOTS_PATH, SiteFilesServlet.SITEMAP_PATH)
                .route("assets", new AssetServlet(assets), AssetCatalog.URL_PREFIX + "*", AssetServlet.FAVICON_PATH)
                .route("not-found", new NotFoundServlet(), "/");
    }

    public static App assemble(AppConfig config) {
        return new App(config);
    }

    /** The configured store; one the owner must fix stops start-up with its one-line reason. */
    private CounterStore store() {
        try {
            if (dynamoDb == null) {
                return new SqliteCounterStore(config.dataDir(), config.countWait());
            }
            DynamoDbClients.checkEndpoint(dynamoDb, config.dynamoDb());
            if (config.dynamoDb().createTable()) {
                DynamoDbClients.createTableIfMissing(dynamoDb, config.dynamoDb().table());
            }
            return new DynamoDbCounterStore(dynamoDb, config.dynamoDb().table(), config.countWait(),
                    CounterKey.pageViews(config.siteId()));
        } catch (StoreMisconfiguredException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private VisitCounter counter(CounterStore store, CounterKey pageViews) {
        if (config.counterMode() == AppConfig.CounterMode.DIRECT) {
            return new DirectVisitCounter(store, pageViews);
        }
        // A fresh writer id per process: its batch sequences never collide with another instance's.
        String writerId = UUID.randomUUID().toString().substring(0, 13);
        return new GroupCommitCounter(store, pageViews, writerId, config.countWait(), config.backlogLimit());
    }

    /** Starts listening; on failure (a port in use) closes everything assembled, so no thread lingers. */
    public App start() {
        try {
            server.start();
        } catch (RuntimeException e) {
            housekeeping.close();
            counter.close(Duration.ZERO);
            syntheticChecks.close(Duration.ZERO);
            server.stop();
            closeDynamoDb();
            throw e;
        }
        return this;
    }

    /**
     * Renders the A4 PDF on a background thread, so the first download after a start does not wait for
     * a cold JVM's rendering (bench/pdf: about 2.4 s for sixty jobs on 2 cores, 0.5 s once warm). Main
     * calls it; tests, which boot many apps, leave the PDF to its first request.
     */
    public void preparePdf() {
        Thread warmUp = new Thread(() -> {
            long started = System.nanoTime();
            try {
                pdf.bytes(Paper.A4);
                log.info("PDF (A4) ready in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
            } catch (RuntimeException e) {
                log.error("cannot render the PDF; /resume.pdf will try again on its first request", e);
            }
        }, "pdf-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private void closeDynamoDb() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    public int port() {
        return server.port();
    }

    /**
     * The one line an operator reads at start-up: where to open the site and who can reach it, where
     * the count is kept, which resume is shown. bench/run and the tests read the port from its
     * "listening on http://localhost:<port>/".
     */
    public String startUpLine() {
        InetAddress address = config.bindAddress();
        String named = address.getHostAddress();
        String host = address.isLoopbackAddress() || address.isAnyLocalAddress() ? "localhost"
                : address instanceof Inet6Address ? "[" + named + "]" : named;
        String reach = address.isLoopbackAddress() ? "this machine only; BIND_ADDRESS=0.0.0.0 opens it to the network"
                : address.isAnyLocalAddress() ? "every interface, BIND_ADDRESS=" + named
                : "BIND_ADDRESS=" + named + " only";
        String store = switch (config.store()) {
            case EMBEDDED -> "SQLite under " + config.dataDir().toAbsolutePath();
            case DYNAMODB -> "DynamoDB table " + config.dynamoDb().table() + config.dynamoDb().endpoint()
                    .map(endpoint -> " at " + endpoint).orElse(" in " + config.dynamoDb().region());
        };
        String resume = config.resumeFile().map(file -> file.toAbsolutePath().toString())
                .orElse("the bundled content/resume.json");
        return "resume-site: listening on http://" + host + ":" + port() + "/ (" + reach + "); counting in " + store
                + "; showing " + resume;
    }

    /**
     * Graceful stop within the configured grace: refuse new connections, let in-flight requests
     * finish, write the pending visits, then close the server and the DynamoDB client.
     */
    public void close() {
        long started = System.nanoTime();
        Duration grace = config.shutdownGrace();
        int unfinished = server.drain(grace.dividedBy(2));
        if (unfinished > 0) {
            log.warn("shutdown: {} requests still running after {} ms", unfinished, grace.dividedBy(2).toMillis());
        }
        // Keep a second for closing the server and the client after the flush.
        Duration left = grace.minus(Duration.ofNanos(System.nanoTime() - started)).minusSeconds(1);
        housekeeping.close();
        counter.close(left.isNegative() ? Duration.ZERO : left);
        // After the public counter, which needs the shared store open for its flush; closing the
        // store a second time does nothing.
        syntheticChecks.close(Duration.ZERO);
        server.stop();
        closeDynamoDb();
        log.info("shutdown complete in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
}
