package dev.resumesite.visitor;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tells robots from people by the {@code User-Agent}: search and AI crawlers, link-preview fetchers,
 * uptime monitors, headless browsers, HTTP libraries, command-line clients and load-balancer health
 * checks. The pattern is the isbot npm package's (public domain, pinned, refreshed by
 * {@code bin/update-robot-list}), plus a few of our own in {@code robots/extra-patterns.txt}, each
 * with its reason. No user agent at all is a robot too: every browser sends one, and none sends one
 * longer than {@link #LONGEST_BROWSER} characters, so a longer one is a robot without matching.
 *
 * <p>One match costs tens of microseconds, so answers are remembered per user agent (browsers send
 * the same few strings), under a keyed hash of it ({@link MemoryKeys}), never the string itself; the
 * memory is bounded and forgets the least used answers first.
 */
public final class RobotFilter {
    private static final int REMEMBERED = 10_000;
    /**
     * The longest user agent a person's browser is taken to send. Desktop and mobile browsers send 70 to
     * 200 characters; the longest common ones, in-app browsers (Facebook's and Instagram's on iOS append
     * device, build and locale), stay under about 350. Matching cost grows with the length: 6,000
     * characters cost 6.5 ms, which a client could send on every request.
     */
    static final int LONGEST_BROWSER = 512;

    private final Pattern robots;
    private final MemoryKeys keys = new MemoryKeys();
    private final Map<String, Boolean> remembered = Caffeine.newBuilder().maximumSize(REMEMBERED).<String, Boolean>build().asMap();

    public RobotFilter() {
        robots = Pattern.compile(patterns("robots/isbot-pattern.txt") + "|" + patterns("robots/extra-patterns.txt"),
                Pattern.CASE_INSENSITIVE);
    }

    public boolean isRobot(String userAgent) {
        if (userAgent == null || userAgent.isBlank() || userAgent.length() > LONGEST_BROWSER) {
            return true;
        }
        String key = keys.of(userAgent);
        Boolean known = remembered.get(key);
        if (known == null) {
            known = robots.matcher(userAgent).find(); // outside the map's lock: two threads may both match once
            remembered.put(key, known);
        }
        return known;
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
