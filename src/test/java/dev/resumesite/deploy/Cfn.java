package dev.resumesite.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Navigation helpers for a loaded CloudFormation template (maps, lists, resources by type). */
final class Cfn {
    private Cfn() {
    }

    static Map<String, Object> template() {
        return CloudFormationYaml.load(RepoFiles.path("infra/stack.yml"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError("expected a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (!(value instanceof List<?>)) {
            throw new AssertionError("expected a list, got " + value);
        }
        return (List<Object>) value;
    }

    /** A value that may be written as one item or a list of items, always as a list. */
    static List<Object> oneOrMany(Object value) {
        return value instanceof List<?> ? list(value) : List.of(value);
    }

    static Map<String, Object> resources(Map<String, Object> template) {
        return map(template.get("Resources"));
    }

    static Map<String, Object> resource(Map<String, Object> template, String logicalId) {
        Object resource = resources(template).get(logicalId);
        if (resource == null) {
            throw new AssertionError("no resource " + logicalId + " in infra/stack.yml");
        }
        return map(resource);
    }

    static Map<String, Object> properties(Map<String, Object> template, String logicalId) {
        return map(resource(template, logicalId).get("Properties"));
    }

    /** Logical IDs of every resource of the given type. */
    static List<String> idsOfType(Map<String, Object> template, String type) {
        List<String> ids = new ArrayList<>();
        resources(template).forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The only resource of the given type. */
    static String onlyIdOfType(Map<String, Object> template, String type) {
        List<String> ids = idsOfType(template, type);
        if (ids.size() != 1) {
            throw new AssertionError("expected exactly one " + type + ", found " + ids);
        }
        return ids.get(0);
    }

    static Map<String, Object> ref(String name) {
        return Map.of("Ref", name);
    }

    static Map<String, Object> getAtt(String resource, String attribute) {
        return Map.of("Fn::GetAtt", List.of(resource, attribute));
    }

    /** The template as CloudFormation sees it for one profile: every Fn::If decided, AWS::NoValue dropped. */
    static Map<String, Object> templateFor(String profile) {
        Map<String, Object> template = template();
        return map(resolveConditions(template, Map.of("IsHa", "ha".equals(profile),
                "CreateGitHubOidcProvider", true)));
    }

    /** Replaces each {@code Fn::If [condition, then, else]} by its branch and drops {@code AWS::NoValue}. */
    static Object resolveConditions(Object node, Map<String, Boolean> conditions) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> map = map(raw);
            if (map.size() == 1 && map.get("Fn::If") instanceof List<?> branches) {
                Boolean value = conditions.get(branches.get(0).toString());
                if (value == null) {
                    throw new AssertionError("unknown condition " + branches.get(0));
                }
                return resolveConditions(branches.get(value ? 1 : 2), conditions);
            }
            Map<String, Object> resolved = new java.util.LinkedHashMap<>();
            map.forEach((key, value) -> {
                Object child = resolveConditions(value, conditions);
                if (!NO_VALUE.equals(child)) {
                    resolved.put(key, child);
                }
            });
            return resolved;
        }
        if (node instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object child = resolveConditions(item, conditions);
                if (!NO_VALUE.equals(child)) {
                    resolved.add(child);
                }
            }
            return resolved;
        }
        return node;
    }

    static final Map<String, Object> NO_VALUE = Map.of("Ref", "AWS::NoValue");

    static Path stackFile() {
        return RepoFiles.path("infra/stack.yml");
    }
}
