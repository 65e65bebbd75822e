package dev.resumesite.e2e;

import dev.resumesite.deploy.CloudFrontSimulation;
import dev.resumesite.deploy.ElasticBeanstalkSimulation;
import dev.resumesite.testing.Browser;
import dev.resumesite.testing.Dynalite;
import dev.resumesite.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * The whole browser suite ({@link CounterInBrowserTest}) again, this time through a CloudFront-like
 * proxy in front of the real deploy bundle run as Elastic Beanstalk runs it (Debian's nginx with the
 * platform's configuration, the Procfile's command, DynamoDB via dynalite). Runs after `mvn package`,
 * on the jar that ships. The static set-up below hides the parent's, so only this one runs.
 */
@Tag("e2e")
class CounterInBrowserBehindCloudFrontIT extends CounterInBrowserTest {
    static final String ORIGIN_SECRET = "origin-secret-for-the-browser-suite-0123";
    static Path work;
    static Dynalite dynalite;
    static ElasticBeanstalkSimulation instance;
    static CloudFrontSimulation cloudFront;

    @BeforeAll
    static void open() throws Exception {
        // JUnit may also have run the parent's set-up first (a chromedriver was left behind per run):
        // its browser and app are not this suite's, so close them before starting our own.
        if (browser != null) {
            browser.quit();
        }
        if (localApp != null) {
            localApp.close();
            localApp = null;
        }
        Path jar = Path.of("target", "resume-site.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no target/resume-site.jar: this suite runs after `mvn package` (mvn verify)");
        }
        work = Files.createTempDirectory("bundle-browser");
        Path bundle = ElasticBeanstalkSimulation.buildBundle(jar.toAbsolutePath(), work);
        dynalite = Dynalite.startInMemory();
        Map<String, String> env = new HashMap<>(
                ElasticBeanstalkSimulation.stackEnvironment(dynalite, ORIGIN_SECRET, "synthetic-secret-not-used-0123"));
        env.put("COUNT_TEST_TOKEN", TEST_TOKEN);
        env.putAll(TestApp.patient(Map.of())); // About counting, not latency: see TestApp.patient.
        instance = ElasticBeanstalkSimulation.start(bundle, env);
        testToken = TEST_TOKEN;
        cloudFront = CloudFrontSimulation.start(instance.uri(""), ORIGIN_SECRET);
        baseUrl = cloudFront.uri("").toString();
        browser = Browser.start();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
        ElasticBeanstalkSimulation.tearDown(cloudFront, instance, dynalite);
        if (work != null) {
            work.resolve("deploy-bundle.zip").toFile().delete();
            work.toFile().delete();
        }
    }
}
