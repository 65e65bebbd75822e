package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the bundle tells Elastic Beanstalk: .ebextensions, the Procfile and the nginx additions. */
@Tag("integration")
class ElasticBeanstalkConfigTest {
    static final String APP_ENV = "aws:elasticbeanstalk:application:environment/";
    static final String PROCESS = "aws:elasticbeanstalk:environment:process:default/";
    /** The values aws:elasticbeanstalk:cloudwatch:logs RetentionInDays accepts. */
    static final Set<String> RETENTION_DAYS = Set.of("1", "3", "5", "7", "14", "30", "60", "90", "120", "150",
            "180", "365", "400", "545", "731", "1827", "3653");

    static Map<String, String> options;

    @BeforeAll
    static void load() {
        options = EbOptions.fromEbextensions();
    }

    @Test
    void every_config_file_is_yaml_that_only_sets_options() throws Exception {
        for (Path config : RepoFiles.filesIn(".ebextensions", ".config")) {
            assertFalse(EbOptions.fromConfigFile(config).isEmpty(), config + " sets no options");
            // commands, files or Resources would change instances at deploy time; this bundle needs none.
            List<String> sections = new ArrayList<>();
            new YAMLMapper().readTree(config.toFile()).fieldNames().forEachRemaining(sections::add);
            assertEquals(List.of("option_settings"), sections, config.toString());
        }
    }

    @Test
    void the_load_balancer_checks_healthz_never_the_counted_page() {
        Map<String, Object> ha = EbOptions.fromStack("ha");
        assertEquals("/healthz", ha.get(PROCESS + "HealthCheckPath"));
        assertEquals("200", ha.get(PROCESS + "MatcherHTTPCode"));
    }

    @Test
    void health_reporting_is_enhanced() {
        assertEquals("enhanced", options.get("aws:elasticbeanstalk:healthreporting:system/SystemType"));
    }

    @Test
    void a_deploy_never_takes_all_instances_out_at_once() {
        String policy = options.get("aws:elasticbeanstalk:command/DeploymentPolicy");
        assertTrue(Set.of("Immutable", "RollingWithAdditionalBatch").contains(policy), "DeploymentPolicy " + policy);
    }

    @Test
    void logs_are_streamed_to_cloudwatch_kept_after_termination_and_expire() {
        String logs = "aws:elasticbeanstalk:cloudwatch:logs/";
        assertEquals("true", options.get(logs + "StreamLogs"));
        assertEquals("false", options.get(logs + "DeleteOnTerminate"));
        assertTrue(RETENTION_DAYS.contains(options.get(logs + "RetentionInDays")),
                "RetentionInDays " + options.get(logs + "RetentionInDays"));
    }

    @Test
    void the_load_balancer_waits_longer_than_the_app_takes_to_drain() {
        int deregistration = Integer.parseInt((String) EbOptions.fromStack("ha").get(PROCESS + "DeregistrationDelay"));
        int grace = Integer.parseInt(options.get(APP_ENV + "SHUTDOWN_GRACE_SECONDS"));
        assertTrue(grace < deregistration, "SHUTDOWN_GRACE_SECONDS " + grace + " vs DeregistrationDelay " + deregistration);
    }

    @Test
    void the_app_counts_in_dynamodb_and_never_creates_its_table() {
        assertEquals("dynamodb", options.get(APP_ENV + "COUNTER_STORE"));
        assertEquals("false", options.get(APP_ENV + "DYNAMODB_CREATE_TABLE"));
        Map<String, Object> stack = stackOptions();
        assertFalse("true".equalsIgnoreCase(String.valueOf(stack.get(APP_ENV + "DYNAMODB_CREATE_TABLE"))),
                "the stack must not ask the app to create its table");
    }

    @Test
    void the_bundle_sets_only_what_the_environment_of_every_profile_already_has_with_the_same_value() {
        // An immutable deploy refuses a bundle whose .ebextensions change the environment's settings, and
        // options that need a load balancer mean nothing in profile personal. So every key of the bundle is
        // a key of each profile's environment, with the value CloudFormation gave it.
        for (String profile : List.of("personal", "ha")) {
            Map<String, Object> stack = EbOptions.fromStack(profile);
            List<String> missing = options.keySet().stream().filter(key -> !stack.containsKey(key)).toList();
            assertEquals(List.of(), missing, "the bundle sets options the " + profile + " environment lacks");
            for (String key : options.keySet()) {
                assertEquals(options.get(key), stack.get(key), profile + " " + key);
            }
        }
        assertTrue(EbOptions.fromStack("ha").containsKey(PROCESS + "HealthCheckPath"),
                "the stack sets the load balancer's health check in profile ha");
        assertFalse(EbOptions.fromStack("personal").containsKey(PROCESS + "HealthCheckPath"),
                "no load balancer, no load balancer health check in profile personal");
    }

    @Test
    void the_procfile_runs_the_bundled_jar_on_the_port_the_platform_gives() {
        List<String> lines = RepoFiles.read("deploy/eb/Procfile").lines().filter(line -> !line.isBlank()).toList();
        assertEquals(1, lines.size(), "one process: " + lines);
        String web = lines.get(0);
        assertTrue(web.startsWith("web: java "), web);
        assertTrue(web.endsWith(" -jar resume-site.jar"), web);
        // The app reads PORT from the environment (5000 on this platform, what nginx proxies to).
        assertFalse(web.contains("PORT") || web.contains("-Dport") || web.contains("--port"), web);
        assertEquals("5000", options.get(APP_ENV + "PORT"));
        assertTrue(web.contains("-XX:+ExitOnOutOfMemoryError"), "a JVM out of memory exits and is restarted: " + web);
    }

    @Test
    void nginx_additions_hold_only_http_level_directives_and_the_body_limit_is_the_apps() {
        List<String> confs = RepoFiles.filesBelow(".platform/nginx/conf.d");
        assertFalse(confs.isEmpty());
        StringBuilder all = new StringBuilder();
        for (String conf : confs) {
            assertTrue(conf.endsWith(".conf"), "nginx only includes *.conf: " + conf);
            assertFalse(conf.startsWith(".platform/nginx/conf.d/elasticbeanstalk/00_application"),
                    "replacing the platform's own location / would drop its proxy settings");
            all.append(stripComments(RepoFiles.read(conf)));
        }
        String text = all.toString();
        assertFalse(Pattern.compile("\\b(server|location|http)\\s*\\{").matcher(text).find(),
                "files in conf.d are already inside the http block");
        // The body limit is in nginx.conf's server block, equal to the app's (NginxOwnAnswersIT).
        Matcher bodyLimit = Pattern.compile("client_max_body_size\\s+(\\d+)k;").matcher(stripComments(RepoFiles.read(".platform/nginx/nginx.conf")));
        assertTrue(bodyLimit.find(), "client_max_body_size in kilobytes");
        assertEquals(dev.resumesite.web.HttpPolicy.MAX_BODY_BYTES, Integer.parseInt(bodyLimit.group(1)) * 1024);
        // The proxy must give up no later than CloudFront does (OriginReadTimeout 30 s in the stack).
        Matcher readTimeout = Pattern.compile("proxy_read_timeout\\s+(\\d+)s;").matcher(text);
        assertTrue(readTimeout.find());
        assertTrue(Integer.parseInt(readTimeout.group(1)) < 30);
    }

    static Map<String, Object> stackOptions() {
        Map<String, Object> template = Cfn.template();
        String environment = Cfn.onlyIdOfType(template, "AWS::ElasticBeanstalk::Environment");
        return EbOptions.fromStackEnvironment(Cfn.resource(template, environment));
    }

    static String stripComments(String nginx) {
        return nginx.lines().map(line -> line.replaceAll("#.*$", "")).reduce("", (a, b) -> a + b + "\n");
    }
}
