package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * deploy/preflight.sh with the real AWS CLI, pointed (AWS_ENDPOINT_URL) at a scripted local endpoint that
 * answers each operation the way AWS does (JSON for Service Quotas and ACM, XML for CloudFront, Route 53,
 * IAM and Elastic Beanstalk), for a ready account and for a fresh one that lacks everything.
 */
@Tag("integration")
class PreflightTest {
    static final Duration DEADLINE = Duration.ofSeconds(120);
    static final String DOMAIN = "resume.example.com";
    static final String ZONE = "Z0123456789ABC";
    static final String PLATFORM = "64bit Amazon Linux 2023 v4.7.0 running Corretto 17";
    static final String OIDC = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";

    /** One scripted answer: HTTP status, content type, body. */
    record Answer(int status, String type, String body) {
        static Answer json(String body) {
            return new Answer(200, "application/x-amz-json-1.1", body);
        }

        static Answer xml(String body) {
            return new Answer(200, "text/xml", body);
        }

        static Answer xmlError(int status, String code, String message) {
            return new Answer(status, "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"
                    + message + "</Message></Error><RequestId>r-1</RequestId></ErrorResponse>");
        }
    }

    HttpServer endpoint;
    final List<String> operations = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.stop(0);
        }
    }

    @Test
    void a_ready_account_passes_every_check() throws IOException {
        Processes.Result result = preflight(readyAccount(), "--domain", DOMAIN, "--hosted-zone-id", ZONE,
                "--solution-stack", PLATFORM, "--oidc-provider-arn", OIDC);
        assertEquals(0, result.exitCode(), result.output());
        for (String line : List.of("ok    EC2 on-demand standard vCPU quota 32 >= 4", "ok    CloudFront in use (1 distributions)",
                "ok    an issued ACM certificate in us-east-1 covers resume.example.com", "ok    public hosted zone " + ZONE,
                "ok    GitHub's OIDC provider exists", "ok    platform version offered: " + PLATFORM)) {
            assertTrue(result.output().contains(line), line + " in:\n" + result.output());
        }
        assertEquals(List.of("GetServiceQuota", "ListDistributions", "ListCertificates", "GetHostedZone",
                "ListOpenIDConnectProviders", "ListAvailableSolutionStacks"), operations, "one read-only call per check");
    }

    @Test
    void a_fresh_account_fails_with_each_fix_printed() throws IOException {
        Map<String, Answer> fresh = readyAccount();
        fresh.put("GetServiceQuota", Answer.json("{\"Quota\":{\"ServiceCode\":\"ec2\",\"QuotaCode\":\"L-1216C47A\",\"Value\":2.0}}"));
        fresh.put("ListDistributions", Answer.xmlError(403, "AccessDenied",
                "Your account must be verified before you can add new CloudFront resources."));
        fresh.put("ListCertificates", Answer.json("{\"CertificateSummaryList\":[]}"));
        fresh.put("GetHostedZone", Answer.xmlError(404, "NoSuchHostedZone", "No hosted zone found with ID: " + ZONE));
        fresh.put("ListAvailableSolutionStacks", solutionStacks("64bit Amazon Linux 2023 v4.8.1 running Corretto 17"));
        Processes.Result result = preflight(fresh, "--domain", DOMAIN, "--hosted-zone-id", ZONE, "--solution-stack", PLATFORM,
                "--profile", "ha");
        assertEquals(1, result.exitCode(), result.output());
        String out = result.output();
        for (String expected : List.of(
                "FAIL  EC2 on-demand standard vCPU quota is 2; an immutable deploy of profile ha needs 8",
                "--quota-code L-1216C47A --desired-value 8",
                "FAIL  CloudFront cannot be used by this account", "open an AWS Support case",
                "note  no issued ACM certificate in us-east-1 covers resume.example.com",
                "FAIL  hosted zone " + ZONE + " not found",
                "FAIL  the account already has GitHub's OIDC provider", "pass ExistingGitHubOidcProviderArn=" + OIDC,
                "pass SolutionStackName=\"64bit Amazon Linux 2023 v4.8.1 running Corretto 17\"",
                "preflight: 5 problem(s)")) {
            assertTrue(out.contains(expected), expected + " in:\n" + out);
        }
    }

    @Test
    void the_deploy_job_checks_only_the_quota_a_deploy_needs() throws IOException {
        Map<String, Answer> lowQuota = readyAccount();
        lowQuota.put("GetServiceQuota", Answer.json("{\"Quota\":{\"Value\":3.0}}"));
        Processes.Result result = preflight(lowQuota, "--deploy-job");
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("quota is 3; an immutable deploy of profile personal needs 4"), result.output());
        assertEquals(List.of("GetServiceQuota"), operations);
        assertTrue(RepoFiles.read(".github/workflows/deploy.yml").contains("deploy/preflight.sh --deploy-job"),
                "the deploy job runs it");
    }

    static Map<String, Answer> readyAccount() {
        Map<String, Answer> answers = new HashMap<>();
        answers.put("GetServiceQuota", Answer.json("{\"Quota\":{\"ServiceCode\":\"ec2\",\"QuotaCode\":\"L-1216C47A\",\"Value\":32.0}}"));
        answers.put("ListDistributions", Answer.xml("<?xml version=\"1.0\"?><DistributionList xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">"
                + "<Marker></Marker><MaxItems>100</MaxItems><IsTruncated>false</IsTruncated><Quantity>1</Quantity><Items>"
                + "<DistributionSummary><Id>E1ABC</Id><DomainName>d1.cloudfront.net</DomainName><Status>Deployed</Status></DistributionSummary>"
                + "</Items></DistributionList>"));
        answers.put("ListCertificates", Answer.json("{\"CertificateSummaryList\":[{\"CertificateArn\":\"arn:aws:acm:us-east-1:123456789012:"
                + "certificate/1\",\"DomainName\":\"" + DOMAIN + "\",\"Status\":\"ISSUED\"}]}"));
        answers.put("GetHostedZone", Answer.xml("<?xml version=\"1.0\"?><GetHostedZoneResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
                + "<HostedZone><Id>/hostedzone/" + ZONE + "</Id><Name>example.com.</Name><CallerReference>c</CallerReference>"
                + "<Config><PrivateZone>false</PrivateZone></Config><ResourceRecordSetCount>4</ResourceRecordSetCount></HostedZone>"
                + "<DelegationSet><NameServers><NameServer>ns-1.awsdns-01.org</NameServer></NameServers></DelegationSet></GetHostedZoneResponse>"));
        answers.put("ListOpenIDConnectProviders", Answer.xml("<ListOpenIDConnectProvidersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<ListOpenIDConnectProvidersResult><OpenIDConnectProviderList><member><Arn>" + OIDC + "</Arn></member>"
                + "</OpenIDConnectProviderList></ListOpenIDConnectProvidersResult><ResponseMetadata><RequestId>r-1</RequestId>"
                + "</ResponseMetadata></ListOpenIDConnectProvidersResponse>"));
        answers.put("ListAvailableSolutionStacks", solutionStacks(PLATFORM));
        return answers;
    }

    static Answer solutionStacks(String newest) {
        return Answer.xml("<ListAvailableSolutionStacksResponse xmlns=\"http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/\">"
                + "<ListAvailableSolutionStacksResult><SolutionStacks><member>" + newest + "</member>"
                + "<member>64bit Amazon Linux 2023 v6.6.0 running Node.js 22</member></SolutionStacks><SolutionStackDetails/>"
                + "</ListAvailableSolutionStacksResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>"
                + "</ListAvailableSolutionStacksResponse>");
    }

    Processes.Result preflight(Map<String, Answer> answers, String... arguments) throws IOException {
        assertEquals(0, Processes.run(List.of("sh", "-c", "command -v aws"), Map.of(), DEADLINE).exitCode(),
                "the AWS CLI is not installed (bin/test installs Debian's awscli)");
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/", exchange -> answer(exchange, answers));
        endpoint.start();
        List<String> command = new ArrayList<>(List.of("bash", "deploy/preflight.sh"));
        command.addAll(List.of(arguments));
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + endpoint.getAddress().getPort());
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "not-a-secret");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        return Processes.run(command, env, DEADLINE);
    }

    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z]+)");

    /** Names the operation as AWS would route it: the JSON target, the query Action, or the REST path. */
    private void answer(HttpExchange exchange, Map<String, Answer> answers) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String path = exchange.getRequestURI().getPath();
        Matcher action = ACTION.matcher(URLDecoder.decode(body, StandardCharsets.UTF_8));
        String operation = target != null ? target.substring(target.indexOf('.') + 1)
                : action.find() ? action.group(1)
                : path.startsWith("/2020-05-31/distribution") ? "ListDistributions"
                : path.startsWith("/2013-04-01/hostedzone/") ? "GetHostedZone" : path;
        operations.add(operation);
        Answer answer = answers.getOrDefault(operation, Answer.xmlError(400, "NotScripted", operation));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.type());
        exchange.getResponseHeaders().set("x-amzn-RequestId", "r-1");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
