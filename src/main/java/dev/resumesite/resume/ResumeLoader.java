package dev.resumesite.resume;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.resumesite.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the resume (JSON Resume format) and turns every mistake in it into a one-line
 * {@link ConfigException} naming the file, the JSON path and the fix, so a bad edit stops start-up.
 */
public final class ResumeLoader {
    /** Where Maven packages the repository's content/resume.json inside the jar. */
    static final String BUNDLED = "content/resume.json";

    private final ObjectMapper mapper = JsonMapper.builder()
            // JSON Resume has many fields the page does not show; they are allowed, not errors.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // A repeated key would otherwise silently win over the first; in a hand-edited file it is a typo.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // A number or boolean where text belongs is a mistake to report, not to stringify.
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            // A null inside an array is reported with its path instead of reaching the template.
            .withConfigOverride(List.class, override -> override
                    .setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
            .build();

    public Resume load(Path file) {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": file not found; create it or point to an existing JSON Resume file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + "); check that it is a readable file");
        }
        return parse(json, file.toString());
    }

    /** The resume packaged with the application, from content/resume.json on the classpath. */
    public Resume loadBundled() {
        try (InputStream in = ResumeLoader.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new ConfigException("classpath:" + BUNDLED + ": not found; rebuild so Maven packages content/");
            }
            return parse(in.readAllBytes(), BUNDLED);
        } catch (IOException e) {
            throw new ConfigException("classpath:" + BUNDLED + ": cannot be read (" + e.getMessage() + "); rebuild the jar");
        }
    }

    private Resume parse(byte[] json, String source) {
        if (new String(json, StandardCharsets.UTF_8).isBlank()) {
            throw new ConfigException(source + ": file is empty; write a JSON Resume object, starting with {\"basics\": ...}");
        }
        Resume resume;
        try {
            resume = mapper.readValue(json, Resume.class);
        } catch (JsonProcessingException e) {
            throw JsonErrors.explain(e, source);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot be read (" + e.getMessage() + "); check the file");
        }
        new ResumeValidator(source).check(resume);
        return resume;
    }
}
