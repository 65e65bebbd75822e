package dev.resumesite.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends bytes exactly as given over a plain socket to 127.0.0.1 and reads back every response the server
 * writes until it closes the connection: what a hostile client sees, with nothing fixed up by an HTTP
 * client library in between.
 */
public final class RawHttp {
    /** How long a response to one request may take on a busy machine before the test gives up on it. */
    private static final Duration RESPONSE_DEADLINE = Duration.ofSeconds(10);

    private RawHttp() {
    }

    /** One parsed response: {@code status} is -1 when the bytes did not start with a status line. */
    public record Response(int status, Map<String, List<String>> headers, String body, String raw) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public boolean has(String name) {
            return headers.containsKey(name.toLowerCase(Locale.ROOT));
        }
    }

    public static List<Response> exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Writes {@code request}, then half-closes the connection, so the server answers what it received and
     * closes; returns the responses in order.
     */
    public static List<Response> exchange(int port, byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) RESPONSE_DEADLINE.toMillis());
            socket.setSoTimeout((int) RESPONSE_DEADLINE.toMillis());
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return parse(readUntilClosed(socket.getInputStream()));
        } catch (IOException e) {
            throw new AssertionError("exchange with 127.0.0.1:" + port + " failed", e);
        }
    }

    private static byte[] readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long end = System.nanoTime() + RESPONSE_DEADLINE.toNanos();
        try {
            int read;
            while ((read = in.read(buffer)) != -1) {
                all.write(buffer, 0, read);
                if (System.nanoTime() > end) {
                    throw new AssertionError("the server kept the connection open for " + RESPONSE_DEADLINE.toSeconds() + " s");
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither answered nor closed within " + RESPONSE_DEADLINE.toSeconds() + " s", e);
        } catch (IOException e) {
            // A reset after the last response still leaves what was read.
        }
        return all.toByteArray();
    }

    /** Splits a byte stream into responses, each delimited by its Content-Length or chunked framing. */
    static List<Response> parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<Response> responses = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int headEnd = text.indexOf("\r\n\r\n", at);
            if (!text.startsWith("HTTP/1.", at) || headEnd < 0) {
                responses.add(new Response(-1, Map.of(), text.substring(at), text.substring(at)));
                break;
            }
            String[] lines = text.substring(at, headEnd).split("\r\n");
            int status = Integer.parseInt(lines[0].substring(9, 12));
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            int bodyStart = headEnd + 4;
            int bodyEnd;
            String body;
            List<String> length = headers.get("content-length");
            if (length != null) {
                bodyEnd = Math.min(text.length(), bodyStart + Integer.parseInt(length.get(0)));
                body = text.substring(bodyStart, bodyEnd);
            } else if (headers.containsKey("transfer-encoding")) {
                StringBuilder chunks = new StringBuilder();
                int pos = bodyStart;
                while (true) {
                    int lineEnd = text.indexOf("\r\n", pos);
                    int size = Integer.parseInt(text.substring(pos, lineEnd).trim(), 16);
                    pos = lineEnd + 2;
                    if (size == 0) {
                        pos = text.indexOf("\r\n", pos) + 2;
                        break;
                    }
                    chunks.append(text, pos, pos + size);
                    pos += size + 2;
                }
                bodyEnd = pos;
                body = chunks.toString();
            } else {
                bodyEnd = text.length();
                body = text.substring(bodyStart);
            }
            // Bodies are UTF-8; the framing above counted bytes.
            String utf8 = new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            responses.add(new Response(status, headers, utf8, text.substring(at, bodyEnd)));
            at = bodyEnd;
        }
        return responses;
    }
}
