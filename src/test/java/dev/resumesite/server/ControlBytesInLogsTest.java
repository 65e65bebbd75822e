package dev.resumesite.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.AppProcess;
import dev.resumesite.testing.Poll;
import dev.resumesite.testing.RawHttp;
import dev.resumesite.testing.TestApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client's control characters never reach the log raw: a log line it could break, recolour or forge
 * (ESC sequences in a terminal, CR, NEL and the Unicode line separators in log viewers) must show them
 * as '?'. Tomcat quotes what it refuses (its cookie parser logs the whole header), so the app runs as
 * its own process with its real logging set-up, and every line it writes is looked at.
 */
@Tag("integration")
class ControlBytesInLogsTest {
    /** What no log line may hold: C0 and C1 controls (a line's own tab aside), U+2028 and U+2029. */
    private static final Pattern RAW_CONTROL = Pattern.compile("[\\x{0}-\\x{8}\\x{a}-\\x{1f}\\x{7f}-\\x{9f}\\x{2028}\\x{2029}]");
    private static final String FORGED = "FORGED 2026-01-01T00:00:00.000Z ERROR forged line";
    private static final String SENTINEL = "last-request-sentinel";

    @TempDir
    Path dataDir;

    @Test
    void control_characters_in_a_cookie_or_a_header_reach_no_log_line_raw() {
        // UTF-8 on the process's output, so a raw U+2028 would arrive as itself and "é" shows that it could.
        // Every refused request logged at INFO (Tomcat logs only the first of a day by default), so the sentinel below is too.
        try (AppProcess app = AppProcess.start(Map.of("DATA_DIR", dataDir.toString(), "LC_ALL", "C.UTF-8",
                "JAVA_TOOL_OPTIONS", "-Dorg.apache.juli.logging.UserDataHelper.CONFIG=INFO_ALL"))) {
            int port = app.uri("/").getPort();
            // Bytes above 0x7f pass Tomcat's header checks and its cookie parser; the space makes it refuse the
            // cookie, and it logs the whole header, decoded as UTF-8.
            String unicode = "é\u0085NEL\u2028LS\u2029PS";
            assertEquals(200, RawHttp.exchange(port, request("Cookie: ok=1; bad=x y " + unicode + "; also=2\r\n")).get(0).status(),
                    "a bad cookie is ignored, not refused");
            // ASCII controls and a bare CR: Tomcat refuses the header (400) and may quote the line.
            for (String header : List.of("Cookie: a=\u001b[2Jb\r\n", "Cookie: a=1\r" + FORGED + "\r\n", "X-A: a\u001b[31mb\r\n",
                    "X-A: a\r" + FORGED + "\r\n", "User-Agent: " + unicode + "\u001b[31m\r\n")) {
                assertEquals(400, RawHttp.exchange(port, request(header)).get(0).status(), header);
            }
            RawHttp.exchange(port, utf8("GET /" + unicode + "\u001b[31m HTTP/1.1\r\nHost: resume.example\r\n\r\n"));
            // A last refused request: once its line is out, so are the lines of every request before it.
            assertEquals(400, RawHttp.exchange(port, request("X-A: " + SENTINEL + "\u001b\r\n")).get(0).status());
            Poll.until(Duration.ofSeconds(10), "the sentinel's log line",
                    () -> app.output().stream().anyMatch(line -> line.contains(SENTINEL)));

            List<String> lines = app.output();
            String log = String.join("\n", lines);
            assertTrue(log.contains("é?NEL?LS?PS"), "the quote is in the log, its controls as '?':\n" + log);
            for (String line : lines) {
                assertFalse(RAW_CONTROL.matcher(line).find(), "a raw control character in: " + line.replaceAll("\\p{Cc}", "<ctl>"));
                assertFalse(line.startsWith("FORGED"), "a line forged by a CR: " + line);
            }
        }
    }

    /** A reader's navigation, so the page looks at its cookies (for the test token) and Tomcat parses them. */
    private static byte[] request(String headerLine) {
        return utf8("GET / HTTP/1.1\r\nHost: resume.example\r\nUser-Agent: " + TestApp.BROWSER + "\r\n" + TestApp.NAVIGATION_LINES
                + headerLine + "\r\n");
    }

    /** As a client writes it: UTF-8 bytes, so U+2028 is E2 80 A8 and NEL C2 85 on the wire. */
    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
