package dev.resumesite.resume;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds keys written twice in one object. JSON allows them and the official tools (JavaScript's
 * {@code JSON.parse}) keep the later value, as Jackson's tree does; the owner hears of each once,
 * with its JSON path and line, since a repeated key in a hand-edited file is usually a slip.
 */
final class DuplicateKeys {
    private static final JsonFactory JSON = new JsonFactory();

    private DuplicateKeys() {
    }

    /** Reports each repeated key; the caller has already parsed the file, so it is valid JSON. */
    static void report(byte[] json, String source, Consumer<String> warnings) throws IOException {
        Deque<Set<String>> objects = new ArrayDeque<>();
        try (JsonParser parser = JSON.createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT) {
                    objects.push(new HashSet<>());
                } else if (token == JsonToken.END_OBJECT) {
                    objects.pop();
                } else if (token == JsonToken.FIELD_NAME && !objects.peek().add(parser.currentName())) {
                    warnings.accept(source + ": " + path(parser.getParsingContext()) + " is written twice (again at line "
                            + parser.currentLocation().getLineNr() + "); the later one is read, as JSON.parse does "
                            + "(remove the other to silence this)");
                }
            }
        }
    }

    /** The parser's position as a JSON path: $.work[2].name. */
    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            path.insert(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
        }
        return path.insert(0, '$').toString();
    }
}
