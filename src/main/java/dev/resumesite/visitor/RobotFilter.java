package dev.resumesite.visitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tells robots from people by the {@code User-Agent}: search and AI crawlers, link-preview fetchers,
 * uptime monitors, headless browsers, HTTP libraries, command-line clients and load-balancer health
 * checks. The pattern is the isbot npm package's (public domain, pinned, refreshed by
 * {@code bin/update-robot-list}), plus a few of our own in {@code robots/extra-patterns.txt}, each
 * with its reason. No user agent at all is a robot too: every browser sends one.
 *
 * <p>One match costs tens of microseconds, so answers are remembered per user agent (browsers send
 * the same few strings); the memory is bounded and simply starts over when full.
 */
public final class RobotFilter {
    private static final int REMEMBERED = 10_000;
    /** Longer than any browser's; not worth a place in the memory. */
    private static final int LONGEST_REMEMBERED = 512;

    private final Pattern robots;
    private final Map<String, Boolean> remembered = new ConcurrentHashMap<>();

    public RobotFilter() {
        robots = Pattern.compile(patterns("robots/isbot-pattern.txt") + "|" + patterns("robots/extra-patterns.txt"),
                Pattern.CASE_INSENSITIVE);
    }

    public boolean isRobot(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        if (userAgent.length() > LONGEST_REMEMBERED) {
            return robots.matcher(userAgent).find();
        }
        Boolean known = remembered.get(userAgent);
        if (known != null) {
            return known;
        }
        boolean robot = robots.matcher(userAgent).find();
        if (remembered.size() >= REMEMBERED) {
            remembered.clear();
        }
        remembered.put(userAgent, robot);
        return robot;
    }

    /** The file's patterns as one alternation; lines starting with '#' and blank lines are skipped. */
    private static String patterns(String resource) {
        try (InputStream in = RobotFilter.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.joining("|"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
