package dev.resumesite.web;

import dev.resumesite.net.IpLiteral;
import dev.resumesite.net.TrustedProxies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Behind CloudFront, the load balancer and nginx, the peer of every request is a proxy. When (and only
 * when) that peer is a {@link TrustedProxies trusted proxy}, this filter takes the visitor's address
 * from {@code CloudFront-Viewer-Address} or {@code X-Forwarded-For} and the original scheme from
 * {@code CloudFront-Forwarded-Proto} or {@code X-Forwarded-Proto}; otherwise the headers are ignored.
 * The {@code Host} header is never used to build anything. The address it yields is who the visitor
 * is for honest counting. CloudFront's {@code CloudFront-Viewer-Country} is believed on the same terms:
 * from a trusted proxy it is kept as the request attribute {@link #VIEWER_COUNTRY}, from anyone else never.
 *
 * <p>Why not Tomcat's {@code RemoteIpValve}: given CIDR ranges (as {@code TRUSTED_PROXIES} is), it
 * checks each {@code X-Forwarded-For} hop with {@code InetAddress.getByName} (Tomcat 11.0.27,
 * {@code NetMaskSet.contains}), a DNS query for a hop such as {@code 999.1.1.7}; and it cannot read
 * CloudFront's {@code CloudFront-Viewer-Address}, which is the only place the viewer's address
 * survives CloudFront and the load balancer. So this small filter stays.
 */
public final class ForwardedRequestFilter extends HttpFilter {
    /** The request attribute holding {@code CloudFront-Viewer-Country} as a trusted proxy passed it; absent otherwise. */
    public static final String VIEWER_COUNTRY = "dev.resumesite.viewerCountry";

    private final TrustedProxies trusted;

    public ForwardedRequestFilter(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!trusted.contains(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        String client = clientAddress(request.getRemoteAddr(), request::getHeader);
        boolean https = "https".equals(originalScheme(request::getHeader));
        String country = request.getHeader("CloudFront-Viewer-Country");
        if (country != null) {
            request.setAttribute(VIEWER_COUNTRY, country);
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteAddr() {
                return client;
            }

            @Override
            public boolean isSecure() {
                return https || super.isSecure();
            }

            @Override
            public String getScheme() {
                return isSecure() ? "https" : "http";
            }

            /** Tomcat takes a Host without a port to mean the plain hop's 80; the visitor's HTTPS is 443. */
            @Override
            public int getServerPort() {
                String host = request.getHeader("Host");
                boolean portNamed = host != null && host.matches(".*:\\d+");
                return https && !portNamed ? 443 : super.getServerPort();
            }
        }, response);
    }

    /**
     * Whether the visitor's own connection was HTTPS: this one, or the one a trusted proxy says it
     * forwarded. For answers written before this filter runs (Tomcat's own, the strict adapter's).
     */
    public boolean overHttps(HttpServletRequest request) {
        return request.isSecure()
                || trusted.contains(request.getRemoteAddr()) && "https".equals(originalScheme(request::getHeader));
    }

    /** The visitor's address for a request whose peer, {@code proxy}, is trusted. */
    String clientAddress(String proxy, UnaryOperator<String> header) {
        String viewer = header.apply("CloudFront-Viewer-Address");
        if (viewer != null) {
            // "203.0.113.7:52311" or "2001:db8::1:52311": the port follows the last colon.
            String address = viewer.substring(0, Math.max(viewer.lastIndexOf(':'), 0)).trim();
            if (IpLiteral.looksLikeIp(address)) {
                return address;
            }
        }
        String forwarded = header.apply("X-Forwarded-For");
        if (forwarded != null) {
            // Each proxy appends its peer: walk from the right past our own proxies to the first stranger.
            List<String> hops = List.of(forwarded.split(","));
            for (int i = hops.size() - 1; i >= 0; i--) {
                String hop = hops.get(i).trim();
                if (!IpLiteral.looksLikeIp(hop)) {
                    break;
                }
                if (!trusted.contains(hop) || i == 0) {
                    return hop;
                }
            }
        }
        return proxy;
    }

    static String originalScheme(UnaryOperator<String> header) {
        String proto = header.apply("CloudFront-Forwarded-Proto");
        if (proto == null) {
            proto = header.apply("X-Forwarded-Proto");
        }
        // A chain of proxies may list several; the first is what the visitor used.
        return proto == null ? null : proto.split(",")[0].trim().toLowerCase(Locale.ROOT);
    }
}
