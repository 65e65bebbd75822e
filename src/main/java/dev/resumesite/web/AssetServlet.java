package dev.resumesite.web;

import dev.resumesite.view.AssetCatalog;
import dev.resumesite.view.AssetCatalog.Asset;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Serves the fingerprinted assets from memory with a year-long immutable cache, plus
 * {@code /favicon.ico}, which browsers ask for by its fixed name, with a one-day cache.
 */
public final class AssetServlet extends HttpServlet {
    public static final String FAVICON_PATH = "/favicon.ico";

    private final AssetCatalog assets;

    public AssetServlet(AssetCatalog assets) {
        this.assets = assets;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        boolean favicon = FAVICON_PATH.equals(path);
        Optional<Asset> found = favicon ? assets.byLogicalName("favicon.ico") : assets.byUrl(path);
        if (found.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Asset asset = found.get();
        response.setHeader("Cache-Control", favicon ? HttpPolicy.ONE_DAY : HttpPolicy.IMMUTABLE);
        response.setHeader("ETag", asset.etag());
        if (IfNoneMatch.matches(request.getHeader("If-None-Match"), asset.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(asset.contentType());
        response.setContentLength(asset.bytes().length);
        response.getOutputStream().write(asset.bytes());
    }
}
