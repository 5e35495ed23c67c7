package dev.guardrails4j.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.test.PolicyTests;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The policy tests that ship next to the quickstart's policy file, one JUnit test per case. */
class PolicyFileTests {

  @TestFactory
  Stream<DynamicTest> policyTestFile() {
    return PolicyTests.dynamicTests(Path.of("src/main/resources/guardrails.test.yaml"));
  }

  @Test
  void theDemoLoadsThePoliciesUnderTest() {
    assertThat(QuickstartDemo.loadPolicies().policies())
        .extracting(p -> p.id())
        .containsExactly("support-assistant", "interns-small-models-only", "reply-drafts-rate");
  }
}
