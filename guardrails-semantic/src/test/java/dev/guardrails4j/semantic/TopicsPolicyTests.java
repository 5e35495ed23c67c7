package dev.guardrails4j.semantic;

import dev.guardrails4j.test.PolicyTests;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The topic rails in input and output checks of a real policy file, found through ServiceLoader. */
class TopicsPolicyTests {

  @TestFactory
  Stream<DynamicTest> supportDeskRefusesMedicalAndLegalAdvice() {
    return PolicyTests.dynamicTests(Path.of("src/test/resources/policies/topics.test.yaml"));
  }
}
