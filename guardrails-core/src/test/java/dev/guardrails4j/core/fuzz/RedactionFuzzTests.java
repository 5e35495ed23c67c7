package dev.guardrails4j.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.testing.Fixtures;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Redaction of input through a guarded call, in every style: the redacted text holds none of the
 * values the detectors found (re-running them finds none of those values again), and a reversible
 * redaction echoed back by the model is restored to the original text.
 */
class RedactionFuzzTests {

  static final List<String> CHECKS = List.of(
      "{ detector: pii, action: redact, %s }",
      "{ detector: secrets, action: redact, %s }",
      "{ detector: deny-list, terms: [falcon, project orca], leetspeak: true, action: redact, %s }");

  static final List<Detector> DETECTORS = List.of(
      Detectors.create("pii", Map.of()),
      Detectors.create("secrets", Map.of()),
      Detectors.create("deny-list", Map.of("terms", List.of("falcon", "project orca"), "leetspeak", true)));

  static final Guardrails REVERSIBLE = engine("reversible: true");
  static final Guardrails MASK = engine("style: mask");
  static final Guardrails HASH = engine("style: hash");
  static final Guardrails REMOVE = engine("style: remove");

  /** A text that already holds something shaped like a placeholder cannot be restored exactly. */
  static final Pattern PLACEHOLDER_LIKE = Pattern.compile("<[A-Z0-9_]+_[0-9]+>");

  static Guardrails engine(String options) {
    StringBuilder input = new StringBuilder();
    for (String c : CHECKS) {
      input.append("\n      - ").append(c.formatted(options));
    }
    return Guardrails.builder().auditLog(false).policies(Fixtures.policies("""
        version: 1
        policies:
          - id: redact
            access: allow
            input:%s
        """.formatted(input))).build();
  }

  @FuzzTest(maxDuration = "2m")
  void redactedInputHoldsNoFoundValueAndReversalRestoresIt(byte[] data) {
    String text = FuzzText.decode(data);
    Set<String> found = values(text);
    for (Guardrails g : List.of(REVERSIBLE, MASK, HASH, REMOVE)) {
      try (GuardedCall call = g.start(Fixtures.invocation().userMessage(text).build())) {
        String redacted = call.checkInput().get(0).text();
        if (found.isEmpty()) {
          assertThat(redacted).isEqualTo(text);
        }
        Set<String> again = values(redacted);
        again.retainAll(found);
        if (!again.isEmpty()) {
          throw new AssertionError("redacted text still holds " + again.size() + " found value(s): "
              + again + " in " + redacted);
        }
        if (g == REVERSIBLE) {
          String restored = call.checkOutput(redacted);
          if (!PLACEHOLDER_LIKE.matcher(text).find()) {
            assertThat(restored).isEqualTo(text);
          }
        }
      }
    }
  }

  static Set<String> values(String text) {
    Set<String> out = new HashSet<>();
    for (Detector d : DETECTORS) {
      for (Finding f : d.detect(text)) {
        out.add(text.substring(f.start(), f.end()));
      }
    }
    return out;
  }
}
