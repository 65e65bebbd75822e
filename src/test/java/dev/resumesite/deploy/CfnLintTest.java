package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * cfn-lint (AWS's CloudFormation linter: resource schemas, allowed values, intrinsic functions) on
 * infra/stack.yml, where it is installed. bin/test cannot install it (it comes from PyPI, which is
 * out of reach here), so on a machine without it this test is skipped, not failed.
 */
@Tag("integration")
class CfnLintTest {
    @Test
    void cfn_lint_finds_nothing_in_the_stack() {
        Optional<Path> cfnLint = onPath("cfn-lint");
        assumeTrue(cfnLint.isPresent(), "cfn-lint is not installed");
        Processes.Result result = Processes.run(List.of(cfnLint.get().toString(), "infra/stack.yml"), Map.of(),
                Duration.ofSeconds(120));
        assertEquals(0, result.exitCode(), result.output());
    }

    static Optional<Path> onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(":")).filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable).findFirst();
    }
}
