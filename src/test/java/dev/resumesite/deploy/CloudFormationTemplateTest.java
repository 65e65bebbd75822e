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
    void the_origin_is_the_beanstalk_load_balancer_over_http() {
        Map<String, Object> origin = Cfn.map(Cfn.list(distributionConfig().get("Origins")).get(0));
        String environment = Cfn.onlyIdOfType(template, "AWS::ElasticBeanstalk::Environment");
        assertEquals(Cfn.getAtt(environment, "EndpointURL"), origin.get("DomainName"));
        assertEquals("http-only", Cfn.map(origin.get("CustomOriginConfig")).get("OriginProtocolPolicy"));
        for (Map<String, Object> behaviour : allCacheBehaviours()) {
            assertEquals(origin.get("Id"), behaviour.get("TargetOriginId"));
        }
    }

    @Test
    void uncached_requests_carry_the_viewer_address_and_protocol_to_the_app() {
        Map<String, Object> pages = Cfn.map(distributionConfig().get("DefaultCacheBehavior"));
        Object policyReference = pages.get("OriginRequestPolicyId");
        assertTrue(policyReference instanceof Map<?, ?>, "the default behaviour needs an origin request policy");
        String policyId = (String) Cfn.map(policyReference).get("Ref");
        Map<String, Object> config = Cfn.map(Cfn.properties(template, policyId).get("OriginRequestPolicyConfig"));
        Map<String, Object> headers = Cfn.map(config.get("HeadersConfig"));
        assertEquals("allViewerAndWhitelistCloudFront", headers.get("HeaderBehavior"));
        assertTrue(Cfn.list(headers.get("Headers"))
                .containsAll(List.of("CloudFront-Viewer-Address", "CloudFront-Forwarded-Proto")), headers.toString());
    }

    @Test
    void the_instance_role_may_only_get_and_update_the_counter_table() {
        String table = Cfn.onlyIdOfType(template, "AWS::DynamoDB::Table");
        String role = instanceRoleId();
        List<Map<String, Object>> dynamoStatements = statementsOf(Cfn.resource(template, role)).stream()
                .filter(statement -> actions(statement).stream().anyMatch(a -> a.startsWith("dynamodb:")))
                .toList();
        assertEquals(1, dynamoStatements.size(), "one DynamoDB statement on the instance role");
        Map<String, Object> statement = dynamoStatements.get(0);
        assertEquals("Allow", statement.get("Effect"));
        assertEquals(Set.of("dynamodb:GetItem", "dynamodb:UpdateItem"), new HashSet<>(actions(statement)));
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
    void the_deploy_role_writes_bundles_only_into_the_artifacts_bucket() {
        String bucket = Cfn.onlyIdOfType(template, "AWS::S3::Bucket");
        for (Map<String, Object> statement : statementsOf(Cfn.resource(template, "DeployRole"))) {
            if (actions(statement).stream().anyMatch(a -> a.startsWith("s3:"))) {
                assertEquals(List.of(Map.of("Fn::Sub", "${" + bucket + ".Arn}/bundles/*")),
                        Cfn.oneOrMany(statement.get("Resource")), statement.toString());
            }
        }
    }

    @Test
    void the_deploy_role_may_pass_only_the_instance_and_service_roles() {
        List<Map<String, Object>> denies = statementsOf(Cfn.resource(template, "DeployRole")).stream()
                .filter(statement -> "Deny".equals(statement.get("Effect")))
                .filter(statement -> actions(statement).contains("iam:PassRole"))
                .toList();
        assertEquals(1, denies.size(), "one Deny on iam:PassRole");
        Map<String, Object> deny = denies.get(0);
        assertEquals(List.of("iam:PassRole"), actions(deny));
        assertFalse(deny.containsKey("Resource"), "NotResource, so every other role is denied");
        assertEquals(Set.of(Cfn.getAtt(instanceRoleId(), "Arn"), Cfn.getAtt("ServiceRole", "Arn")),
                new HashSet<>(Cfn.oneOrMany(deny.get("NotResource"))));
        assertEquals("AWS::IAM::Role", Cfn.resource(template, "ServiceRole").get("Type"));
        String environment = Cfn.onlyIdOfType(template, "AWS::ElasticBeanstalk::Environment");
        assertEquals(Cfn.getAtt("ServiceRole", "Arn"),
                EbOptions.fromStackEnvironment(Cfn.resource(template, environment))
                        .get("aws:elasticbeanstalk:environment/ServiceRole"), "ServiceRole is the environment's");
    }

    @Test
    void the_deploy_role_can_never_create_replace_or_destroy_environments_or_stacks() {
        Set<String> mustBeDenied = Set.of("elasticbeanstalk:TerminateEnvironment", "elasticbeanstalk:DeleteApplication",
                "elasticbeanstalk:CreateEnvironment", "elasticbeanstalk:RebuildEnvironment",
                "elasticbeanstalk:SwapEnvironmentCNAMEs", "cloudformation:DeleteStack");
        Set<String> denied = new HashSet<>();
        for (Map<String, Object> statement : statementsOf(Cfn.resource(template, "DeployRole"))) {
            if ("Deny".equals(statement.get("Effect")) && !statement.containsKey("Condition")
                    && "*".equals(statement.get("Resource"))) {
                denied.addAll(actions(statement));
            }
        }
        assertTrue(denied.containsAll(mustBeDenied), "denied on Resource *: " + denied);
        assertTrue(Cfn.list(Cfn.properties(template, "DeployRole").get("ManagedPolicyArns")).stream()
                .anyMatch(arn -> arn.toString().contains("AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy")),
                "the managed policy stays; the denies narrow it");
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
        String env = "aws:elasticbeanstalk:application:environment/";
        assertEquals(secretReference, stackOptions().get(env + "ORIGIN_SECRET"), "the app gets the same secret");
        assertFalse(EbOptions.fromEbextensions().containsKey(env + "ORIGIN_SECRET"),
                "ORIGIN_SECRET comes from the stack only, never from the bundle");
    }

    @Test
    void no_literal_secret_value_appears_in_the_template() {
        // A generated 48-character value mixes upper case, lower case and digits; nothing else here does
        // (certificate thumbprints are lower-case hex, cache policy IDs have dashes).
        Pattern secretLike = Pattern.compile("(?=[A-Za-z0-9]*[A-Z])(?=[A-Za-z0-9]*[a-z])(?=[A-Za-z0-9]*[0-9])[A-Za-z0-9]{24,}");
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
        assertEquals(List.of("{{resolve:secretsmanager:${" + originSecretId() + "}:SecretString}}",
                "{{resolve:secretsmanager:${" + originSecretId() + "}:SecretString}}"), secretUses,
                "the environment and the distribution resolve the secret by reference, nothing else does");
        assertFalse(RepoFiles.read(".github/workflows/deploy.yml").contains("ORIGIN_SECRET"));
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
        assertEquals(Boolean.TRUE, Cfn.map(properties.get("SSESpecification")).get("SSEEnabled"));
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
        assertEquals("/healthz", stackOptions().get("aws:elasticbeanstalk:environment:process:default/HealthCheckPath"));
    }

    @Test
    void the_environment_runs_a_load_balanced_corretto_17_platform() {
        Map<String, Object> options = stackOptions();
        assertEquals("LoadBalanced", options.get("aws:elasticbeanstalk:environment/EnvironmentType"));
        assertEquals("application", options.get("aws:elasticbeanstalk:environment/LoadBalancerType"));
        String environment = Cfn.onlyIdOfType(template, "AWS::ElasticBeanstalk::Environment");
        assertEquals(Cfn.ref("SolutionStackName"), Cfn.properties(template, environment).get("SolutionStackName"));
        Map<String, Object> parameter = Cfn.map(Cfn.map(template.get("Parameters")).get("SolutionStackName"));
        String pattern = (String) parameter.get("AllowedPattern");
        assertTrue("64bit Amazon Linux 2023 v4.7.0 running Corretto 17".matches(pattern), pattern);
        assertFalse("64bit Amazon Linux 2023 v4.7.0 running Corretto 21".matches(pattern), pattern);
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
    void only_cloudfront_can_reach_the_load_balancer() {
        String group = Cfn.onlyIdOfType(template, "AWS::EC2::SecurityGroup");
        List<Object> ingress = Cfn.list(Cfn.properties(template, group).get("SecurityGroupIngress"));
        assertEquals(1, ingress.size());
        Map<String, Object> rule = Cfn.map(ingress.get(0));
        assertEquals(Cfn.ref("CloudFrontPrefixListId"), rule.get("SourcePrefixListId"));
        assertEquals(80, rule.get("FromPort"));
        assertEquals(80, rule.get("ToPort"));
        assertFalse(rule.containsKey("CidrIp") || rule.containsKey("CidrIpv6"), "no address ranges besides CloudFront's");
        Map<String, Object> options = stackOptions();
        assertEquals(Cfn.ref(group), options.get("aws:elbv2:loadbalancer/SecurityGroups"));
        assertEquals(Cfn.ref(group), options.get("aws:elbv2:loadbalancer/ManagedSecurityGroup"));
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
        return Cfn.onlyIdOfType(template, "AWS::SecretsManager::Secret");
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
