package dev.resumesite.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/** Reads the small JSON body of a counting request, refusing anything larger than {@link HttpPolicy#MAX_BODY_BYTES}. */
final class JsonBody {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new Refused(400, "the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Refused(400, "the body is not valid JSON");
        }
    }
}
