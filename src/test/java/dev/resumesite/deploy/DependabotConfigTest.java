package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * .github/dependabot.yml keeps every pinned dependency fresh: each manifest in the repository (the POM,
 * each npm lock file, the Dockerfile, the workflows) is covered by an update entry whose directory
 * exists, checked weekly and grouped into one pull request per entry.
 */
@Tag("unit")
class DependabotConfigTest {
    /** One update entry: which ecosystem, where its manifest lives. */
    record Entry(String ecosystem, String directory) {
    }

    @Test
    void the_file_is_version_2_and_every_entry_is_weekly_grouped_and_points_at_an_existing_directory() throws IOException {
        JsonNode config = load();
        assertEquals(2, config.path("version").asInt(), "Dependabot's configuration format version");
        assertFalse(config.path("updates").isEmpty(), "at least one update entry");
        for (JsonNode update : config.path("updates")) {
            String where = update.path("package-ecosystem").asText() + " in " + update.path("directory").asText();
            assertEquals("weekly", update.path("schedule").path("interval").asText(), where + ": weekly");
            assertFalse(update.path("groups").isEmpty(), where + ": grouped into one pull request");
            assertTrue(Files.isDirectory(RepoFiles.path(relative(update.path("directory").asText()))),
                    where + ": the directory exists");
        }
    }

    @Test
    void every_manifest_in_the_repository_is_covered_by_an_update_entry() throws IOException {
        Set<Entry> configured = new HashSet<>();
        for (JsonNode update : load().path("updates")) {
            configured.add(new Entry(update.path("package-ecosystem").asText(), relative(update.path("directory").asText())));
        }
        List<Entry> manifests = manifests();
        assertTrue(manifests.stream().map(Entry::ecosystem).toList().containsAll(List.of("maven", "npm", "github-actions", "docker")),
                "the repository has a manifest of each ecosystem: " + manifests);
        for (Entry manifest : manifests) {
            assertTrue(configured.contains(manifest), manifest + " has an update entry in .github/dependabot.yml: " + configured);
        }
    }

    private static JsonNode load() throws IOException {
        return new YAMLMapper().readTree(RepoFiles.path(".github/dependabot.yml").toFile());
    }

    /** Dependabot's directories start at the repository root ("/"); ours are relative to it ("" is the root). */
    private static String relative(String directory) {
        return directory.replaceAll("^/+|/+$", "");
    }

    /** What Dependabot can update, found by walking the repository; installed packages and build output are skipped. */
    private static List<Entry> manifests() throws IOException {
        Path root = RepoFiles.root();
        List<Entry> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return Set.of("node_modules", "target", ".git", "data").contains(name) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String directory = root.relativize(file.getParent()).toString().replace('\\', '/');
                String name = file.getFileName().toString();
                switch (name) {
                    case "pom.xml" -> found.add(new Entry("maven", directory));
                    case "package-lock.json" -> found.add(new Entry("npm", directory));
                    case "Dockerfile" -> found.add(new Entry("docker", directory));
                    default -> {
                        if (directory.equals(".github/workflows") && name.matches(".*\\.ya?ml")) {
                            found.add(new Entry("github-actions", ""));
                        }
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found.stream().distinct().toList();
    }
}
