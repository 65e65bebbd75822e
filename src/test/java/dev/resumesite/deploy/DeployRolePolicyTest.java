package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The deploy role against AWS's own list: the pinned copy of AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy
 * (what Elastic Beanstalk needs for an update it runs itself). Every statement of that document is either a step
 * of an immutable update of one of our profiles, whose every action the role must allow on a resource of this
 * account and region named the way Elastic Beanstalk names it, or is named below as no step of ours, with the
 * reason. A new version of the document with a new statement or action fails here until it is sorted.
 */
@Tag("integration")
class DeployRolePolicyTest {
    static final String PINNED = "/deploy/aws-managed-policy/AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy.v8.json";

    /**
     * The requests an update's steps make under a statement: sample resources (one per resource type the
     * statement's actions take; each action must be allowed on the one of its type) and condition keys.
     */
    record Step(List<String> resources, Map<String, String> context) {
        Step(String resource, Map<String, String> context) {
            this(List.of(resource), context);
        }

        Step(String... resources) {
            this(List.of(resources), Map.of());
        }
    }

    static final String STACK = IamPolicy.arn("cloudformation", "stack/awseb-e-abc123-immutable-stack/9f1e");

    /** The statements whose actions an immutable update of profile personal or ha takes, with a sample request. */
    static final Map<String, Step> UPDATE_STEPS = Map.ofEntries(
            Map.entry("ElasticBeanstalkPermissions", new Step(IamPolicy.arn("elasticbeanstalk", "environment/resume-site/resume-site-web"))),
            Map.entry("AllowPassRoleToElasticBeanstalkAndDownstreamServices", new Step(IamPolicy.SAMPLE_VALUES.get("InstanceRole.Arn"))),
            Map.entry("ReadOnlyPermissions", new Step("*")),
            Map.entry("EC2BroadOperationPermissions", new Step(IamPolicy.arn("ec2", "elastic-ip/eipalloc-0abc"),
                    IamPolicy.arn("ec2", "launch-template/lt-0abc"))),
            Map.entry("EC2RunInstancesOperationPermissions", new Step(IamPolicy.arn("ec2", "instance/*"),
                    Map.of("ec2:LaunchTemplate", IamPolicy.arn("ec2", "launch-template/lt-0abc"), "ec2:InstanceType", "t4g.micro"))),
            Map.entry("EC2TerminateInstancesOperationPermissions", new Step(IamPolicy.arn("ec2", "instance/i-0old"),
                    Map.of("ec2:ResourceTag/aws:cloudformation:stack-id", IamPolicy.arn("cloudformation", "stack/awseb-e-abc123-stack/1a2b")))),
            Map.entry("ASGOperationPermissions", new Step(IamPolicy.arn("autoscaling",
                    "autoScalingGroup:uuid:autoScalingGroupName/awseb-e-abc123-immutable-stack-AWSEBAutoScalingGroup-X"))),
            Map.entry("CFNOperationPermissions", new Step(STACK)),
            Map.entry("ELBOperationPermissions", new Step(IamPolicy.arn("elasticloadbalancing", "targetgroup/awseb-AWSEB-1ABC/2def"))),
            Map.entry("CWLogsOperationPermissions", new Step(IamPolicy.arn("logs",
                    "log-group:/aws/elasticbeanstalk/resume-site-web/var/log/nginx/access.log"))),
            Map.entry("S3ObjectOperationPermissions", new Step("arn:aws:s3:::elasticbeanstalk-us-east-1-" + IamPolicy.ACCOUNT + "/resume-site/x.zip")),
            Map.entry("S3BucketOperationPermissions", new Step("arn:aws:s3:::elasticbeanstalk-us-east-1-" + IamPolicy.ACCOUNT)),
            Map.entry("CWPutMetricAlarmOperationPermissions", new Step(IamPolicy.arn("cloudwatch", "alarm:awseb-e-abc123-stack-AWSEBCloudwatchAlarmHigh-X"))),
            Map.entry("LaunchTemplateTagPropagationPermissions", new Step("*", Map.of("ec2:CreateAction", "AllocateAddress"))));

    /** Statements for features this site does not use. */
    static final Map<String, String> NOT_OUR_STEPS = Map.of(
            "ECSBroadOperationPermissions", "Docker (ECS) platforms only; this is the Java SE platform",
            "ECSDeleteClusterOperationPermissions", "Docker (ECS) platforms only",
            "AllowECSTagResource", "Docker (ECS) platforms only",
            "SNSOperationPermissions", "email notifications (aws:elasticbeanstalk:sns:topics) are not configured",
            "SQSOperationPermissions", "worker environments only; this is a web server environment");

    /** Actions of an update step's statement that our update does not take, and what keeps them out. */
    static final Map<String, String> ACTIONS_NOT_TAKEN = Map.ofEntries(
            Map.entry("ec2:AuthorizeSecurityGroupEgress", "a deploy changes no security group; denied outright"),
            Map.entry("ec2:AuthorizeSecurityGroupIngress", "a deploy changes no security group; denied outright"),
            Map.entry("ec2:CreateSecurityGroup", "a deploy changes no security group; denied outright"),
            Map.entry("ec2:DeleteSecurityGroup", "a deploy changes no security group"),
            Map.entry("ec2:RevokeSecurityGroupEgress", "a deploy changes no security group"),
            Map.entry("ec2:RevokeSecurityGroupIngress", "a deploy changes no security group"),
            Map.entry("elasticloadbalancing:AddTags", "the load balancer is created with the environment, not by a deploy"),
            Map.entry("elasticloadbalancing:ApplySecurityGroupsToLoadBalancer", "the load balancer is created with the environment"),
            Map.entry("elasticloadbalancing:ConfigureHealthCheck", "Classic Load Balancer only; profile ha uses an application load balancer"),
            Map.entry("elasticloadbalancing:CreateLoadBalancer", "the load balancer is created with the environment"),
            Map.entry("elasticloadbalancing:DeleteLoadBalancer", "the load balancer is deleted with the environment"),
            Map.entry("elasticloadbalancing:DeregisterInstancesFromLoadBalancer", "Classic Load Balancer only"),
            Map.entry("elasticloadbalancing:RegisterInstancesWithLoadBalancer", "Classic Load Balancer only"),
            Map.entry("logs:DeleteLogGroup", "logs outlive a deploy (DeleteOnTerminate false)"),
            Map.entry("rds:DescribeDBEngineVersions", "the environment has no database"),
            Map.entry("rds:DescribeDBInstances", "the environment has no database"),
            Map.entry("rds:DescribeOrderableDBInstanceOptions", "the environment has no database"));

    /**
     * The calls behind AWS's wildcards that an update makes: elasticbeanstalk:* is narrowed to the workflow's
     * calls (CreateEnvironment, TerminateEnvironment and the like are denied outright), cloudformation:* to what
     * Elastic Beanstalk does with its awseb-e-* stacks during an immutable update and its rollback.
     */
    static final Map<String, List<String>> WILDCARD_CALLS = Map.of(
            "elasticbeanstalk:*", List.of("elasticbeanstalk:CreateApplicationVersion", "elasticbeanstalk:DescribeApplicationVersions",
                    "elasticbeanstalk:DescribeApplications", "elasticbeanstalk:UpdateEnvironment", "elasticbeanstalk:DescribeEnvironments",
                    "elasticbeanstalk:DescribeEnvironmentHealth", "elasticbeanstalk:DescribeEnvironmentResources",
                    "elasticbeanstalk:DescribeEvents", "elasticbeanstalk:ListTagsForResource", "elasticbeanstalk:AddTags"),
            "cloudformation:*", List.of("cloudformation:CreateStack", "cloudformation:UpdateStack", "cloudformation:DeleteStack",
                    "cloudformation:CancelUpdateStack", "cloudformation:ContinueUpdateRollback", "cloudformation:DescribeStacks",
                    "cloudformation:DescribeStackEvents", "cloudformation:DescribeStackResource", "cloudformation:DescribeStackResources",
                    "cloudformation:ListStackResources", "cloudformation:GetTemplate", "cloudformation:GetTemplateSummary",
                    "cloudformation:TagResource", "cloudformation:UntagResource", "cloudformation:SignalResource"));

    static JsonNode pinned;
    static IamPolicy deploy;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = DeployRolePolicyTest.class.getResourceAsStream(PINNED)) {
            pinned = new ObjectMapper().readTree(in);
        }
        deploy = IamPolicy.ofRole(Cfn.template(), "DeployRole");
    }

    @Test
    void the_pinned_copy_says_which_version_of_aws_policy_it_is() {
        JsonNode version = pinned.path("PolicyVersion");
        assertEquals("arn:aws:iam::aws:policy/AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy", pinned.path("PolicyArn").asText());
        assertEquals("v8", version.path("VersionId").asText());
        assertTrue(version.path("CreateDate").asText().startsWith("2026-01-27"), version.path("CreateDate").asText());
        assertTrue(PINNED.contains("." + version.path("VersionId").asText() + ".json"), "the file name carries the version");
        assertTrue(RepoFiles.read("infra/stack.yml").contains("version v8 of 2026-01-27"), "the stack names the version it follows");
    }

    @Test
    void every_statement_of_aws_policy_is_an_update_step_or_named_as_none_of_ours() {
        List<String> unsorted = new ArrayList<>();
        Set<String> sids = new TreeSet<>();
        for (JsonNode statement : statements()) {
            String sid = statement.path("Sid").asText();
            sids.add(sid);
            if (UPDATE_STEPS.containsKey(sid) == NOT_OUR_STEPS.containsKey(sid)) {
                unsorted.add(sid);
            }
        }
        assertEquals(List.of(), unsorted, "each statement is in exactly one of UPDATE_STEPS and NOT_OUR_STEPS");
        Set<String> named = new TreeSet<>(UPDATE_STEPS.keySet());
        named.addAll(NOT_OUR_STEPS.keySet());
        assertEquals(sids, named, "no statement named here that AWS's policy lacks");
    }

    @Test
    void the_deploy_role_allows_every_action_aws_lists_for_the_steps_of_an_immutable_update() {
        List<String> missing = new ArrayList<>();
        Set<String> listed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (JsonNode statement : statements()) {
            Step step = UPDATE_STEPS.get(statement.path("Sid").asText());
            if (step == null) {
                continue;
            }
            for (String action : actions(statement)) {
                listed.add(action);
                if (ACTIONS_NOT_TAKEN.containsKey(action)) {
                    continue;
                }
                for (String call : WILDCARD_CALLS.getOrDefault(action, List.of(action))) {
                    if (step.resources().stream().noneMatch(resource -> deploy.allows(call, resource, step.context()))) {
                        missing.add(call + " on " + step.resources() + " (" + statement.path("Sid").asText() + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "AWS lists these for an update; the deploy role must allow them");
        for (String action : ACTIONS_NOT_TAKEN.keySet()) {
            assertTrue(listed.contains(action), action + " is named as not taken but AWS's update statements do not list it");
        }
        WILDCARD_CALLS.keySet().forEach(wildcard -> assertTrue(listed.contains(wildcard), wildcard));
    }

    @Test
    void the_actions_an_update_does_not_take_stay_out_and_the_role_reaches_only_this_account() {
        for (String action : List.of("ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress", "ec2:CreateSecurityGroup",
                "ec2:RevokeSecurityGroupIngress", "elasticloadbalancing:DeleteLoadBalancer", "logs:DeleteLogGroup")) {
            assertFalse(deploy.allows(action, "*"), action);
        }
        String otherAccount = "arn:aws:ec2:us-east-1:999999999999:elastic-ip/eipalloc-0abc";
        assertFalse(deploy.allows("ec2:ReleaseAddress", otherAccount));
        assertFalse(deploy.allows("ec2:ReleaseAddress", "arn:aws:ec2:eu-west-1:" + IamPolicy.ACCOUNT + ":elastic-ip/eipalloc-0abc"));
        assertFalse(deploy.allows("s3:PutBucketPolicy", "arn:aws:s3:::elasticbeanstalk-eu-west-1-999999999999"));
        assertFalse(deploy.allows("cloudformation:UpdateStack", IamPolicy.arn("cloudformation", "stack/network/1")));
        // Tags only on what the deploy itself creates.
        assertFalse(deploy.allows("ec2:CreateTags", IamPolicy.arn("ec2", "instance/i-0other")));
    }

    @Test
    void the_deploy_role_can_read_no_secret_and_the_instance_role_exactly_the_apps() {
        String origin = IamPolicy.arn("secretsmanager", "secret:OriginSecret-abc");
        assertFalse(deploy.allows("secretsmanager:GetSecretValue", origin));
        assertFalse(deploy.allows("secretsmanager:GetSecretValue", "*"));
        IamPolicy instance = IamPolicy.ofRole(Cfn.template(), "InstanceRole");
        for (String secret : List.of("OriginSecret", "SyntheticCheckSecretValue")) {
            assertTrue(instance.allows("secretsmanager:GetSecretValue", IamPolicy.SAMPLE_VALUES.get(secret)), secret);
        }
        assertFalse(instance.allows("secretsmanager:GetSecretValue", IamPolicy.arn("secretsmanager", "secret:another-abc")));
        assertFalse(instance.allows("secretsmanager:PutSecretValue", IamPolicy.SAMPLE_VALUES.get("OriginSecret")));
    }

    static List<JsonNode> statements() {
        List<JsonNode> statements = new ArrayList<>();
        pinned.path("PolicyVersion").path("Document").path("Statement").forEach(statements::add);
        assertFalse(statements.isEmpty(), "no statements in " + PINNED);
        return statements;
    }

    static List<String> actions(JsonNode statement) {
        JsonNode action = statement.path("Action");
        List<String> actions = new ArrayList<>();
        if (action.isArray()) {
            action.forEach(a -> actions.add(a.asText()));
        } else {
            actions.add(action.asText());
        }
        return actions;
    }
}
