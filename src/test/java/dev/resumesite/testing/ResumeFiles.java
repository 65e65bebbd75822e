package dev.resumesite.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The resume files the suite renders: the official samples of {@code @jsonresume/schema} 1.3.1 (written by
 * no one here, installed by {@code npm ci} from package-lock.json) and our own awkward cases.
 */
public final class ResumeFiles {
    public static final Path SCHEMA_PACKAGE = Path.of("node_modules", "@jsonresume", "schema");
    public static final Path OWN = Path.of("src", "test", "resources", "resumes");

    private ResumeFiles() {
    }

    /** sample.resume.json and every file under examples/: four in 1.3.1. */
    public static List<Path> officialSamples() {
        Path sample = SCHEMA_PACKAGE.resolve("sample.resume.json");
        if (!Files.isRegularFile(sample)) {
            throw new IllegalStateException(sample + " is missing: run npm ci (./bin/test does) to install @jsonresume/schema");
        }
        List<Path> files = new ArrayList<>(List.of(sample));
        files.addAll(jsonFiles(SCHEMA_PACKAGE.resolve("examples")));
        return files;
    }

    public static Path schema() {
        return SCHEMA_PACKAGE.resolve("schema.json");
    }

    /** Our awkward cases, each a real file a person might write. */
    public static List<Path> own() {
        return jsonFiles(OWN);
    }

    private static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }
}
