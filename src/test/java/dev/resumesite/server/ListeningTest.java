package dev.resumesite.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.AppProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a real process listens, read from the kernel's own table of listening sockets (no connection to
 * any address but loopback is ever made), and the one line it prints when it starts.
 */
@Tag("integration")
class ListeningTest {

    @Test
    void a_local_run_listens_on_loopback_only_and_says_where_it_counts_and_which_resume_it_shows(@TempDir Path data) {
        Path resume = Path.of("src/test/resources/resumes/valid-awkward.json").toAbsolutePath();
        try (AppProcess app = AppProcess.start(Map.of("DATA_DIR", data.toString(), "RESUME_FILE", resume.toString()))) {
            int port = app.uri("/").getPort();
            assertEquals(Set.of("127.0.0.1"), listening(port), "the kernel's listening sockets on port " + port);

            List<String> lines = app.output().stream().filter(line -> line.startsWith("resume-site: listening on")).toList();
            assertEquals(1, lines.size(), String.join("\n", app.output()));
            String line = lines.get(0);
            assertTrue(line.startsWith("resume-site: listening on http://localhost:" + port + "/ (this machine only"), line);
            assertTrue(line.contains("counting in SQLite under " + data.toAbsolutePath()), line);
            assertTrue(line.endsWith("showing " + resume), line);
        }
    }

    @Test
    void bind_address_0_0_0_0_listens_on_every_interface_and_says_so(@TempDir Path data) {
        try (AppProcess app = AppProcess.start(Map.of("DATA_DIR", data.toString(), "BIND_ADDRESS", "0.0.0.0"))) {
            int port = app.uri("/").getPort();
            Set<String> addresses = listening(port);
            assertTrue(addresses.equals(Set.of("0.0.0.0")) || addresses.equals(Set.of("::")), "every interface: " + addresses);
            String line = app.output().stream().filter(output -> output.startsWith("resume-site: listening on")).findFirst().orElseThrow();
            assertTrue(line.contains("(every interface, BIND_ADDRESS=0.0.0.0)"), line);
            assertTrue(line.contains("showing the bundled content/resume.json"), line);
        }
    }

    /**
     * The local addresses of the sockets listening on {@code port}, from /proc/net/tcp and tcp6 (Linux):
     * "127.0.0.1", "0.0.0.0" or "::"; an IPv4 address on a dual-stack socket is shown as IPv4.
     */
    private static Set<String> listening(int port) {
        return Stream.of("/proc/net/tcp", "/proc/net/tcp6").map(Path::of).filter(Files::exists)
                .flatMap(ListeningTest::rows)
                .map(row -> row.trim().split("\\s+"))
                .filter(fields -> fields.length > 3 && fields[3].equals("0A")) // 0A: LISTEN
                .filter(fields -> Integer.parseInt(fields[1].split(":")[1], 16) == port)
                .map(fields -> address(fields[1].split(":")[0]).getHostAddress())
                .map(address -> address.equals("0:0:0:0:0:0:0:0") ? "::" : address)
                .collect(Collectors.toSet());
    }

    private static Stream<String> rows(Path table) {
        try {
            return Files.readAllLines(table).stream().skip(1); // the header
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kernel writes each 32-bit word of the address in host (little-endian) byte order. */
    private static InetAddress address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes); // An IPv4-mapped IPv6 address comes back as IPv4.
        } catch (UnknownHostException e) {
            throw new IllegalStateException(hex, e);
        }
    }
}
