package dev.resumesite.server;

import dev.resumesite.config.ConfigException;
import dev.resumesite.web.HttpPolicy;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Predicate;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Embedded Tomcat with servlets registered as instances in code: no web.xml, no annotation or jar
 * scanning. Built first, started later, so tests can boot the real wiring on port 0.
 */
public final class WebServer {
    private final Tomcat tomcat = new Tomcat();
    private final Context context;
    private final Path baseDir;
    private final InFlightRequests inFlight = new InFlightRequests();
    private final InetAddress address;
    private final int port;

    /**
     * @param address the interface to listen on (BIND_ADDRESS): loopback, a wildcard, or one of this machine's addresses
     * @param errorPages the bodies of every error response, Tomcat's own included
     * @param overHttps whether a request reached the site over HTTPS (behind a trusted proxy, as it says):
     *     then the answers written before any filter runs carry HSTS too
     */
    public WebServer(InetAddress address, int port, ErrorPages errorPages, Predicate<HttpServletRequest> overHttps) {
        this.address = address;
        this.port = port;
        try {
            baseDir = Files.createTempDirectory("resume-site-tomcat");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setConnector(connector(address, port, overHttps));
        context = tomcat.addContext("", baseDir.toString());
        // Nothing to scan: every servlet is registered below as an object.
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        scanner.setScanManifest(false);
        context.setJarScanner(scanner);
        // Tomcat's error-report valve, with our pages: the host uses this one instead of adding its default.
        StandardHost host = (StandardHost) tomcat.getHost();
        host.setErrorReportValveClass(ErrorPageValve.class.getName());
        host.getPipeline().addValve(new ErrorPageValve(errorPages, overHttps));
        filter("in-flight", inFlight);
        filter("body-limit", new BodyLimitFilter());
    }

    private static Connector connector(InetAddress address, int port, Predicate<HttpServletRequest> overHttps) {
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(port);
        connector.setProperty("address", address.getHostAddress());
        connector.setProperty("maxThreads", Integer.toString(HttpPolicy.MAX_THREADS));
        connector.setProperty("acceptCount", Integer.toString(HttpPolicy.ACCEPT_COUNT));
        connector.setProperty("maxConnections", Integer.toString(HttpPolicy.MAX_CONNECTIONS));
        connector.setProperty("maxHttpHeaderSize", Integer.toString(HttpPolicy.MAX_HEADER_BYTES));
        connector.setProperty("connectionTimeout", Long.toString(HttpPolicy.CONNECTION_TIMEOUT.toMillis()));
        connector.setProperty("keepAliveTimeout", Long.toString(HttpPolicy.KEEP_ALIVE_TIMEOUT.toMillis()));
        connector.setProperty("maxKeepAliveRequests", Integer.toString(HttpPolicy.MAX_KEEP_ALIVE_REQUESTS));
        connector.setProperty("maxHeaderCount", Integer.toString(HttpPolicy.MAX_HEADER_COUNT));
        connector.setProperty("maxSwallowSize", Integer.toString(HttpPolicy.MAX_SWALLOW_BYTES));
        // 400 for encoded dot segments (/%2e%2e/) and dot segments with path parameters (/..;/).
        connector.setProperty("rejectSuspiciousURIs", "true");
        connector.setProperty("server", "resume-site");
        connector.setProperty("compression", Integer.toString(HttpPolicy.COMPRESSION_MIN_BYTES));
        connector.setProperty("compressibleMimeType", HttpPolicy.COMPRESSIBLE_TYPES);
        connector.setMaxPostSize(HttpPolicy.MAX_BODY_BYTES);
        connector.setXpoweredBy(false);
        // Tomcat builds its request adapter when the connector initialises; ours replaces it before any
        // connection is accepted.
        connector.addLifecycleListener(event -> {
            if (Lifecycle.AFTER_INIT_EVENT.equals(event.getType())) {
                connector.getProtocolHandler().setAdapter(new StrictRequestAdapter(connector, overHttps));
            }
        });
        // A port that cannot be bound fails start(), instead of a logged error and a server on no port.
        connector.setThrowOnFailure(true);
        return connector;
    }

    /** Maps a servlet instance to URL patterns ({@code ""} is the site root exactly, {@code "/"} everything else). */
    public WebServer route(String name, Servlet servlet, String... patterns) {
        Tomcat.addServlet(context, name, servlet);
        for (String pattern : patterns) {
            context.addServletMapping(pattern, name);
        }
        return this;
    }

    /** Applies a filter to every request. */
    public WebServer filter(String name, Filter filter) {
        FilterDef def = new FilterDef();
        def.setFilterName(name);
        def.setFilter(filter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName(name);
        map.addURLPattern("/*");
        context.addFilterMap(map);
        return this;
    }

    public void start() {
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException && String.valueOf(cause.getMessage()).contains("assign requested address")) {
                    throw new ConfigException("BIND_ADDRESS=" + address.getHostAddress() + ": cannot listen (" + cause.getMessage()
                            + "); it is not an address of this machine: use 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)");
                }
                if (cause instanceof BindException) {
                    throw new ConfigException("PORT=" + port + ": cannot listen (" + cause.getMessage()
                            + "); stop the process using it or choose another PORT");
                }
            }
            throw new IllegalStateException("the web server did not start: " + e.getMessage(), e);
        }
    }

    /** The port actually bound, which differs from the configured one when that was 0. */
    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    /**
     * The first half of a graceful stop: refuse new connections, then wait up to {@code grace} for
     * requests already being served to finish.
     *
     * @return how many requests were still running when the grace ran out (0 normally)
     */
    public int drain(Duration grace) {
        tomcat.getConnector().pause();
        try {
            return inFlight.awaitIdle(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Only a temporary work directory is left behind.
        }
    }

    public void stop() {
        try {
            tomcat.stop();
            tomcat.destroy();
            deleteTree(baseDir);
        } catch (LifecycleException e) {
            throw new IllegalStateException("the web server did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
