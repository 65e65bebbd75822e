package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's own files, as the deployment tests read them (Maven runs tests from the project root). */
final class RepoFiles {
    private RepoFiles() {
    }

    static Path root() {
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(root.resolve("pom.xml"))) {
            throw new IllegalStateException("tests must run from the repository root; working directory is " + root);
        }
        return root;
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative, e);
        }
    }

    /** Regular files directly inside {@code directory} whose names end with {@code suffix}, sorted. */
    static List<Path> filesIn(String directory, String suffix) {
        try (Stream<Path> files = Files.list(path(directory))) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    /** Every regular file below {@code directory}, as paths relative to the repository root, sorted. */
    static List<String> filesBelow(String directory) {
        Path base = path(directory);
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root().relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + directory, e);
        }
    }

    /** A script the workflows run directly: bash shebang, {@code set -euo pipefail}, executable bit. */
    static void assertStrictExecutableBash(String relative) {
        String script = read(relative);
        assertTrue(script.startsWith("#!/usr/bin/env bash\n"), relative + ": bash shebang");
        assertTrue(script.contains("\nset -euo pipefail\n"), relative + ": set -euo pipefail");
        assertTrue(Files.isExecutable(path(relative)), relative + ": executable bit");
    }
}
