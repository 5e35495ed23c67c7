package dev.guardrails4j.samples.supportdesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.core.policytest.PolicyTestResult;
import dev.guardrails4j.core.policytest.PolicyTestRunner;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Runs the policy test file that ships next to the support desk's policy file, without Spring. */
class PolicyFileTests {

  @Test
  void everyCaseOfThePolicyTestFilePasses() throws URISyntaxException {
    URL url = Objects.requireNonNull(getClass().getClassLoader().getResource("guardrails.tests.yaml"));
    PolicyTestResult result = PolicyTestRunner.standard().run(Path.of(url.toURI()));

    assertThat(result.problems()).isEmpty();
    assertThat(result.cases()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(result.cases()).allSatisfy(c -> assertThat(c.passed())
        .as("%s: %s%n%s", c.testCase().name(), c.failures(), c.describeOutcomes())
        .isTrue());
  }
}
