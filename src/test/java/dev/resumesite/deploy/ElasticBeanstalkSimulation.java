package dev.resumesite.deploy;

import dev.resumesite.counter.DynamoDbClients;
import dev.resumesite.testing.Dynalite;
import dev.resumesite.testing.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One Elastic Beanstalk Java SE instance on this machine, built from a real deploy bundle the way
 * the platform runs it: the zip is unpacked, the Procfile's {@code web} command runs in it with the
 * bundle's .ebextensions environment properties, then the stack's (which win, as in Elastic
 * Beanstalk), and a PORT; Debian's nginx runs the bundle's own .platform/nginx/nginx.conf (as the
 * platform does when a bundle ships one), changed only where this machine differs ({@link
 * #forThisMachine}), with the platform's generated conf.d files (src/test/resources/deploy/eb-*.conf)
 * and the bundle's .platform/nginx/conf.d/*.conf over them. Both listen on free loopback ports;
 * {@link #close()} stops both and removes the directory.
 *
 * <p>Reusable: start it with {@link #start(Path, Map)} (for example from a bundle built by
 * {@link #buildBundle(Path, Path)}) and put a {@link CloudFrontSimulation} in front of
 * {@link #uri(String)}. Start-up has its own generous budget ({@link #START_BUDGET}), independent
 * of any page budget, so a busy machine slows it down without failing it.
 */
public final class ElasticBeanstalkSimulation implements AutoCloseable {
    /** Debian's nginx; ./bin/test installs it. */
    public static final Path NGINX = Path.of("/usr/sbin/nginx");
    /** A cold JVM, Tomcat and the first DynamoDB call, on a shared 2-core machine. */
    public static final Duration START_BUDGET = Duration.ofSeconds(120);
    private static final Duration STOP_BUDGET = Duration.ofSeconds(30);
    private static final String APP_ENV = "aws:elasticbeanstalk:application:environment/";

    private final Path root;
    private final int appPort;
    private final int nginxPort;
    private final List<String> appCommand;
    private Process app;
    private Process nginx;

    private ElasticBeanstalkSimulation(Path root, int appPort, int nginxPort, List<String> appCommand) {
        this.root = root;
        this.appPort = appPort;
        this.nginxPort = nginxPort;
        this.appCommand = appCommand;
    }

    /** deploy/build-bundle.sh, exactly as the deploy job runs it, around {@code jar}. */
    public static Path buildBundle(Path jar, Path directory) {
        Path zip = directory.resolve("deploy-bundle.zip");
        Processes.Result result = Processes.run(List.of("bash", "deploy/build-bundle.sh", jar.toString(), zip.toString()),
                Map.of(), Duration.ofSeconds(60));
        if (result.exitCode() != 0) {
            throw new AssertionError("deploy/build-bundle.sh failed:\n" + result.output());
        }
        return zip;
    }

    /**
     * The environment CloudFormation adds on top of the bundle's (infra/stack.yml), pointed at a
     * local dynalite. As in production the app does not create its table: it is created here,
     * standing in for the stack's CounterTable.
     */
    public static Map<String, String> stackEnvironment(Dynalite dynalite, String originSecret, String syntheticSecret) {
        String table = "resume-site-" + System.nanoTime();
        try (var client = dynalite.client()) {
            DynamoDbClients.createTableIfMissing(client, table);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DYNAMODB_TABLE", table);
        env.put("AWS_REGION", "us-east-1");
        env.put("TRUSTED_PROXIES", "127.0.0.1/32");
        env.put("ORIGIN_SECRET", originSecret);
        env.put("SYNTHETIC_CHECK_SECRET", syntheticSecret);
        env.put("DYNAMODB_ENDPOINT", dynalite.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", Dynalite.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", Dynalite.SECRET_KEY);
        return env;
    }

    /** Unpacks {@code bundle}, checks nginx's configuration, starts the app and nginx, waits for both. */
    /** Stops what a test deployed, front first; each may be null (a set-up that failed half-way). */
    public static void tearDown(CloudFrontSimulation cloudFront, ElasticBeanstalkSimulation instance, Dynalite dynalite) {
        for (AutoCloseable part : new AutoCloseable[] {cloudFront, instance, dynalite}) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not stop " + part, e);
                }
            }
        }
    }

    public static ElasticBeanstalkSimulation start(Path bundle, Map<String, String> stackEnvironment) {
        ElasticBeanstalkSimulation instance = unpack(bundle, Dynalite.freePort());
        try {
            instance.writeNginxConfiguration();
            instance.startApp(stackEnvironment);
            instance.startNginx("/healthz", status -> status == 200);
            return instance;
        } catch (RuntimeException | Error e) {
            instance.close();
            throw e;
        }
    }

    /**
     * The bundle's nginx alone, proxying to {@code upstreamPort} (where a test decides how the "app"
     * misbehaves): for nginx's own answers, which need no app.
     */
    public static ElasticBeanstalkSimulation startNginxOnly(Path bundle, int upstreamPort) {
        ElasticBeanstalkSimulation instance = unpack(bundle, upstreamPort);
        try {
            instance.writeNginxConfiguration();
            // nginx answers its internal error location with its own 404, without asking the upstream.
            instance.startNginx("/__nginx_error", status -> status == 404);
            return instance;
        } catch (RuntimeException | Error e) {
            instance.close();
            throw e;
        }
    }

    private static ElasticBeanstalkSimulation unpack(Path bundle, int appPort) {
        if (!Files.isExecutable(NGINX)) {
            throw new IllegalStateException(NGINX + " is not installed: run bin/test, which installs Debian's nginx");
        }
        Path root;
        try {
            root = Files.createTempDirectory("eb-instance");
            unzip(bundle, root.resolve("app"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + bundle, e);
        }
        return new ElasticBeanstalkSimulation(root, appPort, Dynalite.freePort(), webCommand(root.resolve("app/Procfile")));
    }

    /** A URL on nginx, where the load balancer (ha) or CloudFront itself (personal) connects. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + nginxPort + path);
    }

    /** A URL on the app's own port, behind nginx (only processes on the instance reach it). */
    public URI appUri(String path) {
        return URI.create("http://127.0.0.1:" + appPort + path);
    }

    /** Runs {@code nginx -t} on the simulation's configuration and returns what it printed. */
    public String nginxConfigTest() {
        Processes.Result result = Processes.run(nginxCommand("-t"), Map.of(), Duration.ofSeconds(30));
        return result.output() + "(exit " + result.exitCode() + ")";
    }

    /** The Procfile's web command, as run (split on spaces, like the platform's launcher). */
    public List<String> appCommand() {
        return appCommand;
    }

    /** Peak resident memory of the app process so far (kB, VmHWM from /proc). */
    public long appPeakResidentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(app.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no VmHWM for pid " + app.pid());
    }

    /** What the app printed (stdout and stderr, as web.stdout.log on the platform). */
    public String appLog() {
        return read(root.resolve("logs/web.stdout.log"));
    }

    /** nginx's error log. */
    public String nginxErrorLog() {
        return read(root.resolve("logs/error.log"));
    }

    /** nginx's access log (the platform's /var/log/nginx/access.log). */
    public String nginxAccessLog() {
        return read(root.resolve("logs/access.log"));
    }

    /** Every file the instance writes logs to (nginx, the health agent's files, the app's output), by path. */
    public Map<Path, String> allLogs() {
        Map<Path, String> logs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root.resolve("logs"))) {
            files.filter(Files::isRegularFile).sorted().forEach(file -> logs.put(root.relativize(file), read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return logs;
    }

    @Override
    public void close() {
        stop(nginx);
        stop(app);
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Only a temporary directory is left behind.
        }
    }

    // ------------------------------------------------------------------ set-up

    private void writeNginxConfiguration() {
        try {
            Path conf = root.resolve("nginx");
            Files.createDirectories(conf.resolve("conf.d/elasticbeanstalk"));
            // nginx/html: nginx checks its default root exists before it opens a log file named with variables.
            for (String dir : List.of("logs/healthd", "temp", "nginx/html")) {
                Files.createDirectories(root.resolve(dir));
            }
            Path bundleConf = root.resolve("app/.platform/nginx");
            Path shipped = bundleConf.resolve("nginx.conf");
            if (!Files.isRegularFile(shipped)) {
                throw new AssertionError("the bundle ships no .platform/nginx/nginx.conf");
            }
            Files.writeString(conf.resolve("nginx.conf"), forThisMachine(Files.readString(shipped)));
            // What the platform generates next to it; the bundle's conf.d files replace same names.
            Files.writeString(conf.resolve("conf.d/healthd.conf"), template("eb-healthd.conf"));
            Files.writeString(conf.resolve("conf.d/elasticbeanstalk/00_application.conf"), template("eb-00_application.conf"));
            Files.writeString(conf.resolve("conf.d/elasticbeanstalk/healthd.conf"), template("eb-server-healthd.conf"));
            Path additions = bundleConf.resolve("conf.d");
            if (Files.isDirectory(additions)) {
                try (Stream<Path> files = Files.walk(additions)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        Path target = conf.resolve("conf.d").resolve(additions.relativize(file).toString());
                        Files.createDirectories(target.getParent());
                        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            String test = nginxConfigTest();
            if (!test.contains("test is successful")) {
                throw new AssertionError("nginx -t refused the configuration:\n" + test);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the nginx configuration", e);
        }
    }

    /**
     * The shipped nginx.conf with only what differs on this machine: no "user nginx" (tests run nginx
     * as the current user, as root "user root"), a free loopback port instead of 80, and logs, pid and temporary files in
     * the simulation's directory instead of /var/log/nginx, /var/run and /var/lib/nginx. Each line
     * must occur exactly once, so a changed file fails here instead of running half-modelled.
     */
    String forThisMachine(String shipped) {
        String logs = root.resolve("logs").toString();
        String temp = root.resolve("temp").toString();
        String conf = shipped;
        // As root, workers would run as "nobody" and could not open the health agent's per-hour log
        // files in this private directory; they run as the test's own user instead.
        conf = replaceOnce(conf, "user                    nginx;\n", "root".equals(System.getProperty("user.name")) ? "user root;\n" : "");
        conf = replaceOnce(conf, "/var/log/nginx/error.log", logs + "/error.log");
        conf = replaceOnce(conf, "/var/run/nginx.pid", root.resolve("nginx.pid").toString());
        conf = replaceOnce(conf, "listen        80 default_server;", "listen        127.0.0.1:" + nginxPort + " default_server;");
        conf = replaceOnce(conf, "/var/log/nginx/access.log", logs + "/access.log");
        return replaceOnce(conf, "http {\n", "http {\n" + String.join("\n",
                "    client_body_temp_path " + temp + "/body;", "    proxy_temp_path " + temp + "/proxy;",
                "    fastcgi_temp_path " + temp + "/fastcgi;", "    uwsgi_temp_path " + temp + "/uwsgi;",
                "    scgi_temp_path " + temp + "/scgi;") + "\n");
    }

    private static String replaceOnce(String text, String target, String replacement) {
        int at = text.indexOf(target);
        if (at < 0 || text.indexOf(target, at + 1) >= 0) {
            throw new AssertionError("nginx.conf must contain exactly one '" + target.strip() + "' for the simulation to replace");
        }
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }

    private String template(String resource) throws IOException {
        try (InputStream in = ElasticBeanstalkSimulation.class.getResourceAsStream("/deploy/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource deploy/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@@ROOT@@", root.toString())
                    .replace("@@NGINX_PORT@@", Integer.toString(nginxPort))
                    .replace("@@APP_PORT@@", Integer.toString(appPort));
        }
    }

    private List<String> nginxCommand(String... extra) {
        // daemon off: the test owns the process (the platform runs nginx under systemd).
        List<String> command = new ArrayList<>(List.of(NGINX.toString(), "-e", root.resolve("logs/error.log").toString(),
                "-p", root.resolve("nginx").toString(), "-c", root.resolve("nginx/nginx.conf").toString(), "-g", "daemon off;"));
        command.addAll(List.of(extra));
        return command;
    }

    private void startApp(Map<String, String> stackEnvironment) {
        ProcessBuilder builder = new ProcessBuilder(appCommand).directory(root.resolve("app").toFile())
                .redirectErrorStream(true).redirectOutput(root.resolve("logs/web.stdout.log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("COUNTER_") || name.startsWith("DYNAMODB_")
                || name.startsWith("AWS_") || name.endsWith("_SECRET") || name.equals("PORT"));
        // The platform's java is the one on PATH; here it is the JDK running the tests.
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        EbOptions.fromEbextensions(root.resolve("app/.ebextensions")).forEach((key, value) -> {
            if (key.startsWith(APP_ENV)) {
                env.put(key.substring(APP_ENV.length()), value);
            }
        });
        env.putAll(stackEnvironment);
        // The bundle says 5000, which may be taken here; nginx is pointed at the same free port.
        env.put("PORT", Integer.toString(appPort));
        try {
            app = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + appCommand, e);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Poll.until(START_BUDGET, "the app to answer /healthz on port " + appPort, () -> {
            if (!app.isAlive()) {
                throw new AssertionError("the app exited with " + app.exitValue() + ":\n" + appLog());
            }
            return status(http, appUri("/healthz")) == 200;
        });
    }

    private void startNginx(String probePath, java.util.function.IntPredicate up) {
        try {
            nginx = new ProcessBuilder(nginxCommand()).redirectErrorStream(true)
                    .redirectOutput(root.resolve("logs/nginx.out").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nginx", e);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Poll.until(START_BUDGET, "nginx to answer " + probePath + " on port " + nginxPort, () -> {
            if (!nginx.isAlive()) {
                throw new AssertionError("nginx exited with " + nginx.exitValue() + ":\n" + nginxErrorLog());
            }
            return up.test(status(http, uri(probePath)));
        });
    }

    private static int status(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGTERM, as the platform sends on every deploy, then SIGKILL if it does not go. */
    private static void stop(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_BUDGET.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The command of the Procfile's web process; the platform runs it with the bundle as working directory. */
    static List<String> webCommand(Path procfile) {
        for (String line : read(procfile).lines().toList()) {
            if (line.startsWith("web:")) {
                return List.of(line.substring("web:".length()).trim().split("\\s+"));
            }
        }
        throw new AssertionError("no web process in " + procfile);
    }

    private static void unzip(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("entry outside the bundle: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
