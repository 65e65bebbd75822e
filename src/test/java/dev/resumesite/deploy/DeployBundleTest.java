package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/build-bundle.sh against a stand-in jar (tests run before `package`, so the real jar may
 * not exist yet): the zip holds the jar, the Procfile and the platform configuration, nothing else.
 */
@Tag("integration")
class DeployBundleTest {
    static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    static Path work;
    static Path standInJar;
    static Map<String, byte[]> bundle;

    @BeforeAll
    static void buildBundle() throws IOException {
        standInJar = work.resolve("stand-in.jar");
        writeStandInJar(standInJar);
        Path zip = work.resolve("out/deploy-bundle.zip");
        Processes.Result result = Processes.run(
                List.of("bash", "deploy/build-bundle.sh", standInJar.toString(), zip.toString()), Map.of(), DEADLINE);
        assertEquals(0, result.exitCode(), result.output());
        bundle = entries(zip);
    }

    @Test
    void the_bundle_holds_exactly_the_jar_the_procfile_and_the_platform_configuration() {
        TreeSet<String> expected = new TreeSet<>(List.of("resume-site.jar", "Procfile"));
        RepoFiles.filesIn(".ebextensions", ".config")
                .forEach(config -> expected.add(".ebextensions/" + config.getFileName()));
        expected.addAll(RepoFiles.filesBelow(".platform"));
        assertTrue(expected.stream().anyMatch(name -> name.startsWith(".platform/nginx/")), "nginx additions are shipped");

        TreeSet<String> files = new TreeSet<>();
        for (String name : bundle.keySet()) {
            if (name.endsWith("/")) {
                String directory = name;
                assertTrue(expected.stream().anyMatch(file -> file.startsWith(directory)), "stray directory " + name);
            } else {
                files.add(name);
            }
        }
        assertEquals(expected, files);
    }

    @Test
    void the_jar_and_the_configuration_are_copied_byte_for_byte() throws IOException {
        assertArrayEquals(Files.readAllBytes(standInJar), bundle.get("resume-site.jar"));
        assertEquals(RepoFiles.read("deploy/eb/Procfile"), new String(bundle.get("Procfile"), StandardCharsets.UTF_8));
        for (String file : RepoFiles.filesBelow(".platform")) {
            assertEquals(RepoFiles.read(file), new String(bundle.get(file), StandardCharsets.UTF_8), file);
        }
    }

    @Test
    void the_bundle_carries_no_sources_classes_repository_data_or_credentials() {
        for (Map.Entry<String, byte[]> entry : bundle.entrySet()) {
            String name = entry.getKey();
            assertFalse(name.endsWith(".class"), "loose class file " + name);
            assertFalse(name.startsWith("src/") || name.startsWith("target/") || name.startsWith("node_modules/"), name);
            assertFalse(name.contains(".git"), name);
            assertFalse(name.startsWith("/") || name.contains(".."), "unsafe path " + name);
            String text = new String(entry.getValue(), StandardCharsets.ISO_8859_1);
            assertFalse(text.contains("AKIA"), "something like an access key id in " + name);
            assertFalse(text.toLowerCase(Locale.ROOT).contains("aws_secret_access_key"), "a secret key name in " + name);
        }
    }

    @Test
    void without_a_jdk_the_bundle_is_zipped_with_the_same_entries_and_bytes() throws IOException {
        // The deploy job runs no JDK; build-bundle.sh then uses zip.
        Path zip = work.resolve("zip/deploy-bundle.zip");
        Processes.Result result = Processes.run(List.of("bash", "deploy/build-bundle.sh", standInJar.toString(), zip.toString()),
                Map.of("BUNDLE_ARCHIVER", "zip"), DEADLINE);
        assertEquals(0, result.exitCode(), result.output());
        Map<String, byte[]> zipped = entries(zip);
        TreeSet<String> expected = new TreeSet<>(files(bundle));
        assertEquals(expected, new TreeSet<>(files(zipped)));
        for (String name : expected) {
            assertArrayEquals(bundle.get(name), zipped.get(name), name);
        }
    }

    static List<String> files(Map<String, byte[]> entries) {
        return entries.keySet().stream().filter(name -> !name.endsWith("/")).toList();
    }

    @Test
    void a_missing_jar_stops_the_script_with_the_command_that_builds_it() {
        Processes.Result result = Processes.run(List.of("bash", "deploy/build-bundle.sh",
                work.resolve("no-such.jar").toString(), work.resolve("never.zip").toString()), Map.of(), DEADLINE);
        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("mvn -B -DskipTests package"), result.output());
        assertFalse(Files.exists(work.resolve("never.zip")));
    }

    @Test
    void the_script_is_strict_bash() {
        RepoFiles.assertStrictExecutableBash("deploy/build-bundle.sh");
    }

    /** A small jar with a manifest and a class file, so "no .class outside the jar" means something. */
    static void writeStandInJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.resumesite.Main");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new ZipEntry("dev/resumesite/Main.class"));
            out.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
            out.closeEntry();
        }
    }

    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<? extends ZipEntry> list = new ArrayList<>(file.stream().toList());
            for (ZipEntry entry : list) {
                entries.put(entry.getName(), file.getInputStream(entry).readAllBytes());
            }
        }
        return entries;
    }
}
