package dev.guardrails4j.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.StreamingOutput;
import dev.guardrails4j.core.testing.Fixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A streamed answer split into arbitrary chunks: what is released never holds a value (of at most
 * the window's length) that the detectors find in the whole answer, whether the policy redacts or
 * blocks (unless the answer also holds the value where no detector flags it); an answer without findings is released unchanged; and reversible input placeholders
 * are restored exactly as for a whole answer.
 *
 * <p>Input layout: four bytes seed the chunk sizes, the fifth bounds them (1 to 96 characters),
 * the rest is the answer.
 */
class StreamingFuzzTests {

  static final int WINDOW = 32;

  static final String OUTPUT_CHECKS = """
              - { detector: pii, action: %1$s }
              - { detector: secrets, action: %1$s }
              - { detector: deny-list, terms: [falcon, project orca], action: %1$s }
      """;

  static final List<Detector> DETECTORS = List.of(
      Detectors.create("pii", Map.of()),
      Detectors.create("secrets", Map.of()),
      Detectors.create("deny-list", Map.of("terms", List.of("falcon", "project orca"))));

  static final Guardrails REDACT = engine("", OUTPUT_CHECKS.formatted("redact"));
  static final Guardrails BLOCK = engine("", OUTPUT_CHECKS.formatted("block"));
  /** The prompt's "orca" goes to the model as {@code <DENY_LIST_1>} and comes back restored. */
  static final Guardrails REVERSIBLE = engine(
      "[ { detector: deny-list, terms: [orca], action: redact, reversible: true } ]",
      "          - { detector: pii, action: redact }\n");

  static Guardrails engine(String input, String output) {
    return Guardrails.builder().auditLog(false).streamWindow(WINDOW).policies(Fixtures.policies("""
        version: 1
        policies:
          - id: stream
            access: allow
        %s
            output:
        %s""".formatted(input.isEmpty() ? "" : "    input: " + input, output))).build();
  }

  @FuzzTest(maxDuration = "2m")
  void releasedTextNeverHoldsAFoundValue(byte[] data) {
    if (data.length < 5) {
      return;
    }
    String answer = FuzzText.decode(Arrays.copyOfRange(data, 5, data.length));
    List<String> chunks = chunks(answer, data);
    List<Finding> findings = findings(answer);
    List<String> found = new ArrayList<>();
    for (Finding f : findings) {
      String v = answer.substring(f.start(), f.end());
      // a value the answer also holds where no detector flags it is released there (documented)
      if (!RedactionFuzzTests.unflaggedElsewhere(answer, v, findings)) {
        found.add(v);
      }
    }

    String redacted = stream(REDACT, chunks, false);
    mustNotHold(redacted, found, "redact");
    if (findings.isEmpty() && !redacted.equals(answer)) {
      throw new AssertionError("an answer without findings changed: " + answer + " -> " + redacted);
    }

    String blocked = stream(BLOCK, chunks, true);
    mustNotHold(blocked, found, "block");

    try (GuardedCall call = REVERSIBLE.start(Fixtures.invocation().userMessage("about orca").build())) {
      call.checkInput();
      StringBuilder out = new StringBuilder();
      StreamingOutput s = call.streamOutput();
      for (String c : chunks) {
        out.append(s.accept(c));
      }
      out.append(s.finish());
      Decision d = call.decisions().get(call.decisions().size() - 1);
      if (d.findings().isEmpty() && pii(answer).isEmpty()) {
        String whole;
        try (GuardedCall again = REVERSIBLE.start(Fixtures.invocation().userMessage("about orca").build())) {
          again.checkInput();
          whole = again.checkOutput(answer);
        }
        if (!out.toString().equals(whole)) {
          throw new AssertionError("streamed " + chunks + " gave " + out + " but the whole answer gives " + whole);
        }
      }
    }
  }

  static String stream(Guardrails g, List<String> chunks, boolean mayBlock) {
    StringBuilder out = new StringBuilder();
    try (GuardedCall call = g.start(Fixtures.invocation().userMessage("q").build())) {
      StreamingOutput s = call.streamOutput();
      for (String c : chunks) {
        out.append(s.accept(c));
      }
      out.append(s.finish());
    } catch (GuardrailViolationException e) {
      if (!mayBlock) {
        throw e;
      }
    }
    return out.toString();
  }

  static void mustNotHold(String released, List<String> found, String action) {
    for (String v : found) {
      if (v.length() <= WINDOW && released.contains(v)) {
        throw new AssertionError(action + ": released text holds a found value '" + v + "': " + released);
      }
    }
  }

  static List<Finding> findings(String text) {
    List<Finding> out = new ArrayList<>();
    for (Detector d : DETECTORS) {
      out.addAll(d.detect(text));
    }
    return out;
  }

  static List<Finding> pii(String text) {
    return DETECTORS.get(0).detect(text);
  }

  static List<String> chunks(String text, byte[] data) {
    long seed = ((data[0] & 0xFFL) << 24) | ((data[1] & 0xFF) << 16) | ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
    int max = 1 + (data[4] & 0xFF) % 96;
    SplittableRandom r = new SplittableRandom(seed);
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int n = Math.min(text.length() - i, 1 + r.nextInt(max));
      out.add(text.substring(i, i + n));
      i += n;
    }
    return out;
  }
}
