package dev.guardrails4j.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.PolicyException;
import dev.guardrails4j.core.policy.PolicySet;
import java.util.List;
import java.util.Locale;

/**
 * The policy parser over arbitrary YAML or JSON text: it returns a policy set or throws a {@link
 * PolicyException} listing at least one problem, and nothing else (no other exception, no stack
 * overflow, no hang).
 */
class PolicyParserFuzzTests {

  @FuzzTest(maxDuration = "2m")
  void parsesToAPolicySetOrFailsWithAPolicyException(byte[] data) {
    String text = FuzzText.decode(data);
    if (text.toLowerCase(Locale.ROOT).contains("file")) {
      // terms-file and schema-file read the named file: the fuzzer must not read /dev/zero
      return;
    }
    String name = text.stripLeading().startsWith("{") ? "fuzz.json" : "fuzz.yaml";
    try {
      PolicySet set = PolicySet.parse(List.of(new PolicyDocument(name, text)), DetectorCatalog.builtIn());
      assertThat(set.version()).isNotEmpty();
    } catch (PolicyException e) {
      assertThat(e.problems()).isNotEmpty();
      assertThat(e.getMessage()).isNotEmpty();
    }
  }
}
