package dev.resumesite.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP proxy on a free loopback port in the role of CloudFront in front of the origin
 * (nginx of an {@link ElasticBeanstalkSimulation}). Per request it does what the distribution in
 * infra/stack.yml does on the way to the origin (CloudFront developer guide, "Add CloudFront request
 * headers" and "Request and response behavior for custom origins"):
 * <ul>
 * <li>adds {@code X-Origin-Verify} with the origin secret (OriginCustomHeaders);</li>
 * <li>adds {@code CloudFront-Viewer-Address} ({@code ip:port} of the viewer), {@code CloudFront-Viewer-Country}
 * (the two letters of the viewer's country) and {@code CloudFront-Forwarded-Proto: https} (the origin
 * request policy; viewers always use HTTPS because of redirect-to-https), replacing any a viewer sent;</li>
 * <li>appends the viewer's address to {@code X-Forwarded-For} (or starts it);</li>
 * <li>passes every other viewer header, the method, path, query and body; answers 502 when the
 * origin cannot be reached.</li>
 * </ul>
 * Not modelled: caching of /assets/* (an uncached pass-through shows what the origin sends), TLS,
 * the viewer's Host header (Java's HTTP client sets Host itself) and the Via header.
 *
 * <p>Tests that need many viewers set {@link #VIEWER_ADDRESS_HEADER} on a request to choose the
 * viewer address CloudFront reports (for per-address limits), and {@link #VIEWER_COUNTRY_HEADER} to
 * choose the country ({@value #DEFAULT_COUNTRY} otherwise); the proxy removes both.
 */
public final class CloudFrontSimulation implements AutoCloseable {
    /** Test-only: the {@code ip:port} this request's viewer should appear to have. */
    public static final String VIEWER_ADDRESS_HEADER = "X-Simulated-Viewer-Address";
    /** Test-only: the country this request's viewer should appear to be in. */
    public static final String VIEWER_COUNTRY_HEADER = "X-Simulated-Viewer-Country";
    /** Where a viewer is when the test does not say: CloudFront sends a country with every request. */
    static final String DEFAULT_COUNTRY = "US";
    /** CloudFront's origin read timeout in infra/stack.yml. */
    static final Duration ORIGIN_READ_TIMEOUT = Duration.ofSeconds(30);

    /** Never forwarded: hop-by-hop, set by the HTTP client itself, or CloudFront's own. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length",
            "expect", "date", "from", "via", "warning", "x-origin-verify", "cloudfront-viewer-address",
            "cloudfront-viewer-country", "cloudfront-forwarded-proto", VIEWER_ADDRESS_HEADER.toLowerCase(Locale.ROOT),
            VIEWER_COUNTRY_HEADER.toLowerCase(Locale.ROOT));
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "date");

    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient origin = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI originBase;
    private final String originSecret;

    private CloudFrontSimulation(URI originBase, String originSecret, int threadCount) throws IOException {
        this.originBase = originBase;
        this.originSecret = originSecret;
        threads = Executors.newFixedThreadPool(threadCount);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
    }

    /** A proxy to {@code originBase} (e.g. {@code http://127.0.0.1:PORT}) that sends {@code originSecret}. */
    public static CloudFrontSimulation start(URI originBase, String originSecret) {
        return start(originBase, originSecret, 64);
    }

    /** The same with {@code threadCount} concurrent viewer requests (floods want more). */
    public static CloudFrontSimulation start(URI originBase, String originSecret, int threadCount) {
        try {
            return new CloudFrontSimulation(originBase, originSecret, threadCount);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the CloudFront simulation", e);
        }
    }

    /** A viewer's URL (what https://resume.example.com/... is in production). */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            HttpRequest.Builder request = HttpRequest.newBuilder(originBase.resolve(exchange.getRequestURI().getRawPath()
                            + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())))
                    .timeout(ORIGIN_READ_TIMEOUT)
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase("X-Forwarded-For")) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            String viewer = viewerAddress(exchange);
            String viewerIp = viewer.substring(0, viewer.lastIndexOf(':'));
            String forwardedFor = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
            request.header("X-Forwarded-For", forwardedFor == null ? viewerIp : forwardedFor + ", " + viewerIp);
            request.header("CloudFront-Viewer-Address", viewer);
            String country = exchange.getRequestHeaders().getFirst(VIEWER_COUNTRY_HEADER);
            request.header("CloudFront-Viewer-Country", country == null ? DEFAULT_COUNTRY : country);
            request.header("CloudFront-Forwarded-Proto", "https");
            if (!originSecret.isEmpty()) {
                request.header("X-Origin-Verify", originSecret);
            }
            HttpResponse<InputStream> response;
            try {
                response = origin.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                byte[] error = ("502 Bad Gateway: the CloudFront simulation could not reach the origin: " + e + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(502, error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            byte[] answer;
            try (InputStream in = response.body()) {
                answer = in.readAllBytes();
            }
            response.headers().map().forEach((name, values) -> {
                if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            int status = response.statusCode();
            boolean noBody = method.equals("HEAD") || status == 204 || status == 304 || answer.length == 0;
            exchange.sendResponseHeaders(status, noBody ? -1 : answer.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String viewerAddress(HttpExchange exchange) {
        String chosen = exchange.getRequestHeaders().getFirst(VIEWER_ADDRESS_HEADER);
        if (chosen != null && chosen.contains(":")) {
            return chosen;
        }
        InetSocketAddress remote = exchange.getRemoteAddress();
        return remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
