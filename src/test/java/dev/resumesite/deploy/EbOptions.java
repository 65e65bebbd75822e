package dev.resumesite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elastic Beanstalk option settings, keyed "namespace/OptionName", from the two places that set
 * them: the bundle's .ebextensions/*.config files and the environment in infra/stack.yml.
 */
final class EbOptions {
    private EbOptions() {
    }

    static String key(String namespace, String option) {
        return namespace + "/" + option;
    }

    /** All options from every .ebextensions/*.config file; a second setting of the same key is an error. */
    static Map<String, String> fromEbextensions() {
        return fromEbextensions(RepoFiles.path(".ebextensions"));
    }

    /** The same for the .ebextensions directory of an unpacked bundle. */
    static Map<String, String> fromEbextensions(Path directory) {
        List<Path> configs;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(directory)) {
            configs = files.filter(file -> file.getFileName().toString().endsWith(".config")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        if (configs.isEmpty()) {
            throw new AssertionError("no .ebextensions/*.config files");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (Path config : configs) {
            fromConfigFile(config).forEach((key, value) -> {
                String previous = options.put(key, value);
                if (previous != null) {
                    throw new AssertionError(key + " is set in more than one .ebextensions file");
                }
            });
        }
        return options;
    }

    /** One .config file; accepts both the namespace-map form and the list-of-settings form. */
    static Map<String, String> fromConfigFile(Path config) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(config.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(config + " is not valid YAML", e);
        }
        if (root == null || !root.isObject()) {
            throw new AssertionError(config + " must be a YAML mapping");
        }
        Map<String, String> options = new LinkedHashMap<>();
        JsonNode settings = root.path("option_settings");
        if (settings.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> namespaces = settings.fields(); namespaces.hasNext();) {
                Map.Entry<String, JsonNode> namespace = namespaces.next();
                for (Iterator<Map.Entry<String, JsonNode>> values = namespace.getValue().fields(); values.hasNext();) {
                    Map.Entry<String, JsonNode> value = values.next();
                    options.put(key(namespace.getKey(), value.getKey()), value.getValue().asText());
                }
            }
        } else if (settings.isArray()) {
            for (JsonNode setting : settings) {
                options.put(key(setting.path("namespace").asText(), setting.path("option_name").asText()),
                        setting.path("value").asText());
            }
        }
        return options;
    }

    /**
     * The OptionSettings of one AWS::ElasticBeanstalk::Environment, values as written (string or
     * intrinsic), for the default profile (personal): every Fn::If decided, AWS::NoValue dropped.
     */
    static Map<String, Object> fromStackEnvironment(Map<String, Object> environmentResource) {
        return settings(Cfn.map(Cfn.resolveConditions(environmentResource,
                Map.of("IsHa", false, "CreateGitHubOidcProvider", true))));
    }

    /** The environment's OptionSettings as CloudFormation passes them for {@code profile}. */
    static Map<String, Object> fromStack(String profile) {
        Map<String, Object> template = Cfn.templateFor(profile);
        return settings(Cfn.resource(template, Cfn.onlyIdOfType(template, "AWS::ElasticBeanstalk::Environment")));
    }

    private static Map<String, Object> settings(Map<String, Object> environmentResource) {
        Map<String, Object> properties = Cfn.map(environmentResource.get("Properties"));
        Map<String, Object> options = new LinkedHashMap<>();
        for (Object entry : Cfn.list(properties.get("OptionSettings"))) {
            Map<String, Object> setting = Cfn.map(entry);
            String key = key((String) setting.get("Namespace"), (String) setting.get("OptionName"));
            if (options.put(key, setting.get("Value")) != null) {
                throw new AssertionError(key + " is set twice in the stack");
            }
        }
        return options;
    }

    /** Keys present in both maps, in the order of the first. */
    static List<String> overlap(Map<String, ?> first, Map<String, ?> second) {
        List<String> keys = new ArrayList<>();
        for (String key : first.keySet()) {
            if (second.containsKey(key)) {
                keys.add(key);
            }
        }
        return keys;
    }
}
