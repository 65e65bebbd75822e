package dev.resumesite.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements of one role in infra/stack.yml, with the template's references replaced by sample
 * values of a real account, evaluated the way IAM does for one request: an explicit Deny wins, then
 * any Allow whose action, resource and conditions match; otherwise denied. Enough of IAM to answer
 * "may the deploy role do X to Y?" for the policies this stack writes (Action/NotAction,
 * Resource/NotResource with * and ? wildcards, String and Arn operators with IfExists).
 */
final class IamPolicy {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";

    /** What a stack created as "resume-site" in ACCOUNT/REGION would substitute for each reference. */
    static final Map<String, String> SAMPLE_VALUES = Map.ofEntries(
            Map.entry("AWS::Partition", "aws"),
            Map.entry("AWS::Region", REGION),
            Map.entry("AWS::AccountId", ACCOUNT),
            Map.entry("AWS::StackName", "resume-site"),
            Map.entry("AWS::StackId", "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/resume-site/0f3c2a10"),
            Map.entry("Application", "resume-site"),
            Map.entry("Environment", "resume-site-web"),
            Map.entry("InstanceType", "t4g.micro"),
            Map.entry("ArtifactsBucket", "resume-site-artifactsbucket-1x2y3z"),
            Map.entry("ArtifactsBucket.Arn", "arn:aws:s3:::resume-site-artifactsbucket-1x2y3z"),
            Map.entry("InstanceRole.Arn", "arn:aws:iam::" + ACCOUNT + ":role/resume-site-InstanceRole-AAAA"),
            Map.entry("ServiceRole.Arn", "arn:aws:iam::" + ACCOUNT + ":role/resume-site-ServiceRole-BBBB"),
            // Ref of a Secrets Manager secret is its ARN.
            Map.entry("OriginSecret", "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:OriginSecret-a1B2c3"),
            Map.entry("SyntheticCheckSecretValue", "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:SyntheticCheckSecretValue-d4E5f6"),
            Map.entry("CounterTable.Arn", "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/resume-site-CounterTable-X"));

    private final List<Map<String, Object>> statements;

    private IamPolicy(List<Map<String, Object>> statements) {
        this.statements = statements;
    }

    /** The inline policies of {@code roleId} in the given (condition-resolved) template. */
    static IamPolicy ofRole(Map<String, Object> template, String roleId) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : Cfn.list(Cfn.properties(template, roleId).getOrDefault("Policies", List.of()))) {
            Map<String, Object> document = Cfn.map(Cfn.map(policy).get("PolicyDocument"));
            for (Object statement : Cfn.oneOrMany(document.get("Statement"))) {
                statements.add(Cfn.map(substitute(statement)));
            }
        }
        return new IamPolicy(statements);
    }

    List<Map<String, Object>> statements() {
        return statements;
    }

    boolean allows(String action, String resource) {
        return allows(action, resource, Map.of());
    }

    /** IAM's decision for one request with the given condition keys (missing keys are absent). */
    boolean allows(String action, String resource, Map<String, String> context) {
        boolean allowed = false;
        for (Map<String, Object> statement : statements) {
            if (!matches(statement, action, resource, context)) {
                continue;
            }
            if ("Deny".equals(statement.get("Effect"))) {
                return false;
            }
            allowed = true;
        }
        return allowed;
    }

    private static boolean matches(Map<String, Object> statement, String action, String resource, Map<String, String> context) {
        boolean actionMatches = statement.containsKey("NotAction")
                ? strings(statement.get("NotAction")).stream().noneMatch(a -> glob(a, action, true))
                : strings(statement.get("Action")).stream().anyMatch(a -> glob(a, action, true));
        boolean resourceMatches = statement.containsKey("NotResource")
                ? strings(statement.get("NotResource")).stream().noneMatch(r -> glob(r, resource, false))
                : strings(statement.get("Resource")).stream().anyMatch(r -> glob(r, resource, false));
        return actionMatches && resourceMatches && conditionsHold(statement.get("Condition"), context);
    }

    private static boolean conditionsHold(Object condition, Map<String, String> context) {
        if (condition == null) {
            return true;
        }
        for (Map.Entry<String, Object> operator : Cfn.map(condition).entrySet()) {
            String name = operator.getKey();
            boolean ifExists = name.endsWith("IfExists");
            String base = ifExists ? name.substring(0, name.length() - "IfExists".length()) : name;
            for (Map.Entry<String, Object> test : Cfn.map(operator.getValue()).entrySet()) {
                String actual = context.get(test.getKey());
                if (actual == null) {
                    if (ifExists) {
                        continue;
                    }
                    return false;
                }
                boolean any = strings(test.getValue()).stream().anyMatch(expected -> switch (base) {
                    case "StringEquals", "ArnEquals" -> expected.equals(actual);
                    case "StringLike", "ArnLike" -> glob(expected, actual, false);
                    default -> throw new AssertionError("condition operator not modelled: " + name);
                });
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    /** IAM wildcards: * any run of characters, ? one character; actions compare without case. */
    static boolean glob(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        return Cfn.oneOrMany(value).stream().map(Object::toString).toList();
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    /** Replaces Ref, Fn::GetAtt and Fn::Sub by the sample values, everywhere in {@code node}. */
    static Object substitute(Object node) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> map = Cfn.map(raw);
            if (map.size() == 1 && map.get("Ref") instanceof String name) {
                return sample(name);
            }
            if (map.size() == 1 && map.get("Fn::GetAtt") instanceof List<?> getAtt) {
                return sample(getAtt.get(0) + "." + getAtt.get(1));
            }
            if (map.size() == 1 && map.get("Fn::Sub") instanceof String text) {
                Matcher placeholder = PLACEHOLDER.matcher(text);
                StringBuilder out = new StringBuilder();
                while (placeholder.find()) {
                    placeholder.appendReplacement(out, Matcher.quoteReplacement(sample(placeholder.group(1))));
                }
                placeholder.appendTail(out);
                return out.toString();
            }
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(key, substitute(value)));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(IamPolicy::substitute).toList();
        }
        return node;
    }

    private static String sample(String name) {
        String value = SAMPLE_VALUES.get(name);
        if (value == null) {
            throw new AssertionError("no sample value for " + name + "; add one to IamPolicy.SAMPLE_VALUES");
        }
        return value;
    }

    static String arn(String service, String resource) {
        return "arn:aws:" + service.toLowerCase(Locale.ROOT) + ":" + REGION + ":" + ACCOUNT + ":" + resource;
    }
}
