package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** infra/stack.yml, read the way CloudFormation reads it: caching, IAM, the table, DNS and the OIDC trust. */
@Tag("integration")
class CloudFormationTemplateTest {
    /** AWS-managed CloudFront cache policies (CloudFront developer guide, "Use managed cache policies"). */
    static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    /** The hosted zone ID every CloudFront alias record uses. */
    static final String CLOUDFRONT_ZONE = "Z2FDTNDATAQYW2";

    static final List<String> PROFILES = List.of("personal", "ha");
    static final String APP_ENV = "aws:elasticbeanstalk:application:environment/";
    static final String SECRETS = "aws:elasticbeanstalk:application:environmentsecrets/";

    static Map<String, Object> template;
    static String distributionId;

    @BeforeAll
    static void load() {
        template = Cfn.template();
        distributionId = Cfn.onlyIdOfType(template, "AWS::CloudFront::Distribution");
    }

    static Map<String, Object> distributionConfig() {
        return Cfn.map(Cfn.properties(template, distributionId).get("DistributionConfig"));
    }

    static List<Map<String, Object>> allCacheBehaviours() {
        Map<String, Object> config = distributionConfig();
        List<Map<String, Object>> behaviours = new ArrayList<>();
        behaviours.add(Cfn.map(config.get("DefaultCacheBehavior")));
        for (Object behaviour : Cfn.list(config.get("CacheBehaviors"))) {
            behaviours.add(Cfn.map(behaviour));
        }
        return behaviours;
    }

    static Map<String, Object> stackOptions() {
        String environment = Cfn.onlyIdOfType(template, "AWS::ElasticBeanstalk::Environment");
        return EbOptions.fromStackEnvironment(Cfn.resource(template, environment));
    }

    @Test
    void the_default_behaviour_is_never_cached_and_accepts_posts() {
        Map<String, Object> pages = Cfn.map(distributionConfig().get("DefaultCacheBehavior"));
        assertEquals(CACHING_DISABLED, pages.get("CachePolicyId"), "pages and /api/* must use Managed-CachingDisabled");
        assertTrue(Cfn.list(pages.get("AllowedMethods")).containsAll(List.of("GET", "HEAD", "POST")),
                "POST /api/views must pass through CloudFront");
    }

    @Test
    void assets_are_cached_with_the_caching_optimized_policy() {
        List<Object> behaviours = Cfn.list(distributionConfig().get("CacheBehaviors"));
        Map<String, Object> assets = behaviours.stream().map(Cfn::map)
                .filter(behaviour -> "/assets/*".equals(behaviour.get("PathPattern")))
                .findFirst().orElseThrow(() -> new AssertionError("no /assets/* cache behaviour"));
        assertEquals(CACHING_OPTIMIZED, assets.get("CachePolicyId"));
        assertEquals(List.of("GET", "HEAD"), assets.get("AllowedMethods"));
    }

    @Test
    void the_badge_is_cached_at_the_edge_as_long_as_the_app_says_keyed_only_on_its_parameters() {
        Map<String, Object> badge = Cfn.list(distributionConfig().get("CacheBehaviors")).stream().map(Cfn::map)
                .filter(behaviour -> "/badge.svg".equals(behaviour.get("PathPattern")))
                .findFirst().orElseThrow(() -> new AssertionError("no /badge.svg cache behaviour"));
        assertEquals(List.of("GET", "HEAD"), badge.get("AllowedMethods"));
        String policyId = Cfn.map(badge.get("CachePolicyId")).get("Ref").toString();
        Map<String, Object> config = Cfn.map(Cfn.properties(template, policyId).get("CachePolicyConfig"));
        String appMaxAge = dev.resumesite.web.HttpPolicy.BADGE_CACHE.replaceAll(".*max-age=(\\d+).*", "$1");
        assertEquals(appMaxAge, config.get("DefaultTTL").toString(), "the edge keeps it as long as the app allows");
        Map<String, Object> key = Cfn.map(config.get("ParametersInCacheKeyAndForwardedToOrigin"));
        assertEquals("none", Cfn.map(key.get("CookiesConfig")).get("CookieBehavior"));
        assertEquals("none", Cfn.map(key.get("HeadersConfig")).get("HeaderBehavior"));
        assertEquals(List.of("metric", "label"), Cfn.map(key.get("QueryStringsConfig")).get("QueryStrings"));
    }

    @Test
    void the_pdf_link_reaches_the_counter_and_only_the_versioned_file_is_kept_at_the_edge() {
        Map<String, Object> pdf = Cfn.list(distributionConfig().get("CacheBehaviors")).stream().map(Cfn::map)
                .filter(behaviour -> "/resume.pdf".equals(behaviour.get("PathPattern")))
                .findFirst().orElseThrow(() -> new AssertionError("no /resume.pdf cache behaviour"));
        Map<String, Object> pages = Cfn.map(distributionConfig().get("DefaultCacheBehavior"));
        assertEquals(pages.get("OriginRequestPolicyId"), pdf.get("OriginRequestPolicyId"),
                "the counted link carries the viewer's address, user agent and cookies like a page view");
        String policyId = Cfn.map(pdf.get("CachePolicyId")).get("Ref").toString();
        Map<String, Object> config = Cfn.map(Cfn.properties(template, policyId).get("CachePolicyConfig"));
        assertEquals(0, ((Number) config.get("MinTTL")).intValue(), "the link's no-store must win, or downloads go uncounted");
        String appMaxAge = dev.resumesite.web.HttpPolicy.IMMUTABLE.replaceAll(".*max-age=(\\d+).*", "$1");
        assertEquals(appMaxAge, config.get("MaxTTL").toString(), "the file is kept as long as the app allows");
        Map<String, Object> key = Cfn.map(config.get("ParametersInCacheKeyAndForwardedToOrigin"));
        assertEquals("none", Cfn.map(key.get("CookiesConfig")).get("CookieBehavior"));
        assertEquals(List.of("v", "paper"), Cfn.map(key.get("QueryStringsConfig")).get("QueryStrings"));
    }

    @Test
    void every_behaviour_redirects_plain_http_to_https_and_compresses() {
        for (Map<String, Object> behaviour : allCacheBehaviours()) {
            assertEquals("redirect-to-https", behaviour.get("ViewerProtocolPolicy"), behaviour.toString());
            assertEquals(Boolean.TRUE, behaviour.get("Compress"), behaviour.toString());
        }
    }

    @Test
    void the_distribution_speaks_http2_and_http3_with_modern_tls_on_the_site_name() {
        Map<String, Object> config = distributionConfig();
        assertEquals("http2and3", config.get("HttpVersion"));
        assertEquals(List.of(Cfn.ref("DomainName")), config.get("Aliases"));
        Map<String, Object> certificate = Cfn.map(config.get("ViewerCertificate"));
        assertEquals("TLSv1.2_2021", certificate.get("MinimumProtocolVersion"));
        assertEquals("sni-only", certificate.get("SslSupportMethod"));
        String certificateId = Cfn.onlyIdOfType(template, "AWS::CertificateManager::Certificate");
        assertEquals(Cfn.ref(certificateId), certificate.get("AcmCertificateArn"));
        Map<String, Object> certificateProperties = Cfn.properties(template, certificateId);
        assertEquals("DNS", certificateProperties.get("ValidationMethod"));
        Map<String, Object> validation = Cfn.map(Cfn.list(certificateProperties.get("DomainValidationOptions")).get(0));
        assertEquals(Cfn.ref("HostedZoneId"), validation.get("HostedZoneId"));
    }

    @Test
    void the_origin_is_the_environments_dns_name_in_both_profiles_never_an_ip_address() {
        for (String profile : PROFILES) {
            Map<String, Object> resolved = Cfn.templateFor(profile);
            Map<String, Object> config = Cfn.map(Cfn.properties(resolved, distributionId).get("DistributionConfig"));
            Map<String, Object> origin = Cfn.map(Cfn.list(config.get("Origins")).get(0));
            // EndpointURL of a single-instance environment is a bare IP address, which CloudFront refuses.
            String environment = Cfn.onlyIdOfType(resolved, "AWS::ElasticBeanstalk::Environment");
            Object prefix = Cfn.properties(resolved, environment).get("CNAMEPrefix");
            assertEquals(Map.of("Fn::Sub", "${AWS::StackName}-${AWS::AccountId}"), prefix, profile);
            String domain = (String) IamPolicy.substitute(origin.get("DomainName"));
            assertEquals(IamPolicy.substitute(prefix) + ".us-east-1.elasticbeanstalk.com", domain, profile);
            assertTrue(domain.matches("[a-z0-9-]{4,63}\\.us-east-1\\.elasticbeanstalk\\.com"), domain);
            assertEquals("http-only", Cfn.map(origin.get("CustomOriginConfig")).get("OriginProtocolPolicy"));
        }
        Map<String, Object> origin = Cfn.map(Cfn.list(distributionConfig().get("Origins")).get(0));
        for (Map<String, Object> behaviour : allCacheBehaviours()) {
            assertEquals(origin.get("Id"), behaviour.get("TargetOriginId"));
        }
    }

    @Test
    void uncached_requests_carry_the_viewer_address_country_and_protocol_to_the_app() {
        Map<String, Object> pages = Cfn.map(distributionConfig().get("DefaultCacheBehavior"));
        Object policyReference = pages.get("OriginRequestPolicyId");
        assertTrue(policyReference instanceof Map<?, ?>, "the default behaviour needs an origin request policy");
        String policyId = (String) Cfn.map(policyReference).get("Ref");
        Map<String, Object> config = Cfn.map(Cfn.properties(template, policyId).get("OriginRequestPolicyConfig"));
        Map<String, Object> headers = Cfn.map(config.get("HeadersConfig"));
        assertEquals("allViewerAndWhitelistCloudFront", headers.get("HeaderBehavior"));
        assertTrue(Cfn.list(headers.get("Headers"))
                .containsAll(List.of("CloudFront-Viewer-Address", "CloudFront-Viewer-Country", "CloudFront-Forwarded-Proto")),
                headers.toString());
    }

    @Test
    void the_instance_role_may_only_use_items_of_the_counter_table() {
        String table = Cfn.onlyIdOfType(template, "AWS::DynamoDB::Table");
        String role = instanceRoleId();
        List<Map<String, Object>> dynamoStatements = statementsOf(Cfn.resource(template, role)).stream()
                .filter(statement -> actions(statement).stream().anyMatch(a -> a.startsWith("dynamodb:")))
                .toList();
        assertEquals(1, dynamoStatements.size(), "one DynamoDB statement on the instance role");
        Map<String, Object> statement = dynamoStatements.get(0);
        assertEquals("Allow", statement.get("Effect"));
        // Exactly the calls DynamoDbCounterStore makes; no Scan, no table or index operations.
        assertEquals(Set.of("dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:DeleteItem",
                "dynamodb:Query"), new HashSet<>(actions(statement)));
        assertEquals(List.of(Cfn.getAtt(table, "Arn")), Cfn.oneOrMany(statement.get("Resource")),
                "only the table's own ARN, no wildcard");
        assertTrue(Cfn.list(Cfn.properties(template, role).get("ManagedPolicyArns")).stream()
                .anyMatch(arn -> arn.toString().contains("AWSElasticBeanstalkWebTier")));
    }

    @Test
    void no_policy_statement_allows_every_action_or_every_dynamodb_action() {
        List<Map<String, Object>> statements = statementsOf(template);
        assertTrue(statements.size() > 5, "the walker found the template's policy statements");
        for (Map<String, Object> statement : statements) {
            if (!"Allow".equals(statement.get("Effect"))) {
                continue;
            }
            List<String> actions = actions(statement);
            assertFalse(actions.contains("*"), "Action * in " + statement);
            assertFalse(actions.stream().anyMatch(a -> a.startsWith("dynamodb:") && a.contains("*")),
                    "wildcard DynamoDB action in " + statement);
            boolean anyResource = Cfn.oneOrMany(statement.getOrDefault("Resource", List.of())).contains("*");
            assertFalse(anyResource && actions.stream().anyMatch(a -> a.startsWith("dynamodb:")),
                    "DynamoDB actions on Resource * in " + statement);
        }
    }

    @Test
    void only_main_production_deploys_of_this_repository_may_assume_the_deploy_role() {
        Map<String, Object> trust = deployRoleTrustStatement();
        assertEquals("sts:AssumeRoleWithWebIdentity", trust.get("Action"));
        Map<String, Object> condition = Cfn.map(trust.get("Condition"));
        assertEquals(Set.of("StringEquals"), condition.keySet(), "exact matches only, no StringLike wildcards");
        Map<String, Object> equals = Cfn.map(condition.get("StringEquals"));
        assertEquals("sts.amazonaws.com", equals.get("token.actions.githubusercontent.com:aud"));
        assertEquals(Map.of("Fn::Sub", "repo:${GitHubRepository}:environment:production"),
                equals.get("token.actions.githubusercontent.com:sub"));
        Object federated = Cfn.map(trust.get("Principal")).get("Federated");
        assertEquals(Map.of("Fn::If", List.of("CreateGitHubOidcProvider",
                Cfn.ref("GitHubOidcProvider"), Cfn.ref("ExistingGitHubOidcProviderArn"))), federated);
    }

    @Test
    void the_github_oidc_provider_is_created_only_when_the_account_has_none() {
        Map<String, Object> provider = Cfn.resource(template, "GitHubOidcProvider");
        assertEquals("AWS::IAM::OIDCProvider", provider.get("Type"));
        assertEquals("CreateGitHubOidcProvider", provider.get("Condition"));
        Map<String, Object> properties = Cfn.map(provider.get("Properties"));
        assertEquals("https://token.actions.githubusercontent.com", properties.get("Url"));
        assertEquals(List.of("sts.amazonaws.com"), properties.get("ClientIdList"));
        Object condition = Cfn.map(template.get("Conditions")).get("CreateGitHubOidcProvider");
        assertEquals(Map.of("Fn::Equals", List.of(Cfn.ref("ExistingGitHubOidcProviderArn"), "")), condition);
    }

    @Test
    void the_deploy_role_carries_no_aws_managed_policy() {
        // AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy is for Elastic Beanstalk's service role only.
        assertFalse(Cfn.properties(template, "DeployRole").containsKey("ManagedPolicyArns"),
                "the deploy role's rights are written out in infra/stack.yml");
    }

    @Test
    void every_statement_of_the_deploy_role_says_which_deploy_step_needs_it() {
        String stack = RepoFiles.read("infra/stack.yml");
        String policy = stack.substring(stack.indexOf("  DeployRole:"), stack.indexOf("\nOutputs:"));
        List<String> lines = policy.lines().toList();
        int statements = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith("- Sid: ")) {
                statements++;
                assertTrue(lines.get(i - 1).trim().startsWith("#"), "no comment above " + lines.get(i).trim());
            }
        }
        assertEquals(deployPolicy().statements().size(), statements, "every statement has a Sid");
    }

    @Test
    void the_deploy_role_can_make_every_call_of_the_deploy_workflow() {
        IamPolicy deploy = deployPolicy();
        String bucket = IamPolicy.SAMPLE_VALUES.get("ArtifactsBucket.Arn");
        String application = IamPolicy.arn("elasticbeanstalk", "application/resume-site");
        String version = IamPolicy.arn("elasticbeanstalk", "applicationversion/resume-site/0123abcd");
        String environment = IamPolicy.arn("elasticbeanstalk", "environment/resume-site/resume-site-web");
        assertAllowed(deploy, "s3:PutObject", bucket + "/bundles/0123abcd.zip");
        // CreateApplicationVersion reads the bundle and its ACL back with the caller's credentials.
        assertAllowed(deploy, "s3:GetObject", bucket + "/bundles/0123abcd.zip");
        assertAllowed(deploy, "s3:GetObjectAcl", bucket + "/bundles/0123abcd.zip");
        assertAllowed(deploy, "elasticbeanstalk:DescribeApplicationVersions", application);
        assertAllowed(deploy, "elasticbeanstalk:CreateApplicationVersion", version);
        assertAllowed(deploy, "elasticbeanstalk:UpdateEnvironment", environment);
        assertAllowed(deploy, "elasticbeanstalk:DescribeEnvironments", environment);
        assertAllowed(deploy, "elasticbeanstalk:DescribeEvents", environment);
    }

    @Test
    void the_deploy_role_can_run_an_immutable_update_and_its_rollback() {
        IamPolicy deploy = deployPolicy();
        String immutableStack = IamPolicy.arn("cloudformation", "stack/awseb-e-abc123-immutable-stack/9f1e");
        String environmentStack = IamPolicy.arn("cloudformation", "stack/awseb-e-abc123-stack/1a2b");
        for (String action : List.of("cloudformation:CreateStack", "cloudformation:DescribeStacks",
                "cloudformation:DeleteStack")) {
            assertAllowed(deploy, action, immutableStack);
        }
        assertAllowed(deploy, "cloudformation:UpdateStack", environmentStack);
        assertDenied(deploy, "cloudformation:DeleteStack", environmentStack);
        String group = IamPolicy.arn("autoscaling", "autoScalingGroup:uuid:autoScalingGroupName/awseb-e-abc123-immutable-stack-AWSEBAutoScalingGroup-X");
        for (String action : List.of("autoscaling:CreateAutoScalingGroup", "autoscaling:DetachInstances",
                "autoscaling:AttachInstances", "autoscaling:DeleteAutoScalingGroup")) {
            assertAllowed(deploy, action, group);
        }
        assertAllowed(deploy, "ec2:CreateLaunchTemplate", IamPolicy.arn("ec2", "launch-template/lt-0abc"));
        assertTrue(deploy.allows("ec2:RunInstances", IamPolicy.arn("ec2", "instance/*"), Map.of(
                "ec2:LaunchTemplate", IamPolicy.arn("ec2", "launch-template/lt-0abc"), "ec2:InstanceType", "t4g.micro")));
        assertTrue(deploy.allows("ec2:TerminateInstances", IamPolicy.arn("ec2", "instance/i-0old"), Map.of(
                "ec2:ResourceTag/aws:cloudformation:stack-id", environmentStack)));
        // Profile personal: the temporary stack's own Elastic IP, allocated, tagged, moved and released.
        for (String action : List.of("ec2:AllocateAddress", "ec2:AssociateAddress", "ec2:DisassociateAddress", "ec2:ReleaseAddress")) {
            assertAllowed(deploy, action, IamPolicy.arn("ec2", "elastic-ip/eipalloc-0abc"));
        }
        assertTrue(deploy.allows("ec2:CreateTags", IamPolicy.arn("ec2", "elastic-ip/eipalloc-0abc"), Map.of("ec2:CreateAction", "AllocateAddress")));
        assertAllowed(deploy, "cloudformation:TagResource", immutableStack);
        assertAllowed(deploy, "elasticloadbalancing:RegisterTargets", IamPolicy.arn("elasticloadbalancing", "targetgroup/awseb-AWSEB-1ABC/2def"));
        assertAllowed(deploy, "iam:PassRole", IamPolicy.SAMPLE_VALUES.get("InstanceRole.Arn"));
        assertAllowed(deploy, "iam:PassRole", IamPolicy.SAMPLE_VALUES.get("ServiceRole.Arn"));
    }

    @Test
    void the_deploy_role_can_do_nothing_outside_this_application() {
        IamPolicy deploy = deployPolicy();
        String otherEnvironment = IamPolicy.arn("elasticbeanstalk", "environment/someone-else/prod");
        String ourEnvironment = IamPolicy.arn("elasticbeanstalk", "environment/resume-site/resume-site-web");
        assertDenied(deploy, "elasticbeanstalk:UpdateEnvironment", otherEnvironment);
        for (String action : List.of("elasticbeanstalk:TerminateEnvironment", "elasticbeanstalk:RebuildEnvironment",
                "elasticbeanstalk:SwapEnvironmentCNAMEs", "elasticbeanstalk:CreateEnvironment",
                "elasticbeanstalk:DeleteApplication", "elasticbeanstalk:DeleteApplicationVersion")) {
            assertDenied(deploy, action, ourEnvironment);
            assertDenied(deploy, action, IamPolicy.arn("elasticbeanstalk", "application/resume-site"));
        }
        assertDenied(deploy, "iam:PassRole", IamPolicy.arn("iam", "role/AdminRole").replace(IamPolicy.REGION, ""));
        assertDenied(deploy, "iam:PassRole", "arn:aws:iam::" + IamPolicy.ACCOUNT + ":role/aws-elasticbeanstalk-service-role");
        // The network stays as the stack made it.
        for (String action : List.of("ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress",
                "ec2:CreateSecurityGroup")) {
            assertDenied(deploy, action, IamPolicy.arn("ec2", "security-group/sg-0abc"));
        }
        // A bigger instance type cannot be launched, nor instances outside a launch template.
        assertFalse(deploy.allows("ec2:RunInstances", IamPolicy.arn("ec2", "instance/*"), Map.of(
                "ec2:LaunchTemplate", IamPolicy.arn("ec2", "launch-template/lt-0abc"), "ec2:InstanceType", "c7g.16xlarge")));
        assertFalse(deploy.allows("ec2:RunInstances", IamPolicy.arn("ec2", "instance/*"), Map.of("ec2:InstanceType", "t4g.micro")));
        assertFalse(deploy.allows("ec2:TerminateInstances", IamPolicy.arn("ec2", "instance/i-0other"), Map.of(
                "ec2:ResourceTag/aws:cloudformation:stack-id", IamPolicy.arn("cloudformation", "stack/database/1"))));
        // The site's own stack, its table, other buckets and other stacks.
        for (String action : List.of("cloudformation:UpdateStack", "cloudformation:DeleteStack")) {
            assertDenied(deploy, action, IamPolicy.SAMPLE_VALUES.get("AWS::StackId"));
            assertDenied(deploy, action, IamPolicy.arn("cloudformation", "stack/network/1"));
        }
        assertDenied(deploy, "dynamodb:DeleteTable", IamPolicy.arn("dynamodb", "table/resume-site-CounterTable-X"));
        assertDenied(deploy, "dynamodb:UpdateItem", IamPolicy.arn("dynamodb", "table/resume-site-CounterTable-X"));
        assertDenied(deploy, "s3:PutObject", "arn:aws:s3:::someone-elses-bucket/x");
        assertDenied(deploy, "s3:PutObject", IamPolicy.SAMPLE_VALUES.get("ArtifactsBucket.Arn") + "/not-bundles/x");
        assertDenied(deploy, "secretsmanager:GetSecretValue", IamPolicy.arn("secretsmanager", "secret:OriginSecret-abc"));
        assertDenied(deploy, "iam:CreateRole", "arn:aws:iam::" + IamPolicy.ACCOUNT + ":role/x");
    }

    static IamPolicy deployPolicy() {
        return IamPolicy.ofRole(template, "DeployRole");
    }

    static void assertAllowed(IamPolicy policy, String action, String resource) {
        assertTrue(policy.allows(action, resource), action + " on " + resource + " must be allowed");
    }

    static void assertDenied(IamPolicy policy, String action, String resource) {
        assertFalse(policy.allows(action, resource), action + " on " + resource + " must be denied");
    }

    @Test
    void the_origin_secret_is_generated_by_secrets_manager() {
        Map<String, Object> properties = Cfn.properties(template, originSecretId());
        assertFalse(properties.containsKey("SecretString"), "the value is generated, never written in the template");
        Map<String, Object> generate = Cfn.map(properties.get("GenerateSecretString"));
        assertEquals(Boolean.TRUE, generate.get("ExcludePunctuation"));
        assertEquals(48, generate.get("PasswordLength"));
    }

    @Test
    void cloudfront_sends_the_origin_secret_that_the_app_requires() {
        Object secretReference = originSecretReference();
        Map<String, Object> origin = Cfn.map(Cfn.list(distributionConfig().get("Origins")).get(0));
        List<Object> headers = Cfn.list(origin.get("OriginCustomHeaders"));
        assertEquals(List.of(Map.of("HeaderName", "X-Origin-Verify", "HeaderValue", secretReference)), headers);
        assertEquals(Cfn.ref(originSecretId()), stackOptions().get(SECRETS + "ORIGIN_SECRET"),
                "the app gets the same secret, by its ARN, which the platform resolves on the instance");
        assertFalse(stackOptions().containsKey(APP_ENV + "ORIGIN_SECRET"), "never as a plain environment property");
        assertFalse(EbOptions.fromEbextensions().containsKey(SECRETS + "ORIGIN_SECRET"),
                "ORIGIN_SECRET comes from the stack only, never from the bundle");
    }

    @Test
    void no_literal_secret_value_appears_in_the_template() {
        // A generated 48-character value mixes upper case, lower case and digits; nothing else here does
        // (certificate thumbprints are lower-case hex, cache policy IDs have dashes, option names are shorter).
        Pattern secretLike = Pattern.compile("(?=[A-Za-z0-9]*[A-Z])(?=[A-Za-z0-9]*[a-z])(?=[A-Za-z0-9]*[0-9])[A-Za-z0-9]{32,}");
        List<String> suspicious = new ArrayList<>();
        walkStrings(template, text -> {
            Matcher matcher = secretLike.matcher(text);
            while (matcher.find()) {
                suspicious.add(matcher.group());
            }
        });
        assertEquals(List.of(), suspicious);
        List<String> secretUses = new ArrayList<>();
        walkStrings(template, text -> {
            if (text.contains("resolve:secretsmanager")) {
                secretUses.add(text);
            }
        });
        assertEquals(List.of("{{resolve:secretsmanager:${" + originSecretId() + "}:SecretString}}"), secretUses,
                "the distribution resolves the secret by reference, nothing else does (the environment gets ARNs)");
        assertFalse(RepoFiles.read(".github/workflows/deploy.yml").contains("ORIGIN_SECRET"));
    }

    @Test
    void the_post_deploy_check_secret_is_a_hidden_parameter_kept_in_secrets_manager_for_the_app() {
        Map<String, Object> parameter = Cfn.map(Cfn.map(template.get("Parameters")).get("SyntheticCheckSecret"));
        assertEquals(Boolean.TRUE, parameter.get("NoEcho"));
        assertFalse(parameter.containsKey("Default"), "no secret value in the repository");
        assertEquals(Cfn.ref("SyntheticCheckSecret"), Cfn.properties(template, "SyntheticCheckSecretValue").get("SecretString"));
        assertEquals(Cfn.ref("SyntheticCheckSecretValue"), stackOptions().get(SECRETS + "SYNTHETIC_CHECK_SECRET"));
        assertFalse(stackOptions().containsKey(APP_ENV + "SYNTHETIC_CHECK_SECRET"), "never as a plain environment property");
        assertFalse(EbOptions.fromEbextensions().containsKey(SECRETS + "SYNTHETIC_CHECK_SECRET"));
    }

    @Test
    void error_responses_are_never_cached_at_the_edge() {
        Set<Integer> codes = new HashSet<>();
        for (Object entry : Cfn.list(distributionConfig().get("CustomErrorResponses"))) {
            Map<String, Object> response = Cfn.map(entry);
            assertEquals(0, response.get("ErrorCachingMinTTL"), response.toString());
            assertFalse(response.containsKey("ResponsePagePath"), "the app's own error body reaches the viewer");
            codes.add((Integer) response.get("ErrorCode"));
        }
        assertEquals(Set.of(403, 500, 502, 503, 504), codes);
    }

    @Test
    void the_counter_table_is_on_demand_encrypted_recoverable_and_kept() {
        String tableId = Cfn.onlyIdOfType(template, "AWS::DynamoDB::Table");
        Map<String, Object> table = Cfn.resource(template, tableId);
        assertEquals("Retain", table.get("DeletionPolicy"));
        assertEquals("Retain", table.get("UpdateReplacePolicy"));
        Map<String, Object> properties = Cfn.map(table.get("Properties"));
        assertEquals("PAY_PER_REQUEST", properties.get("BillingMode"));
        assertEquals(Boolean.TRUE, properties.get("DeletionProtectionEnabled"));
        assertEquals(Boolean.TRUE,
                Cfn.map(properties.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled"));
        // Default encryption at rest (AWS owned key, free); SSEEnabled would switch to KMS and its charges.
        Object sse = properties.get("SSESpecification");
        assertTrue(sse == null || !Boolean.TRUE.equals(Cfn.map(sse).get("SSEEnabled")), "no KMS key on the table: " + sse);
        Map<String, Object> ttl = Cfn.map(properties.get("TimeToLiveSpecification"));
        assertEquals("expiresAt", ttl.get("AttributeName"));
        assertEquals(Boolean.TRUE, ttl.get("Enabled"));
        assertEquals(List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
                Map.of("AttributeName", "sk", "KeyType", "RANGE")), properties.get("KeySchema"));
        assertEquals(Set.of(Map.of("AttributeName", "pk", "AttributeType", "S"),
                Map.of("AttributeName", "sk", "AttributeType", "S")),
                new HashSet<>(Cfn.list(properties.get("AttributeDefinitions"))));
    }

    @Test
    void the_load_balancer_checks_healthz_never_the_counted_page() {
        assertEquals("/healthz", EbOptions.fromStack("ha").get("aws:elasticbeanstalk:environment:process:default/HealthCheckPath"));
    }

    @Test
    void the_personal_profile_is_the_default_and_runs_one_instance_without_a_load_balancer() {
        Map<String, Object> profile = Cfn.map(Cfn.map(template.get("Parameters")).get("Profile"));
        assertEquals("personal", profile.get("Default"));
        assertEquals(List.of("personal", "ha"), profile.get("AllowedValues"));
        Map<String, Object> personal = EbOptions.fromStack("personal");
        assertEquals("SingleInstance", personal.get("aws:elasticbeanstalk:environment/EnvironmentType"));
        assertFalse(personal.keySet().stream().anyMatch(key -> key.startsWith("aws:elbv2:")), "no load balancer options");
        assertFalse(personal.containsKey("aws:elasticbeanstalk:environment/LoadBalancerType"));
        assertEquals("t4g.micro", Cfn.map(Cfn.map(template.get("Parameters")).get("InstanceType")).get("Default"),
                "the smallest Graviton type the app fits in (docs/deploy.md, Memory)");
    }

    @Test
    void the_ha_profile_runs_a_load_balanced_environment_in_the_given_subnets_only() {
        Map<String, Object> ha = EbOptions.fromStack("ha");
        assertEquals("LoadBalanced", ha.get("aws:elasticbeanstalk:environment/EnvironmentType"));
        assertEquals("application", ha.get("aws:elasticbeanstalk:environment/LoadBalancerType"));
        assertEquals(ha.get("aws:ec2:vpc/Subnets"), ha.get("aws:ec2:vpc/ELBSubnets"),
                "the load balancer stays in the chosen subnets, not every subnet of a default VPC");
        assertEquals(Cfn.ref("MaxInstances"), ha.get("aws:autoscaling:asg/MaxSize"));
    }

    @Test
    void the_vpc_and_subnets_must_be_chosen_because_a_default_vpc_has_zones_without_t4g() {
        Map<String, Object> parameters = Cfn.map(template.get("Parameters"));
        assertEquals("AWS::EC2::VPC::Id", Cfn.map(parameters.get("VpcId")).get("Type"));
        assertEquals("List<AWS::EC2::Subnet::Id>", Cfn.map(parameters.get("Subnets")).get("Type"));
        assertFalse(Cfn.map(parameters.get("VpcId")).containsKey("Default"));
        assertFalse(Cfn.map(parameters.get("Subnets")).containsKey("Default"));
        for (String profile : PROFILES) {
            Map<String, Object> options = EbOptions.fromStack(profile);
            assertEquals(Cfn.ref("VpcId"), options.get("aws:ec2:vpc/VPCId"), profile);
            assertEquals("true", options.get("aws:ec2:vpc/AssociatePublicIpAddress"), "no NAT gateway: " + profile);
        }
    }

    @Test
    void the_environment_runs_a_corretto_17_platform() {
        String environment = Cfn.onlyIdOfType(template, "AWS::ElasticBeanstalk::Environment");
        assertEquals(Cfn.ref("SolutionStackName"), Cfn.properties(template, environment).get("SolutionStackName"));
        Map<String, Object> parameter = Cfn.map(Cfn.map(template.get("Parameters")).get("SolutionStackName"));
        String pattern = (String) parameter.get("AllowedPattern");
        assertTrue("64bit Amazon Linux 2023 v4.7.0 running Corretto 17".matches(pattern), pattern);
        assertFalse("64bit Amazon Linux 2023 v4.7.0 running Corretto 21".matches(pattern), pattern);
    }

    @Test
    void enhanced_health_ignores_the_visitors_4xx_so_bots_cannot_keep_a_deploy_from_turning_green() throws Exception {
        for (String profile : PROFILES) {
            Object document = EbOptions.fromStack(profile).get("aws:elasticbeanstalk:healthreporting:system/ConfigDocument");
            assertTrue(document instanceof String, "ConfigDocument in profile " + profile);
            com.fasterxml.jackson.databind.JsonNode rules = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree((String) document).path("Rules").path("Environment");
            assertEquals("false", rules.path("Application").path("ApplicationRequests4xx").path("Enabled").asText(), profile);
            if (profile.equals("ha")) {
                assertEquals("false", rules.path("ELB").path("ELBRequests4xx").path("Enabled").asText(), profile);
            } else {
                assertTrue(rules.path("ELB").isMissingNode(), "no load balancer rule without a load balancer");
            }
        }
    }

    @Test
    void the_platform_version_must_be_passed_because_only_the_newest_one_is_accepted() {
        Map<String, Object> parameter = Cfn.map(Cfn.map(template.get("Parameters")).get("SolutionStackName"));
        assertFalse(parameter.containsKey("Default"), "a default platform version goes stale: " + parameter);
    }

    @Test
    void the_instance_type_parameter_warns_that_the_architecture_is_fixed_at_creation() {
        Map<String, Object> parameter = Cfn.map(Cfn.map(template.get("Parameters")).get("InstanceType"));
        String description = (String) parameter.get("Description");
        assertTrue(description.contains("t4g = arm64") && description.contains("t3 = x86_64"), description);
        assertTrue(description.contains("fixed when the environment is created"), description);
    }

    @Test
    void the_app_is_told_to_count_in_the_stack_table_in_the_stack_region() {
        Map<String, Object> options = stackOptions();
        String table = Cfn.onlyIdOfType(template, "AWS::DynamoDB::Table");
        String env = "aws:elasticbeanstalk:application:environment/";
        assertEquals("dynamodb", options.get(env + "COUNTER_STORE"));
        assertEquals(Cfn.ref(table), options.get(env + "DYNAMODB_TABLE"));
        assertEquals(Cfn.ref("AWS::Region"), options.get(env + "AWS_REGION"));
        assertEquals(Cfn.ref("TrustedProxies"), options.get(env + "TRUSTED_PROXIES"));
        assertEquals("false", options.get(env + "DYNAMODB_CREATE_TABLE"));
        assertFalse(options.containsKey(env + "DYNAMODB_ENDPOINT"), "production talks to the real DynamoDB endpoint");
        String proxies = (String) Cfn.map(Cfn.map(template.get("Parameters")).get("TrustedProxies")).get("Default");
        assertTrue(proxies.startsWith("127.0.0.1/32,"), "nginx on the instance is a trusted proxy: " + proxies);
    }

    @Test
    void only_cloudfront_can_reach_the_origin_in_either_profile() {
        String group = Cfn.onlyIdOfType(template, "AWS::EC2::SecurityGroup");
        List<Object> ingress = Cfn.list(Cfn.properties(template, group).get("SecurityGroupIngress"));
        assertEquals(1, ingress.size());
        Map<String, Object> rule = Cfn.map(ingress.get(0));
        assertEquals(Cfn.ref("CloudFrontPrefixListId"), rule.get("SourcePrefixListId"));
        assertEquals(80, rule.get("FromPort"));
        assertEquals(80, rule.get("ToPort"));
        assertFalse(rule.containsKey("CidrIp") || rule.containsKey("CidrIpv6"), "no address ranges besides CloudFront's");
        Object groupId = Cfn.getAtt(group, "GroupId");
        Map<String, Object> personal = EbOptions.fromStack("personal");
        assertEquals(groupId, personal.get("aws:autoscaling:launchconfiguration/SecurityGroups"));
        assertEquals("true", personal.get("aws:autoscaling:launchconfiguration/DisableDefaultEC2SecurityGroup"),
                "Elastic Beanstalk's default instance group would open port 80 to everyone");
        Map<String, Object> ha = EbOptions.fromStack("ha");
        assertEquals(groupId, ha.get("aws:elbv2:loadbalancer/SecurityGroups"));
        assertEquals(groupId, ha.get("aws:elbv2:loadbalancer/ManagedSecurityGroup"));
    }

    @Test
    void security_groups_are_passed_to_elastic_beanstalk_by_id_never_by_ref() {
        // In the default VPC, Ref of a security group is its name; these options take IDs only.
        List<String> wrong = new ArrayList<>();
        for (String profile : PROFILES) {
            EbOptions.fromStack(profile).forEach((key, value) -> {
                if (key.endsWith("/SecurityGroups") || key.endsWith("/ManagedSecurityGroup")) {
                    boolean byId = value instanceof Map<?, ?> map && map.get("Fn::GetAtt") instanceof List<?> getAtt
                            && "GroupId".equals(getAtt.get(1));
                    if (!byId) {
                        wrong.add(profile + " " + key + " = " + value);
                    }
                }
            });
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void the_stack_can_only_be_created_in_us_east_1() {
        Map<String, Object> rules = Cfn.map(template.get("Rules"));
        boolean asserted = rules.values().stream()
                .flatMap(rule -> Cfn.list(Cfn.map(rule).get("Assertions")).stream())
                .map(assertion -> Cfn.map(assertion).get("Assert"))
                .anyMatch(Map.of("Fn::Equals", List.of(Cfn.ref("AWS::Region"), "us-east-1"))::equals);
        assertTrue(asserted, "a Rule must assert AWS::Region == us-east-1");
    }

    @Test
    void the_site_name_is_an_ipv4_and_ipv6_alias_of_the_distribution() {
        Set<String> types = new HashSet<>();
        for (String id : Cfn.idsOfType(template, "AWS::Route53::RecordSet")) {
            Map<String, Object> record = Cfn.properties(template, id);
            assertEquals(Cfn.ref("DomainName"), record.get("Name"));
            Map<String, Object> alias = Cfn.map(record.get("AliasTarget"));
            assertEquals(CLOUDFRONT_ZONE, alias.get("HostedZoneId"));
            assertEquals(Cfn.getAtt(distributionId, "DomainName"), alias.get("DNSName"));
            types.add((String) record.get("Type"));
        }
        assertEquals(Set.of("A", "AAAA"), types);
    }

    @Test
    void the_artifacts_bucket_is_private_encrypted_and_pruned() {
        String bucket = Cfn.onlyIdOfType(template, "AWS::S3::Bucket");
        Map<String, Object> properties = Cfn.properties(template, bucket);
        Map<String, Object> block = Cfn.map(properties.get("PublicAccessBlockConfiguration"));
        for (String setting : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertEquals(Boolean.TRUE, block.get(setting), setting);
        }
        assertNotNull(properties.get("BucketEncryption"));
        List<Object> rules = Cfn.list(Cfn.map(properties.get("LifecycleConfiguration")).get("Rules"));
        assertTrue(rules.stream().map(Cfn::map).anyMatch(rule -> rule.containsKey("ExpirationInDays")),
                "old bundles expire");
    }

    @Test
    void the_outputs_name_everything_the_deploy_workflow_needs() {
        Map<String, Object> outputs = Cfn.map(template.get("Outputs"));
        assertTrue(outputs.keySet().containsAll(List.of("SiteUrl", "DistributionDomainName", "EnvironmentName",
                "ApplicationName", "ArtifactsBucketName", "DeployRoleArn", "TableName", "Region")), outputs.keySet().toString());
    }

    @Test
    void every_reference_names_a_parameter_resource_condition_or_pseudo_parameter() {
        Set<String> names = new HashSet<>(Cfn.map(template.get("Parameters")).keySet());
        names.addAll(Cfn.resources(template).keySet());
        Set<String> pseudo = Set.of("AWS::AccountId", "AWS::Partition", "AWS::Region", "AWS::StackName",
                "AWS::StackId", "AWS::URLSuffix", "AWS::NoValue");
        Set<String> conditions = Cfn.map(template.get("Conditions")).keySet();
        List<String> unknown = new ArrayList<>();
        walk(template, node -> {
            if (node.get("Ref") instanceof String name && !names.contains(name) && !pseudo.contains(name)) {
                unknown.add("Ref " + name);
            }
            if (node.get("Fn::GetAtt") instanceof List<?> getAtt && !names.contains(getAtt.get(0).toString())) {
                unknown.add("GetAtt " + getAtt);
            }
            Object sub = node.get("Fn::Sub");
            if (sub instanceof String text) {
                Matcher placeholder = Pattern.compile("\\$\\{([^}!]+)}").matcher(text);
                while (placeholder.find()) {
                    String name = placeholder.group(1).split("\\.")[0];
                    if (!names.contains(name) && !pseudo.contains(placeholder.group(1))) {
                        unknown.add("Sub ${" + placeholder.group(1) + "}");
                    }
                }
            }
            if (node.get("Fn::If") instanceof List<?> branches && !conditions.contains(branches.get(0).toString())) {
                unknown.add("If " + branches.get(0));
            }
        });
        Cfn.resources(template).forEach((id, resource) -> {
            Object condition = Cfn.map(resource).get("Condition");
            if (condition != null && !conditions.contains(condition.toString())) {
                unknown.add(id + " Condition " + condition);
            }
        });
        assertEquals(List.of(), unknown);
    }

    // ------------------------------------------------------------------ helpers

    static String instanceRoleId() {
        String profile = Cfn.onlyIdOfType(template, "AWS::IAM::InstanceProfile");
        Object role = Cfn.list(Cfn.properties(template, profile).get("Roles")).get(0);
        return (String) Cfn.map(role).get("Ref");
    }

    static String originSecretId() {
        assertEquals("AWS::SecretsManager::Secret", Cfn.map(Cfn.map(template.get("Resources")).get("OriginSecret")).get("Type"));
        return "OriginSecret";
    }

    /** The dynamic reference CloudFormation resolves to the origin secret's value at deploy time. */
    static Object originSecretReference() {
        return Map.of("Fn::Sub", "{{resolve:secretsmanager:${" + originSecretId() + "}:SecretString}}");
    }

    static Map<String, Object> deployRoleTrustStatement() {
        Map<String, Object> trust = Cfn.map(Cfn.properties(template, "DeployRole").get("AssumeRolePolicyDocument"));
        List<Object> statements = Cfn.list(trust.get("Statement"));
        assertEquals(1, statements.size());
        return Cfn.map(statements.get(0));
    }

    /** Every IAM statement inside {@code node}: role policies, trust policies and bucket policies. */
    static List<Map<String, Object>> statementsOf(Object node) {
        List<Map<String, Object>> statements = new ArrayList<>();
        walk(node, map -> {
            for (String documentKey : List.of("PolicyDocument", "AssumeRolePolicyDocument")) {
                if (map.get(documentKey) instanceof Map<?, ?> document) {
                    for (Object statement : Cfn.oneOrMany(Cfn.map(document).get("Statement"))) {
                        statements.add(Cfn.map(statement));
                    }
                }
            }
        });
        return statements;
    }

    static List<String> actions(Map<String, Object> statement) {
        return Cfn.oneOrMany(statement.getOrDefault("Action", List.of())).stream().map(Object::toString).toList();
    }

    /** Visits every string value in the tree (keys excluded), depth first. */
    static void walkStrings(Object node, java.util.function.Consumer<String> visitor) {
        if (node instanceof String text) {
            visitor.accept(text);
        } else if (node instanceof Map<?, ?> map) {
            map.values().forEach(child -> walkStrings(child, visitor));
        } else if (node instanceof List<?> list) {
            list.forEach(child -> walkStrings(child, visitor));
        }
    }

    /** Visits every mapping in the tree, depth first. */
    static void walk(Object node, java.util.function.Consumer<Map<String, Object>> visitor) {
        if (node instanceof Map<?, ?>) {
            Map<String, Object> map = Cfn.map(node);
            visitor.accept(map);
            map.values().forEach(child -> walk(child, visitor));
        } else if (node instanceof List<?> list) {
            list.forEach(child -> walk(child, visitor));
        }
    }
}
