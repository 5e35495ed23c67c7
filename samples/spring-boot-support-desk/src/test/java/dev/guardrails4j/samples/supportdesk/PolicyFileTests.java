package dev.guardrails4j.samples.supportdesk;

import dev.guardrails4j.test.PolicyTests;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The policy tests that ship next to the support desk's policy file, one JUnit test per case. */
class PolicyFileTests {

  @TestFactory
  Stream<DynamicTest> policyTestFile() {
    return PolicyTests.dynamicTests(Path.of("src/main/resources/guardrails.test.yaml"));
  }
}
