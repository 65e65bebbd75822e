package dev.resumesite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.net.IpLiteral;
import dev.resumesite.net.TrustedProxies;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ForwardedRequestFilterTest {
    private final TrustedProxies trusted = TrustedProxies.parse("127.0.0.1/32, 10.0.0.0/8, ::1/128");
    private final ForwardedRequestFilter filter = new ForwardedRequestFilter(trusted);

    @Test
    void trusted_ranges_match_by_prefix_for_both_address_families() {
        assertTrue(trusted.contains("10.200.3.4"));
        assertTrue(trusted.contains("127.0.0.1"));
        assertTrue(trusted.contains("::1"));
        assertFalse(trusted.contains("11.0.0.1"));
        assertFalse(trusted.contains("127.0.0.2"));
        assertFalse(trusted.contains("example.com"), "names are never resolved");
        assertFalse(TrustedProxies.none().contains("127.0.0.1"));
    }

    @Test
    void bad_ranges_are_rejected() {
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("intranet/8"));
    }

    @Test
    void cloudfront_viewer_address_wins_and_loses_its_port() {
        assertEquals("203.0.113.7", filter.clientAddress("127.0.0.1",
                Map.of("CloudFront-Viewer-Address", "203.0.113.7:52311", "X-Forwarded-For", "198.51.100.1")::get));
        assertEquals("2001:db8::1", filter.clientAddress("127.0.0.1",
                Map.of("CloudFront-Viewer-Address", "2001:db8::1:52311")::get));
    }

    @Test
    void forwarded_for_is_walked_from_the_right_past_trusted_hops() {
        assertEquals("198.51.100.9", filter.clientAddress("127.0.0.1",
                Map.of("X-Forwarded-For", "1.2.3.4, 198.51.100.9, 10.0.0.5")::get), "a spoofed left entry is not believed");
        assertEquals("10.0.0.9", filter.clientAddress("127.0.0.1", Map.of("X-Forwarded-For", "10.0.0.9, 10.0.0.5")::get));
    }

    @Test
    void invalid_addresses_are_never_treated_as_addresses_so_never_resolved() {
        assertFalse(IpLiteral.looksLikeIp("999.1.1.7"));
        assertFalse(IpLiteral.looksLikeIp("1.2.3"));
        assertFalse(IpLiteral.looksLikeIp("1.2.3.4.5"));
        assertFalse(IpLiteral.looksLikeIp("evil.example"));
        assertTrue(IpLiteral.looksLikeIp("255.255.255.255"));
        assertTrue(IpLiteral.looksLikeIp("2001:db8::7"));
        assertFalse(trusted.contains("999.1.1.7"));
        assertEquals("127.0.0.1", filter.clientAddress("127.0.0.1", Map.of("X-Forwarded-For", "999.1.1.7")::get));
    }

    @Test
    void garbage_in_headers_falls_back_to_the_proxy_address() {
        assertEquals("127.0.0.1", filter.clientAddress("127.0.0.1", Map.of("X-Forwarded-For", "<script>")::get));
        assertEquals("127.0.0.1", filter.clientAddress("127.0.0.1", Map.of("CloudFront-Viewer-Address", "evil")::get));
        assertEquals("127.0.0.1", filter.clientAddress("127.0.0.1", Map.<String, String>of()::get));
    }

    @Test
    void the_original_scheme_prefers_cloudfronts_header_and_the_first_hop() {
        assertEquals("https", ForwardedRequestFilter.originalScheme(
                Map.of("CloudFront-Forwarded-Proto", "https", "X-Forwarded-Proto", "http")::get));
        assertEquals("https", ForwardedRequestFilter.originalScheme(Map.of("X-Forwarded-Proto", "HTTPS, http")::get));
        assertNull(ForwardedRequestFilter.originalScheme(Map.<String, String>of()::get));
    }
}
