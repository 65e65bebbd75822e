package dev.resumesite.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AssetCatalogTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void the_fingerprint_is_the_start_of_the_content_sha256_before_the_extension() {
        // printf "body{}" | sha256sum starts with 7c98040a
        String name = AssetCatalog.fingerprinted("site.css", bytes("body{}"));
        assertEquals("site.7c98040a.css", name);
        assertEquals(AssetCatalog.fingerprinted("site.css", bytes("body{}")), name, "stable");
    }

    @Test
    void changed_content_gets_a_new_url() {
        assertNotEquals(AssetCatalog.fingerprinted("site.css", bytes("body{}")),
                AssetCatalog.fingerprinted("site.css", bytes("body{color:red}")));
    }

    @Test
    void nested_names_and_names_without_extension_keep_their_shape() {
        assertTrue(AssetCatalog.fingerprinted("fonts/inter.v4.woff2", bytes("x")).matches("fonts/inter\\.v4\\.[0-9a-f]{8}\\.woff2"));
        assertTrue(AssetCatalog.fingerprinted("fonts.d/LICENSE", bytes("x")).matches("fonts\\.d/LICENSE\\.[0-9a-f]{8}"));
    }

    @Test
    void urls_resolve_both_ways_with_a_content_type() {
        AssetCatalog catalog = new AssetCatalog(Map.of("site.css", bytes("body{}"), "favicon.svg", bytes("<svg/>")));
        String url = catalog.url("site.css");
        assertTrue(url.startsWith("/assets/site."), url);
        assertEquals("text/css; charset=utf-8", catalog.byUrl(url).orElseThrow().contentType());
        assertEquals("image/svg+xml", catalog.byLogicalName("favicon.svg").orElseThrow().contentType());
        assertTrue(catalog.byUrl("/assets/site.css").isEmpty());
    }

    @Test
    void an_unknown_logical_name_fails_loudly() {
        AssetCatalog catalog = new AssetCatalog(Map.of());
        assertThrows(IllegalArgumentException.class, () -> catalog.url("missing.css"));
    }
}
