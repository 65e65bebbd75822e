package dev.resumesite.view;

import dev.resumesite.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The static assets, read once at start-up and published under content-fingerprinted URLs
 * ({@code site.css} becomes {@code /assets/site.3f2a9c1e.css}). A changed file gets a new URL, so
 * browsers and CloudFront may keep every asset forever and a deploy never needs an invalidation.
 */
public final class AssetCatalog {
    public static final String URL_PREFIX = "/assets/";

    private final Map<String, Asset> byLogicalName;
    private final Map<String, Asset> byUrl = new TreeMap<>();

    public AssetCatalog(Map<String, byte[]> files) {
        TreeMap<String, Asset> assets = new TreeMap<>();
        files.forEach((name, bytes) -> {
            Asset asset = new Asset(name, URL_PREFIX + fingerprinted(name, bytes), bytes, ContentTypes.of(name));
            assets.put(name, asset);
            byUrl.put(asset.url(), asset);
        });
        this.byLogicalName = assets;
    }

    /** Reads every file under {@code assets/} on the class path (a directory in development, the jar in production). */
    public static AssetCatalog fromClasspath() {
        URL root = AssetCatalog.class.getClassLoader().getResource("assets");
        if (root == null) {
            throw new ConfigException("assets/: not found on the class path; build with mvn package so the jar contains it");
        }
        try {
            URI uri = root.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return new AssetCatalog(readTree(jar.getPath("/assets")));
                }
            }
            return new AssetCatalog(readTree(Path.of(uri)));
        } catch (IOException | URISyntaxException e) {
            throw new ConfigException("assets/: cannot be read (" + e.getMessage() + "); rebuild the jar");
        }
    }

    private static Map<String, byte[]> readTree(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(file).toString().replace('\\', '/');
                files.put(name, Files.readAllBytes(file));
            }
        }
        return files;
    }

    /** The URL to put in a page for a logical name such as {@code site.css}; unknown names fail loudly. */
    public String url(String logicalName) {
        Asset asset = byLogicalName.get(logicalName);
        if (asset == null) {
            throw new IllegalArgumentException("no asset named " + logicalName + " under assets/");
        }
        return asset.url();
    }

    public Optional<Asset> byUrl(String url) {
        return Optional.ofNullable(byUrl.get(url));
    }

    public Optional<Asset> byLogicalName(String logicalName) {
        return Optional.ofNullable(byLogicalName.get(logicalName));
    }

    /** {@code fonts/inter.woff2} with content hash {@code 3f2a9c1e} becomes {@code fonts/inter.3f2a9c1e.woff2}. */
    static String fingerprinted(String name, byte[] bytes) {
        String hash = HexFormat.of().formatHex(sha256(bytes), 0, 4);
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        if (dot <= slash + 1) {
            return name + "." + hash;
        }
        return name.substring(0, dot) + "." + hash + name.substring(dot);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("SHA-256 is missing from this JVM", e));
        }
    }

    /** One static file: where it is published, its bytes and how to label them. */
    public record Asset(String name, String url, byte[] bytes, String contentType) {
        /**
         * The URL already carries the content hash, so it is the validator. Weak on purpose: Tomcat
         * never compresses a response with a strong ETag (the compressed bytes differ), and the
         * stylesheet is 10 KB that gzips to 3.
         */
        public String etag() {
            return "W/\"" + url.substring(url.lastIndexOf('/') + 1) + "\"";
        }
    }
}
