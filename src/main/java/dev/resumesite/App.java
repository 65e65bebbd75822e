package dev.resumesite;

import dev.resumesite.config.AppConfig;
import dev.resumesite.counter.Count;
import dev.resumesite.counter.CounterKey;
import dev.resumesite.counter.CounterStore;
import dev.resumesite.counter.DirectVisitCounter;
import dev.resumesite.counter.DynamoDbClients;
import dev.resumesite.counter.DynamoDbCounterStore;
import dev.resumesite.counter.SqliteCounterStore;
import dev.resumesite.counter.VisitCounter;
import dev.resumesite.resume.Resume;
import dev.resumesite.resume.ResumeLoader;
import dev.resumesite.server.WebServer;
import dev.resumesite.view.AssetCatalog;
import dev.resumesite.view.PageRenderer;
import dev.resumesite.web.ApiViewsServlet;
import dev.resumesite.web.AssetServlet;
import dev.resumesite.web.HealthServlet;
import dev.resumesite.web.NotFoundServlet;
import dev.resumesite.web.PageServlet;
import dev.resumesite.web.PageViewPolicy;
import dev.resumesite.web.ResponseHeadersFilter;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root: builds every object of the running site from a validated {@link AppConfig}
 * with plain constructors. Assembling does no listening, so tests boot the real wiring on port 0.
 */
public final class App implements AutoCloseable {
    private final WebServer server;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    private App(AppConfig config) {
        Clock clock = Clock.systemUTC();
        Resume resume = config.resumeFile().map(new ResumeLoader()::load).orElseGet(new ResumeLoader()::loadBundled);
        AssetCatalog assets = AssetCatalog.fromClasspath();
        PageRenderer renderer = new PageRenderer(Map.of("resume", resume, "assets", assets));
        renderer.checkRenders("index", Map.of("count", Count.exact(0)));
        CounterKey pageViews = CounterKey.pageViews(config.siteId());
        VisitCounter counter = opened(new DirectVisitCounter(store(config), pageViews));

        server = new WebServer(config.port())
                .filter("response-headers", new ResponseHeadersFilter())
                .route("page", new PageServlet(counter, new PageViewPolicy(), renderer, clock), "")
                .route("api-views", new ApiViewsServlet(counter, clock), "/api/views")
                .route("health", new HealthServlet(counter), "/healthz")
                .route("assets", new AssetServlet(assets), AssetCatalog.URL_PREFIX + "*", AssetServlet.FAVICON_PATH)
                .route("not-found", new NotFoundServlet(), "/");
    }

    public static App assemble(AppConfig config) {
        return new App(config);
    }

    private CounterStore store(AppConfig config) {
        if (config.store() == AppConfig.StoreKind.EMBEDDED) {
            return new SqliteCounterStore(config.dataDir());
        }
        AppConfig.DynamoDbSettings settings = config.dynamoDb();
        DynamoDbClient client = opened(DynamoDbClients.create(settings));
        if (settings.createTable()) {
            DynamoDbClients.createTableIfMissing(client, settings.table());
        }
        return new DynamoDbCounterStore(client, settings.table(), CounterKey.pageViews(config.siteId()));
    }

    private <T extends AutoCloseable> T opened(T resource) {
        opened.push(resource);
        return resource;
    }

    public App start() {
        server.start();
        return this;
    }

    public int port() {
        return server.port();
    }

    /** Stops taking requests first, then closes what was opened, newest first. */
    @Override
    public void close() {
        server.stop();
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                System.err.println("closing failed: " + e);
            }
        }
    }
}
