package dev.resumesite.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every string a resume file holds, for the tests that look for each one in what we render from it (the
 * page, the PDF), except the file's own metadata, which a reader does not expect on a CV.
 */
public final class ResumeValues {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final List<String> DATE_FIELDS = List.of("startDate", "endDate", "date", "releaseDate");
    public static final List<String> LINK_FIELDS = List.of("url", "website");

    /** One non-blank string: where it is ({@code $.work[0].name}), its field's name and the text. */
    public record Value(String path, String field, String text) {
        @Override
        public String toString() {
            return path + " = " + text;
        }
    }

    private ResumeValues() {
    }

    public static List<Value> of(Path file) {
        List<Value> values = new ArrayList<>();
        try {
            walk(JSON.readTree(file.toFile()), "$", null, values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    /** Whitespace runs as one space, ends trimmed: how a value reads once laid out in lines. */
    public static String normalised(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** The lines of a free text as shown: a leading "- " or "* " becomes a list item's bullet. */
    public static List<String> shownLines(String text) {
        return text.lines()
                .map(line -> normalised(line.replaceFirst("^\\s*[-*•]\\s+", "")))
                .filter(line -> !line.isEmpty())
                .toList();
    }

    private static void walk(JsonNode node, String path, String field, List<Value> values) {
        if (path.equals("$.$schema") || path.startsWith("$.meta")) {
            return;
        }
        if (node.isTextual() && !node.asText().isBlank()) {
            values.add(new Value(path, field, node.asText()));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(entry -> walk(entry.getValue(), path + "." + entry.getKey(), entry.getKey(), values));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", field, values);
            }
        }
    }
}
