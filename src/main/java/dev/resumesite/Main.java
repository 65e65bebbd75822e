package dev.resumesite;

import dev.resumesite.config.AppConfig;
import dev.resumesite.config.ConfigException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Starts the site: reads the environment once, assembles the app, and closes it on SIGTERM. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
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
        System.out.println(app.startUpLine());
        app.preparePdf();
        stopped.await();
    }
}
