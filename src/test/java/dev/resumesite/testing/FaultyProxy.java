package dev.resumesite.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback between the app and dynalite that can lose or delay answers: when armed, it
 * forwards the next {@code UpdateItem} request (so dynalite applies it) and then cuts the connection
 * instead of returning the response, which is what a reset after sending looks like to the app; or it
 * holds every {@code UpdateItem} answer for a while, which is what a slow database looks like.
 */
public final class FaultyProxy implements AutoCloseable {
    private static final byte[] UPDATE_ITEM = "DynamoDB_20120810.UpdateItem".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GET_ITEM = "DynamoDB_20120810.GetItem".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final int upstreamPort;
    private final AtomicInteger responsesToDrop = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger getItems = new AtomicInteger();
    private volatile long stallMillis;

    public FaultyProxy(int upstreamPort) {
        this.upstreamPort = upstreamPort;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::accept, "faulty-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Loses the answers to the next {@code count} UpdateItem requests after forwarding them. */
    public void dropNextUpdateResponses(int count) {
        responsesToDrop.addAndGet(count);
    }

    /** Holds every UpdateItem answer for this long before passing it on (0 to stop): a slow database. */
    public void stallUpdateResponses(Duration stall) {
        stallMillis = stall.toMillis();
    }

    public int dropped() {
        return dropped.get();
    }

    /** How many GetItem requests passed through: the reads a write path costs. */
    public int getItems() {
        return getItems.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                Connection connection = new Connection(client, upstream);
                start(connection::clientToUpstream);
                start(connection::upstreamToClient);
            } catch (IOException e) {
                // Closed, or dynalite is down: the app sees a refused or reset connection, as it would.
            }
        }
    }

    private static void start(Runnable pump) {
        Thread thread = new Thread(pump, "faulty-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private final class Connection {
        private final Socket client;
        private final Socket upstream;
        private volatile boolean dropNextResponse;
        private volatile boolean stallNextResponse;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void clientToUpstream() {
            pump(client, upstream, chunk -> {
                if (contains(chunk, GET_ITEM)) {
                    getItems.incrementAndGet();
                }
                if (contains(chunk, UPDATE_ITEM) && responsesToDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    dropNextResponse = true;
                }
                if (contains(chunk, UPDATE_ITEM) && stallMillis > 0) {
                    stallNextResponse = true;
                }
                return true;
            });
        }

        void upstreamToClient() {
            pump(upstream, client, chunk -> {
                if (dropNextResponse) {
                    dropped.incrementAndGet();
                    return false;
                }
                if (stallNextResponse) {
                    stallNextResponse = false;
                    try {
                        Thread.sleep(stallMillis); // the slow database itself, not a wait in a test
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return true;
            });
        }

        private void pump(Socket from, Socket to, ChunkFilter filter) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) != -1) {
                    byte[] chunk = java.util.Arrays.copyOf(buffer, read);
                    if (!filter.forward(chunk)) {
                        break;
                    }
                    out.write(chunk);
                    out.flush();
                }
            } catch (IOException e) {
                // One side closed; close both below.
            } finally {
                closeQuietly(client);
                closeQuietly(upstream);
            }
        }
    }

    private interface ChunkFilter {
        boolean forward(byte[] chunk);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
