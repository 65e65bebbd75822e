package dev.resumesite.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.TestApp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stylesheet travels gzipped to clients that ask, and still revalidates with its ETag. */
@Tag("integration")
class StylesheetCompressionTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;
    static TestApp app;
    static String stylesheet;

    @BeforeAll
    static void start() {
        app = TestApp.embedded(dataDir);
        Matcher href = Pattern.compile("href=\"(/assets/site\\.[0-9a-f]+\\.css)\"").matcher(app.get("/").body());
        assertTrue(href.find(), "the page links its stylesheet");
        stylesheet = href.group(1);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void the_stylesheet_is_gzipped_for_clients_that_accept_it_and_decompresses_to_the_same_bytes() throws Exception {
        byte[] plain = fetch(null).body();
        HttpResponse<byte[]> gzipped = fetch("gzip");

        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse("none"));
        assertTrue(gzipped.body().length < plain.length / 2, gzipped.body().length + " of " + plain.length + " bytes");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertArrayEquals(plain, in.readAllBytes());
        }
    }

    @Test
    void a_revalidation_with_the_weak_etag_or_its_strong_form_gets_304() throws Exception {
        String etag = fetch("gzip").headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.startsWith("W/\""), "weak, so Tomcat may compress it: " + etag);

        for (String validator : new String[] {etag, etag.substring(2), "\"other\", " + etag}) {
            HttpResponse<byte[]> revalidated = HTTP.send(HttpRequest.newBuilder(app.uri(stylesheet))
                    .header("If-None-Match", validator).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(304, revalidated.statusCode(), validator);
        }
    }

    private static HttpResponse<byte[]> fetch(String acceptEncoding) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(stylesheet));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        return response;
    }
}
