package dev.guardrails4j.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.core.policytest.PolicyTestResult;
import dev.guardrails4j.core.policytest.PolicyTestRunner;
import dev.guardrails4j.test.fixtures.StandInDetectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The example policies under {@code examples/policies} pass their own tests. */
class ExamplePoliciesTests {

  static final Path EXAMPLES = Path.of("..", "examples", "policies");

  static PolicyTestRunner runner() {
    return PolicyTestRunner.using(StandInDetectors.catalog());
  }

  @TestFactory
  Stream<DynamicTest> examplePolicyTests() {
    return PolicyTests.dynamicTests(runner(), EXAMPLES);
  }

  @Test
  void theSupportExampleHasCasesForEveryPhase() {
    Path file = EXAMPLES.resolve("support.test.yaml");
    assertThat(file).exists();
    PolicyTestResult r = runner().run(file);
    assertThat(r.problems()).isEmpty();
    assertThat(r.cases()).hasSizeGreaterThanOrEqualTo(8);
    assertThat(r.failed()).isZero();
    assertThat(r.cases()).flatExtracting(c -> c.testCase().expectations().keySet())
        .contains(dev.guardrails4j.api.Phase.ACCESS, dev.guardrails4j.api.Phase.INPUT,
            dev.guardrails4j.api.Phase.OUTPUT);
    assertThat(r.cases()).anySatisfy(c -> assertThat(c.testCase().toolCalls()).isNotEmpty());
  }

  @Test
  void theExampleDirectoryHoldsAPolicyAndItsTests() {
    assertThat(Files.isRegularFile(EXAMPLES.resolve("support.yaml"))).isTrue();
    assertThat(PolicyTests.testFiles(EXAMPLES)).extracting(p -> p.getFileName().toString())
        .contains("support.test.yaml");
  }
}
