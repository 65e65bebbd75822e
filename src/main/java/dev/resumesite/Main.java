package dev.resumesite;

import dev.resumesite.config.AppConfig;
import dev.resumesite.config.ConfigException;
import java.util.concurrent.CountDownLatch;

/** Starts the site: reads the environment once, assembles the app, and closes it on SIGTERM. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        App app;
        try {
            app = App.assemble(AppConfig.fromEnvironment(System.getenv())).start();
        } catch (ConfigException e) {
            // A configuration or content mistake: one line that names the fix, no stack trace.
            System.err.println("resume-site: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("resume-site: listening on http://localhost:" + app.port() + "/");
        stopped.await();
    }
}
