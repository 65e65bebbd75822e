package dev.resumesite.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the small JSON body of a counting request, refusing anything larger than {@link HttpPolicy#MAX_BODY_BYTES}
 * and anything two parsers could read differently: a duplicate key, bytes after the object, or a body
 * that is not UTF-8 (RFC 8259 §8.1; Jackson would otherwise detect UTF-16 and UTF-32 by itself).
 */
final class JsonBody {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Why a body was refused: {@code status} is 400 or 413. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private JsonBody() {
    }

    /** The parsed body; an empty body reads as an empty object. */
    static JsonNode read(HttpServletRequest request) throws IOException, Refused {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(HttpPolicy.MAX_BODY_BYTES + 1);
        }
        if (body.length > HttpPolicy.MAX_BODY_BYTES) {
            throw new Refused(413, "body larger than " + HttpPolicy.MAX_BODY_BYTES + " bytes");
        }
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(400, "the body must be UTF-8");
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new Refused(400, "the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Refused(400, "the body is not valid JSON");
        }
    }
}
