package dev.resumesite.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/** Counts requests being served, so shutdown can wait until the last one has its answer. */
final class InFlightRequests extends HttpFilter {
    private final Object lock = new Object();
    private int active;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        synchronized (lock) {
            active++;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            synchronized (lock) {
                if (--active == 0) {
                    lock.notifyAll();
                }
            }
        }
    }

    /** Waits until no request is being served or the deadline passes; returns how many are still running. */
    int awaitIdle(Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        synchronized (lock) {
            while (active > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return active;
        }
    }
}
