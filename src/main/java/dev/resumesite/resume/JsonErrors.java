package dev.resumesite.resume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.resumesite.config.ConfigException;
import java.util.Collection;
import java.util.List;

/** Turns Jackson's errors into one-line messages: file, then line and column or JSON path, then the fix. */
final class JsonErrors {
    private JsonErrors() {
    }

    static ConfigException explain(JsonProcessingException e, String source) {
        // Databind wraps some parser errors (a duplicate key inside an object), so look one level down too.
        StreamReadException syntax = e instanceof StreamReadException direct ? direct
                : e.getCause() instanceof StreamReadException wrapped ? wrapped : null;
        if (syntax != null) {
            return new ConfigException(source + ": line " + syntax.getLocation().getLineNr()
                    + ", column " + syntax.getLocation().getColumnNr() + ": invalid JSON ("
                    + oneLine(syntax.getOriginalMessage()) + "); fix the syntax there");
        }
        String path = e instanceof JsonMappingException mapping ? jsonPath(mapping.getPath()) : "$";
        if (e instanceof InvalidNullException) {
            return new ConfigException(source + ": " + path + " is null; remove it or give it a value");
        }
        if (e instanceof MismatchedInputException mismatch) {
            return new ConfigException(source + ": " + path + " has the wrong type; write "
                    + describe(mismatch.getTargetType()));
        }
        return new ConfigException(source + ": " + path + ": " + oneLine(e.getOriginalMessage()) + "; fix that value");
    }

    /** Jackson's reference chain as a JSON path: $.work[2].startDate. */
    private static String jsonPath(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> target) {
        if (target == null) {
            return "a value of the type JSON Resume expects there";
        }
        if (CharSequence.class.isAssignableFrom(target)) {
            return "a string, in double quotes";
        }
        if (Collection.class.isAssignableFrom(target)) {
            return "an array: [ ... ]";
        }
        return "an object: { ... }";
    }

    /** Jackson's own words, on one line and without its "[Source: ...]" location (we print line and column). */
    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ")
                .replaceAll("\\s*\\(?(start marker )?at \\[Source:.*$", "")
                .trim();
    }
}
