import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bounded fuzz run behind bench/fuzz: mutates valid seed requests, sends each over its own loopback
 * connection, one after another, and reads the stored count after each, so every count is traced to the
 * request that made it. Prints status classes, 5xx, crashes and counts; exits 1 on any finding.
 *
 *   java bench/Fuzz.java PORT REQUESTS SEED
 */
public final class Fuzz {
    private static final int TIMEOUT_MS = 5_000;
    private static final String HOST = "Host: 127.0.0.1\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0\r\n";
    private static final String BROWSER = "Accept: text/html,application/xhtml+xml,*/*;q=0.8\r\nAccept-Language: en-US,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate\r\n";
    private static final List<String> SEEDS = List.of(
            "GET / HTTP/1.1\r\n" + HOST + BROWSER + "\r\n",
            "GET /?utm_source=x HTTP/1.1\r\n" + HOST + BROWSER + "\r\n",
            "HEAD / HTTP/1.1\r\n" + HOST + "\r\n",
            "GET /api/views HTTP/1.1\r\n" + HOST + "Accept: application/json\r\n\r\n",
            "POST /api/views HTTP/1.1\r\n" + HOST + "Content-Length: 2\r\nContent-Type: application/json\r\n\r\n{}",
            "POST /api/views HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
            "GET /healthz HTTP/1.1\r\n" + HOST + "\r\n",
            "GET /favicon.ico HTTP/1.1\r\n" + HOST + "Range: bytes=0-10\r\n\r\n",
            "OPTIONS / HTTP/1.1\r\n" + HOST + "\r\n",
            "GET / HTTP/1.0\r\n\r\n",
            "GET http://127.0.0.1/ HTTP/1.1\r\n" + HOST + "\r\n");
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PATCH", "PRI",
        "get", "G ET", "GETT", "", "\u0000GET"};
    private static final String[] VERSIONS = {"HTTP/1.1", "HTTP/1.0", "HTTP/0.9", "HTTP/2.0", "HTTP/1.2", "HTTP/1.10", "HTTP/1", "http/1.1", "", "HTTP/1.1 x"};
    private static final String[] PATHS = {"/", "//", "/./", "/;jsessionid=1", "/%2e%2e/", "/../", "/%zz", "/%", "/%00", "/%c0%ae",
        "/api/views", "/api//views", "/API/views", "/assets/", "/assets/../pom.xml", "*", "http://a@b/", "/?" + "a".repeat(9000),
        "/\u00ff", "/index.html", "/healthz/", "/favicon.ico;x", "/%2fapi/views"};
    private static final String[] HEADERS = {"Transfer-Encoding: chunked", "Transfer-Encoding: xchunked", "Transfer-Encoding: chunked, identity",
        "Content-Length: -1", "Content-Length: 99999999999999999999", "Content-Length: 1, 2", "Content-Length: 5000",
        "Host: 127.0.0.1:99999", "Host: a@b", "Host:", "Expect: 100-continue", "Expect: 200-ok", "Range: bytes=0-0,0-0,0-0",
        "Range: bytes=-99999999999999", "Sec-Purpose: prefetch", "Purpose: prefetch", "X-Forwarded-For: 999.1.1.7",
        "CloudFront-Viewer-Address: ::1:80", "Connection: upgrade\r\nUpgrade: h2c", "Cookie: " + "a=b; ".repeat(300),
        "X-A: b\r\n Transfer-Encoding: chunked", "X-A:\tb", " X-Lead: space", "X-Big: " + "a".repeat(9000), "Accept-Encoding: gzip;q=2"};
    private static final byte[] INTERESTING = {'\r', '\n', 0, ' ', '\t', ':', '%', '/', '.', ';', '@', '?', '#', '\\', (byte) 0xff, (byte) 0xc0, 'a', '0'};
    private static final Pattern VIEWS = Pattern.compile("\"views\":(\\d+)");

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int requests = Integer.parseInt(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        Map<String, Integer> classes = new TreeMap<>();
        Map<Integer, Integer> serverErrors = new TreeMap<>();
        List<String> findings = new ArrayList<>();
        int counted = 0;
        int crashes = 0;
        long count = storedCount(port);
        long started = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            byte[] request = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
            String answer;
            try {
                answer = exchange(port, request);
            } catch (ConnectException e) {
                crashes++;
                findings.add("request " + i + ": connection refused: the server is down");
                break;
            }
            List<Integer> statuses = statuses(answer);
            if (statuses.isEmpty()) {
                classes.merge(answer.equals("TIMEOUT") ? "timeout" : "closed without answer", 1, Integer::sum);
            }
            for (int status : statuses) {
                classes.merge(status / 100 + "xx", 1, Integer::sum);
                if (status >= 500) {
                    serverErrors.merge(status, 1, Integer::sum);
                    if (status != 501 && status != 505) {
                        findings.add("request " + i + ": " + status + " for " + printable(request));
                    }
                }
            }
            long now = storedCount(port);
            if (now != count) {
                long delta = now - count;
                counted += delta;
                int genuine = genuineCounts(answer, new String(request, StandardCharsets.ISO_8859_1).contains("POST "));
                if (delta > genuine) {
                    findings.add("request " + i + ": the count moved by " + delta + " with " + genuine + " counted answers: " + printable(request));
                }
                count = now;
            }
        }
        long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000);
        System.out.printf("requests: %d in %d s (seed %s)%n", requests, seconds, args[2]);
        System.out.println("answers by class: " + classes);
        System.out.println("5xx by status: " + serverErrors + " (501 and 505 are expected: unknown method, unknown version)");
        System.out.println("crashes: " + crashes);
        System.out.println("counted: " + counted + ", each one a 200 page or POST /api/views answer: " + findings.stream().noneMatch(f -> f.contains("count moved")));
        findings.stream().limit(20).forEach(f -> System.out.println("FINDING " + f));
        System.out.println("findings: " + findings.size());
        System.exit(findings.isEmpty() ? 0 : 1);
    }

    /** One to three mutations of a seed, at the level of the request line, the headers or the bytes. */
    static byte[] mutate(String seed, Random random) {
        String text = seed;
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            String[] parts = text.split(" ", 3);
            switch (random.nextInt(9)) {
                case 0 -> text = parts.length == 3 ? pick(METHODS, random) + " " + parts[1] + " " + parts[2] : text;
                case 1 -> text = parts.length == 3 ? parts[0] + " " + pick(PATHS, random) + " " + parts[2] : text;
                case 2 -> {
                    if (parts.length == 3) {
                        int lineEnd = parts[2].indexOf('\r') < 0 ? parts[2].length() : parts[2].indexOf('\r');
                        text = parts[0] + " " + parts[1] + " " + pick(VERSIONS, random) + parts[2].substring(lineEnd);
                    }
                }
                case 3 -> {
                    int at = text.indexOf("\r\n");
                    text = at < 0 ? text : text.substring(0, at + 2) + pick(HEADERS, random) + "\r\n" + text.substring(at + 2);
                }
                case 4 -> {
                    String[] lines = text.split("\r\n", -1);
                    int line = random.nextInt(lines.length);
                    List<String> list = new ArrayList<>(List.of(lines));
                    if (random.nextBoolean()) {
                        list.add(line, lines[line]);
                    } else {
                        list.remove(line);
                    }
                    text = String.join("\r\n", list);
                }
                case 5 -> text = text + "GET / HTTP/1.1\r\n" + HOST + "\r\n"; // a pipelined page view behind it
                case 6 -> text = text.substring(0, random.nextInt(text.length() + 1)); // truncated
                default -> {
                    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
                    int at = random.nextInt(bytes.length + 1);
                    byte b = INTERESTING[random.nextInt(INTERESTING.length)];
                    String before = new String(bytes, 0, at, StandardCharsets.ISO_8859_1);
                    String after = new String(bytes, at, bytes.length - at, StandardCharsets.ISO_8859_1);
                    text = switch (random.nextInt(3)) {
                        case 0 -> before + (char) (b & 0xff) + after;
                        case 1 -> after.isEmpty() ? before : before + (char) (b & 0xff) + after.substring(1);
                        default -> after.isEmpty() ? before : before + after.substring(1);
                    };
                }
            }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            try {
                socket.getOutputStream().write(request);
                socket.shutdownOutput();
            } catch (IOException e) {
                // The server may close early (a 400 for a bad head) before everything is written.
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16384];
            try {
                for (int read; (read = in.read(buffer)) != -1; ) {
                    all.write(buffer, 0, read);
                }
            } catch (SocketTimeoutException e) {
                return all.size() == 0 ? "TIMEOUT" : all.toString(StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                // A reset after the answer leaves what was read.
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Every status line in the answer, in order (the site's bodies never contain one). */
    static List<Integer> statuses(String answer) {
        List<Integer> statuses = new ArrayList<>();
        Matcher m = Pattern.compile("HTTP/1\\.[01] (\\d{3})").matcher(answer);
        while (m.find()) {
            statuses.add(Integer.parseInt(m.group(1)));
        }
        return statuses;
    }

    /**
     * Answers that may have counted: 200 pages (the only 200 HTML, possibly gzipped) and, when a POST was
     * sent, 200 JSON answers of the API.
     */
    static int genuineCounts(String answer, boolean posted) {
        int counted = 0;
        Matcher m = Pattern.compile("HTTP/1\\.[01] 200[^\r\n]*\r\n((?:[^\r\n]+\r\n)*)\r\n").matcher(answer);
        while (m.find()) {
            String headers = m.group(1).toLowerCase(java.util.Locale.ROOT);
            if (headers.contains("content-type: text/html") || posted && headers.contains("content-type: application/json")) {
                counted++;
            }
        }
        return counted;
    }

    static long storedCount(int port) throws IOException {
        String answer = exchange(port, ("GET /api/views HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        Matcher m = VIEWS.matcher(answer);
        if (!m.find()) {
            throw new IllegalStateException("no count in " + answer);
        }
        return Long.parseLong(m.group(1));
    }

    private static String pick(String[] options, Random random) {
        return options[random.nextInt(options.length)];
    }

    private static String printable(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        text = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
    }
}
