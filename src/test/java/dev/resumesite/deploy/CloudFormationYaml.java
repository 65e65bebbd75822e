package dev.resumesite.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Loads a CloudFormation template written in YAML, turning the short-form intrinsic functions
 * ({@code !Ref x}, {@code !GetAtt a.b}, {@code !Sub ...}) into the long form CloudFormation itself
 * sees ({@code {Ref: x}}, {@code {Fn::GetAtt: [a, b]}}, {@code {Fn::Sub: ...}}). Any other tag is
 * an error, as it would be for CloudFormation.
 */
final class CloudFormationYaml {
    private static final List<String> FN_FUNCTIONS = List.of(
            "Sub", "If", "Equals", "Not", "Join", "Select", "Split", "FindInMap", "And", "Or",
            "GetAZs", "ImportValue", "Base64", "Cidr", "Length", "ToJsonString");

    private CloudFormationYaml() {
    }

    static Map<String, Object> load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object document = new Yaml(new IntrinsicFunctions(new LoaderOptions())).load(reader);
            if (!(document instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + " is not a YAML mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> template = (Map<String, Object>) map;
            return template;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static final class IntrinsicFunctions extends SafeConstructor {
        IntrinsicFunctions(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
            for (String function : FN_FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new LongForm("Fn::" + function));
            }
        }

        private Object constructAny(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }

        /** {@code !Name value} becomes {@code {key: value}}, whatever the shape of value. */
        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                return Map.of(key, constructAny(node));
            }
        }

        /** {@code !GetAtt Resource.Attribute} becomes {@code {Fn::GetAtt: [Resource, Attribute]}}. */
        private final class GetAtt extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                if (node instanceof ScalarNode scalar) {
                    String value = constructScalar(scalar);
                    int dot = value.indexOf('.');
                    if (dot < 1) {
                        throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got " + value);
                    }
                    return Map.of("Fn::GetAtt", List.of(value.substring(0, dot), value.substring(dot + 1)));
                }
                return Map.of("Fn::GetAtt", constructAny(node));
            }
        }
    }
}
