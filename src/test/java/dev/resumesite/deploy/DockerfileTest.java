package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Dockerfile, read instruction by instruction (no Docker engine here, so nothing is built). */
@Tag("integration")
class DockerfileTest {
    /** One instruction with its continuation lines joined, e.g. ("RUN", "mvn -B ..."). */
    record Instruction(String keyword, String arguments) {
    }

    static List<Instruction> instructions;
    static List<Instruction> runtimeStage;

    @BeforeAll
    static void parse() {
        instructions = parse(RepoFiles.read("Dockerfile"));
        int lastFrom = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        runtimeStage = instructions.subList(lastFrom, instructions.size());
    }

    @Test
    void it_builds_in_one_stage_and_runs_on_a_pinned_jre_in_another() {
        List<String> froms = arguments("FROM", instructions);
        assertEquals(2, froms.size(), froms.toString());
        assertTrue(froms.get(0).matches("maven:3\\.9\\.\\d+-eclipse-temurin-17 AS build"), froms.get(0));
        assertTrue(froms.get(1).matches("eclipse-temurin:17\\.\\d+\\.\\d+_\\d+-jre(-[a-z]+)?"), "a pinned JRE tag: " + froms.get(1));
        assertTrue(arguments("COPY", runtimeStage).stream().anyMatch(copy -> copy.startsWith("--from=build ")),
                "the runtime stage takes only the built jar");
    }

    @Test
    void it_builds_the_jar_with_maven_package() {
        List<String> runs = arguments("RUN", instructions);
        assertTrue(runs.contains("mvn -B -DskipTests package"), runs.toString());
    }

    @Test
    void the_runtime_jre_is_not_older_than_the_jdk_the_tests_ran_on() {
        // 17.0.12 shipped for months after 17.0.15 was out; a pin that lags the tests' JDK lacks its security fixes.
        String from = arguments("FROM", runtimeStage).get(0);
        java.util.regex.Matcher tag = java.util.regex.Pattern.compile("eclipse-temurin:17\\.0\\.(\\d+)_\\d+-jre").matcher(from);
        assertTrue(tag.find(), from);
        Runtime.Version tests = Runtime.version();
        if (tests.feature() == 17) {
            assertTrue(Integer.parseInt(tag.group(1)) >= tests.update(),
                    "runtime image " + from + " is older than the tests' JDK " + tests);
        }
    }

    @Test
    void dependencies_are_a_cached_layer_because_the_pom_is_copied_before_the_sources() {
        int pom = indexOf("COPY", "pom.xml");
        int goOffline = indexOf("RUN", "dependency:go-offline");
        int sources = indexOf("COPY", "src/");
        int build = indexOf("RUN", "-DskipTests package");
        assertTrue(pom < goOffline && goOffline < sources && sources < build,
                "COPY pom.xml, RUN go-offline, COPY src/, RUN package - in that order");
        for (String directory : List.of("templates/", "assets/", "content/")) {
            int copy = indexOf("COPY", directory);
            assertTrue(goOffline < copy && copy < build, directory + " is copied after the dependency layer");
        }
    }

    @Test
    void the_app_runs_as_a_fixed_unprivileged_user() {
        List<String> users = arguments("USER", runtimeStage);
        assertEquals(1, users.size(), users.toString());
        String user = users.get(0).split(":")[0];
        assertTrue(user.matches("\\d+"), "numeric UID so runAsNonRoot can check it: " + user);
        assertTrue(Integer.parseInt(user) >= 1000, "not root, not a system account: " + user);
    }

    @Test
    void it_listens_on_8080_and_checks_healthz_with_a_tool_the_image_has() {
        assertEquals(List.of("8080"), arguments("EXPOSE", runtimeStage));
        assertTrue(arguments("ENV", runtimeStage).stream().anyMatch(env -> env.matches("(?s).*\\bPORT=8080\\b.*")),
                "ENV PORT=8080");
        List<String> checks = arguments("HEALTHCHECK", runtimeStage);
        assertEquals(1, checks.size());
        String check = checks.get(0);
        assertTrue(check.contains("/healthz"), check);
        // The Ubuntu-based eclipse-temurin images install curl (adoptium/containers); alpine ones have wget.
        assertTrue(check.contains("CMD curl ") || check.contains("CMD wget "), check);
        assertFalse(check.contains("CMD java"), "starting a JVM every 30 s is too slow for a health check");
    }

    @Test
    void java_is_pid_1_with_container_aware_memory_settings() throws Exception {
        List<String> entrypoints = arguments("ENTRYPOINT", runtimeStage);
        assertEquals(1, entrypoints.size());
        String entrypoint = entrypoints.get(0);
        assertTrue(entrypoint.startsWith("["), "exec form, so SIGTERM reaches java: " + entrypoint);
        List<String> argv = new ArrayList<>();
        new ObjectMapper().readTree(entrypoint).forEach(arg -> argv.add(arg.asText()));
        assertEquals("java", argv.get(0));
        assertTrue(argv.stream().anyMatch(arg -> arg.startsWith("-XX:MaxRAMPercentage=")), argv.toString());
        assertTrue(argv.contains("-XX:+ExitOnOutOfMemoryError"), argv.toString());
        assertEquals("-jar", argv.get(argv.size() - 2));
        assertTrue(argv.get(argv.size() - 1).endsWith("resume-site.jar"), argv.toString());
        assertTrue(arguments("CMD", runtimeStage).isEmpty(), "no CMD to be appended to the java command line");
    }

    @Test
    void the_build_context_leaves_out_build_output_dependencies_and_the_repository() {
        List<String> patterns = RepoFiles.read(".dockerignore").lines()
                .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertEquals("*", patterns.get(0), "an allow-list: everything is excluded first");
        for (String pattern : patterns.subList(1, patterns.size())) {
            assertTrue(pattern.startsWith("!"), pattern);
            String allowed = pattern.substring(1);
            assertTrue(List.of("pom.xml", "src/", "templates/", "assets/", "content/").contains(allowed),
                    "only the build's inputs are allowed in: " + pattern);
        }
    }

    static int indexOf(String keyword, String fragment) {
        for (int i = 0; i < instructions.size(); i++) {
            Instruction instruction = instructions.get(i);
            if (instruction.keyword().equals(keyword) && instruction.arguments().contains(fragment)) {
                return i;
            }
        }
        throw new AssertionError("no " + keyword + " with " + fragment);
    }

    static List<String> arguments(String keyword, List<Instruction> from) {
        return from.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** Splits a Dockerfile into instructions: comments dropped, backslash continuations joined. */
    static List<Instruction> parse(String dockerfile) {
        List<Instruction> parsed = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.lines().toList()) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String instruction = current.toString().trim().replaceAll("\\s+", " ");
            current.setLength(0);
            int space = instruction.indexOf(' ');
            parsed.add(new Instruction(instruction.substring(0, space).toUpperCase(Locale.ROOT),
                    instruction.substring(space + 1)));
        }
        return parsed;
    }
}
