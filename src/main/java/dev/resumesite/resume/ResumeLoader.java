package dev.resumesite.resume;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resumesite.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the resume (JSON Resume format). Every file the official schema accepts loads; common
 * conventions outside it load with one warning line each ({@link ResumeConventions}); anything the
 * page could not show honestly becomes a one-line {@link ConfigException} naming the file, the JSON
 * path and the fix, so a bad edit stops start-up.
 */
public final class ResumeLoader {
    private static final Logger log = LoggerFactory.getLogger(ResumeLoader.class);

    /** Where Maven packages the repository's content/resume.json inside the jar. */
    static final String BUNDLED = "content/resume.json";

    private final ObjectMapper mapper = JsonMapper.builder()
            // JSON Resume has many fields the page does not show; they are allowed, not errors.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // A repeated key: the later one wins, as with JSON.parse; DuplicateKeys warns about it.
            .disable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            // A number or boolean where text belongs is a mistake to report, not to stringify.
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            // A null inside an array is reported with its path instead of reaching the template.
            .withConfigOverride(List.class, override -> override
                    .setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
            .build();

    private final Consumer<String> warnings;
    private final Predicate<String> isAsset;

    /** Warnings go to the log, one line each; local images are looked up under assets/ on the class path. */
    public ResumeLoader() {
        this(log::warn, name -> ResumeLoader.class.getClassLoader().getResource("assets/" + name) != null);
    }

    /**
     * @param warnings receives each warning, one line naming the file and the JSON path
     * @param isAsset  whether a file of that name is under assets/, for a {@code basics.image} that is not a URL
     */
    public ResumeLoader(Consumer<String> warnings, Predicate<String> isAsset) {
        this.warnings = warnings;
        this.isAsset = isAsset;
    }

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
            JsonNode tree = mapper.readTree(json);
            if (!tree.isObject()) {
                throw new ConfigException(source + ": $ is " + tree.getNodeType().toString().toLowerCase(Locale.ROOT)
                        + ", not an object; a JSON Resume file is one object, starting with {\"basics\": ...}");
            }
            DuplicateKeys.report(json, source, warnings);
            new ResumeConventions(source, warnings).apply(tree);
            dropUnservableImage(tree, source);
            resume = mapper.treeToValue(tree, Resume.class);
        } catch (JsonProcessingException e) {
            throw JsonErrors.explain(e, source);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot be read (" + e.getMessage() + "); check the file");
        }
        new ResumeValidator(source).check(resume);
        canonicalIsAPage(resume.meta(), source);
        return resume;
    }

    /**
     * A URL is shown as it is (the CSP admits its origin), and a plain name of a file under assets/ is
     * served from there. Anything else (a path into the author's own site, "./img/me.jpg") cannot be
     * shown here; the schema allows any string, so the page goes without a portrait, with a warning.
     */
    private void dropUnservableImage(JsonNode tree, String source) {
        if (!(tree.get("basics") instanceof ObjectNode basics) || !basics.path("image").isTextual()) {
            return;
        }
        String image = basics.get("image").textValue();
        boolean plainName = image.matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*") && !image.contains("..");
        if (Urls.isWeb(image) || plainName && isAsset.test(image)) {
            return;
        }
        basics.remove("image");
        warnings.accept(source + ": $.basics.image is \"" + image.replaceAll("\\s+", " ")
                + "\", which is neither an http(s) URL nor a file under assets/; the page shows no portrait "
                + "(give the image's full URL, or put the file in assets/ and rebuild)");
    }

    /** meta.canonical often names the JSON file itself; only a page address can be the page's canonical URL. */
    private void canonicalIsAPage(Meta meta, String source) {
        if (meta.canonical() != null && meta.canonicalPage() == null) {
            warnings.accept(source + ": $.meta.canonical is \"" + meta.canonical() + "\", which is not the address of a page; "
                    + "the page gets no canonical link (set it to the page's address, e.g. \"https://you.example.com/\")");
        }
    }
}
