package dev.resumesite.resume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Rewrites the parsed file into the current JSON Resume schema before it is mapped to records:
 * empty strings become absent (people leave fields blank in templates they copied), and the common,
 * unambiguous conventions outside the schema are read as what they clearly mean, each with one
 * warning line naming its JSON path. What is ambiguous is left alone for the validator to report.
 */
final class ResumeConventions {
    /** Older names (schema 0.x and many themes) and the current field each one means. */
    private static final Map<String, Map<String, String>> RENAMED = Map.of(
            "basics", Map.of("website", "url", "picture", "image"),
            "work", Map.of("company", "name", "website", "url"),
            "volunteer", Map.of("website", "url"),
            "education", Map.of("gpa", "score"),
            "publications", Map.of("website", "url"));

    /** Arrays whose entries have a url that the page links to. */
    private static final List<String> LINKED = List.of(
            "work", "volunteer", "education", "certificates", "publications", "projects");

    /** Arrays whose entries have a start and an end; an end of "", "Present" or null means "still going". */
    private static final List<String> RANGED = List.of("work", "volunteer", "education", "projects");

    private final String source;
    private final Consumer<String> warnings;

    ResumeConventions(String source, Consumer<String> warnings) {
        this.source = source;
        this.warnings = warnings;
    }

    void apply(JsonNode root) {
        if (!(root instanceof ObjectNode resume)) {
            return; // not an object: mapping reports it with the fix
        }
        // Ends first: an endDate of "" is a convention worth a warning, not just a blank to drop.
        for (String array : RANGED) {
            forEachObject(resume.get(array), "$." + array, this::openEnd);
        }
        pruneBlanks(resume);
        renameIn(resume.get("basics"), "$.basics", RENAMED.get("basics"));
        for (String array : List.of("work", "volunteer", "education", "publications")) {
            forEachObject(resume.get(array), "$." + array, (entry, path) -> renameIn(entry, path, RENAMED.get(array)));
        }
        // After renaming, so an old "website" is completed like a current "url".
        completeUrl(resume.get("basics"), "$.basics", "url");
        if (resume.get("basics") instanceof ObjectNode basics) {
            forEachObject(basics.get("profiles"), "$.basics.profiles", (entry, path) -> completeUrl(entry, path, "url"));
        }
        for (String array : LINKED) {
            forEachObject(resume.get(array), "$." + array, (entry, path) -> completeUrl(entry, path, "url"));
        }
        completeUrl(resume.get("meta"), "$.meta", "canonical");
    }

    private void openEnd(ObjectNode entry, String path) {
        if (!entry.has("endDate")) {
            return;
        }
        JsonNode end = entry.get("endDate");
        boolean empty = end.isNull() || end.isTextual() && end.asText().isBlank();
        boolean present = end.isTextual() && end.asText().trim().toLowerCase(Locale.ROOT).matches("present|current|now");
        if (empty || present) {
            entry.remove("endDate");
            warn(path + ".endDate is " + (end.isNull() ? "null" : "\"" + end.asText() + "\"")
                    + "; read as still going (leaving endDate out says the same)");
        }
    }

    private void renameIn(JsonNode node, String path, Map<String, String> renamed) {
        if (!(node instanceof ObjectNode entry)) {
            return;
        }
        renamed.forEach((old, current) -> {
            if (!entry.has(old)) {
                return;
            }
            JsonNode value = entry.remove(old);
            if (entry.has(current)) {
                warn(path + "." + old + " is an older name for " + current + ", which is also set; "
                        + old + " is ignored (remove it)");
            } else {
                entry.set(current, value);
                warn(path + "." + old + " is an older name for " + current + "; read as " + current
                        + " (rename it to silence this)");
            }
        });
    }

    /** "github.com/someone" becomes "https://github.com/someone": as written it would link into this site. */
    private void completeUrl(JsonNode node, String path, String field) {
        if (node instanceof ObjectNode entry && entry.get(field) != null && entry.get(field).isTextual()) {
            String value = entry.get(field).asText();
            if (!Urls.isWeb(value) && Urls.isBareHost(value)) {
                entry.put(field, "https://" + value.strip());
                warn(path + "." + field + " is \"" + value + "\", which has no scheme; read as https://" + value.strip());
            }
        }
    }

    /**
     * Drops strings that are empty or only spaces, in objects and in arrays, at every depth, and then
     * array entries left with nothing in them (a template's unfilled {"network": "", "url": ""}).
     */
    private static void pruneBlanks(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> blank = new ArrayList<>();
            object.fields().forEachRemaining(field -> {
                if (isBlankText(field.getValue())) {
                    blank.add(field.getKey());
                } else {
                    pruneBlanks(field.getValue());
                }
            });
            object.remove(blank);
        } else if (node instanceof ArrayNode array) {
            for (Iterator<JsonNode> items = array.elements(); items.hasNext(); ) {
                JsonNode item = items.next();
                if (isBlankText(item)) {
                    items.remove();
                    continue;
                }
                pruneBlanks(item);
                if (item.isObject() && item.isEmpty()) {
                    items.remove();
                }
            }
        }
    }

    private static boolean isBlankText(JsonNode node) {
        return node.isTextual() && node.asText().isBlank();
    }

    /** Calls {@code visitor} with each object in the array and its JSON path, e.g. "$.work[2]". */
    private static void forEachObject(JsonNode array, String path, BiConsumer<ObjectNode, String> visitor) {
        if (array instanceof ArrayNode entries) {
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i) instanceof ObjectNode entry) {
                    visitor.accept(entry, path + "[" + i + "]");
                }
            }
        }
    }

    private void warn(String message) {
        warnings.accept(source + ": " + message);
    }
}
