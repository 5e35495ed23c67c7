package dev.guardrails4j.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.ToolCall;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.policy.PolicyException;
import dev.guardrails4j.core.testing.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile sizes and shapes finish: a 10 MB prompt, JSON nested 10,000 deep, 100,000 messages,
 * patterns that backtrack on other engines, and 1 MB adversarial texts for every detector. The
 * time bounds are generous hang guards for a loaded 2-core machine, not speed measurements.
 */
class BoundedWorkTests {

  static final Duration HANG_GUARD = Duration.ofSeconds(20);
  static final int MB = 1 << 20;

  static <T> T bounded(Supplier<T> work) {
    return assertTimeoutPreemptively(HANG_GUARD, work::get);
  }

  // ---- a 10 MB prompt ----------------------------------------------------------------------

  @Test
  void aTenMegabytePromptRunsThroughEveryDefaultDetector() {
    Guardrails g = Guardrails.builder().auditLog(false).policies(Fixtures.policies("""
        version: 1
        policies:
          - id: big
            access: allow
            input:
              - { detector: pii, action: redact }
              - { detector: secrets, action: redact }
              - { detector: invisible-text, action: monitor }
              - { detector: exfiltration-links, action: monitor }
              - { detector: prompt-injection, action: monitor }
        """)).build();
    String paragraph = "Dear team, the quarterly report is attached; questions go to ops-desk@example.com "
        + "or +1 415 555 0132. Please review the numbers, the charts and the appendix before Friday. ";
    StringBuilder sb = new StringBuilder(10 * MB + paragraph.length());
    while (sb.length() < 10 * MB) {
      sb.append(paragraph).append(sb.length() % 7).append(' ');
    }
    String prompt = sb.toString();
    String sent = bounded(() -> {
      try (GuardedCall call = g.start(Fixtures.invocation().userMessage(prompt).build())) {
        return call.checkInput().get(0).text();
      }
    });
    assertThat(sent).doesNotContain("ops-desk@example.com").contains("<EMAIL_ADDRESS_1>");
    assertThat(sent.length()).isBetween(prompt.length() / 2, prompt.length() * 2);
  }

  // ---- deep nesting ------------------------------------------------------------------------

  static String nested(int depth) {
    return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
  }

  static String nestedArrays(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  @Test
  void jsonNestedTenThousandDeepIsInvalidJsonForTheSchemaDetector() {
    Detector d = Detectors.create("json-schema", Map.of("schema", Detectors.JSON_SCHEMA));
    for (String json : List.of(nested(10_000), nestedArrays(10_000), "[".repeat(10_000))) {
      List<Finding> found = bounded(() -> d.detect(json));
      assertThat(found).singleElement().satisfies(f -> {
        assertThat(f.type()).isEqualTo("JSON_INVALID");
        assertThat(f.end()).isLessThanOrEqualTo(json.length());
      });
    }
  }

  @Test
  void jsonNestedTenThousandDeepAsToolArgumentsIsRefusedWithoutAnError() {
    Guardrails g = Guardrails.builder().auditLog(false).policies(Fixtures.policies("""
        version: 1
        policies:
          - id: tools
            access: allow
            tools:
              allow: [lookup]
              arguments:
                - { detector: secrets, action: block }
                - { detector: pii, action: redact }
                - { detector: json-schema, schema: { type: object }, action: block }
        """)).build();
    for (String args : List.of(nested(10_000), nestedArrays(10_000))) {
      Decision d = bounded(() -> {
        try (GuardedCall call = g.start(Fixtures.invocation().userMessage("q").build())) {
          return call.checkToolCall(ToolCall.of("lookup", args)).decision();
        }
      });
      assertThat(d.verdict()).isEqualTo(Verdict.DENY);
      assertThat(d.error()).isFalse();
      assertThat(d.findings()).extracting(Finding::type).containsExactly("JSON_INVALID");
    }
  }

  @Test
  void aPolicyNestedTenThousandDeepIsRejectedWithAPolicyException() {
    for (String doc : List.of("version: 1\npolicies: " + nestedArrays(10_000),
        "version: 1\npolicies: " + nested(10_000), "- ".repeat(10_000) + "x")) {
      PolicyException e = bounded(() -> catchThrowableOfType(PolicyException.class, () -> Fixtures.policies(doc)));
      assertThat(e).isNotNull();
      assertThat(e.problems()).isNotEmpty();
    }
  }

  // ---- many messages -----------------------------------------------------------------------

  @Test
  void oneHundredThousandMessagesInOneInvocationAreCheckedAndRedacted() {
    Guardrails g = Guardrails.builder().auditLog(false).policies(Fixtures.policies("""
        version: 1
        policies:
          - id: many
            access: allow
            input:
              - { detector: pii, action: redact, reversible: true }
              - { detector: secrets, action: block }
              - { detector: prompt-injection, action: monitor }
        """)).build();
    List<Message> messages = new ArrayList<>(100_000);
    for (int i = 0; i < 100_000; i++) {
      messages.add(i % 1000 == 0 ? Message.user("reach me at user" + i + "@example.org")
          : Message.user("message number " + i + " about the weather"));
    }
    List<Message> sent = bounded(() -> {
      try (GuardedCall call = g.start(Fixtures.invocation().messages(messages).build())) {
        return call.checkInput();
      }
    });
    assertThat(sent).hasSize(100_000);
    assertThat(sent.get(0).text()).isEqualTo("reach me at <EMAIL_ADDRESS_1>");
    assertThat(sent.get(99_000).text()).isEqualTo("reach me at <EMAIL_ADDRESS_100>");
    assertThat(sent.get(1)).isSameAs(messages.get(1));
  }

  // ---- patterns that backtrack elsewhere ---------------------------------------------------

  static List<String[]> pathologicalPatterns() {
    return List.of(
        new String[] {"(a+)+$", "a"},
        new String[] {"(a+)+b", "a"},
        new String[] {"(a|aa)+c", "a"},
        new String[] {"(a|a?)+d", "a"},
        new String[] {"(.*a){12}x", "a"},
        new String[] {"([a-z]+)*[0-9]", "a"},
        new String[] {"(\\w+\\s?)+!", "ab "},
        new String[] {"^(([a-z])+.)+[A-Z]([a-z])+$", "ab"},
        new String[] {"(x+x+)+y", "x"});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathologicalPatternCases")
  void aPatternThatBacktracksElsewhereRunsInLinearTime(String pattern, String unit) {
    Detector d = Detectors.create("pattern", Map.of("type", "EVIL", "pattern", pattern));
    String text = unit.repeat(MB / unit.length()) + "!";
    List<Finding> found = bounded(() -> d.detect(text));
    for (Finding f : found) {
      assertThat(f.end()).isLessThanOrEqualTo(text.length());
    }
  }

  static Stream<Arguments> pathologicalPatternCases() {
    return pathologicalPatterns().stream().map(p -> Arguments.of(p[0], p[1]));
  }

  // ---- 1 MB adversarial texts for every detector -------------------------------------------

  static final List<String> ADVERSARIAL = adversarial();

  static List<String> adversarial() {
    // each unit repeated to 1 MB: the prefilter anchors and run shapes detectors key on
    List<String> units = List.of("a", "@", "a@", "x@y.", "4", "4111 ", "+1 ", "1.", "::", "https://a", "![",
        "<img src=", "{", "\"", "\u200b", "\uDB40\uDC41", "\uD800", "ignore previous instructions ", "QUFB",
        "password: ", "-----BEGIN ", " \t\n", "falcon ", "%2");
    List<String> out = new ArrayList<>();
    for (String u : units) {
      out.add(u.repeat(MB / u.length()));
    }
    SplittableRandom r = new SplittableRandom(42);
    out.add(IntStream.range(0, MB).map(i -> 32 + r.nextInt(95))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
    out.add(IntStream.range(0, MB).map(i -> r.nextInt(0x10000))
        .collect(StringBuilder::new, (sb, c) -> sb.append((char) c), StringBuilder::append).toString());
    return List.copyOf(out);
  }

  /** One configuration of each built-in detector (the fuzz tests cover the others). */
  static List<Named<Detector>> oneOfEachDetector() {
    List<Named<Detector>> out = new ArrayList<>();
    for (Detector d : Detectors.ALL) {
      if (out.stream().noneMatch(o -> o.getName().equals(d.name()))) {
        out.add(Named.of(d.name(), d));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oneOfEachDetector")
  void everyDetectorFinishesOnOneMegabyteAdversarialTexts(Detector d) {
    for (String text : ADVERSARIAL) {
      List<Finding> found = bounded(() -> d.detect(text));
      for (Finding f : found) {
        DetectorFuzzTests.check(d, text, f);
      }
    }
  }

  @Test
  void theBlockedTenThousandDeepAnswerIsReportedNotThrownAsAnError() {
    Guardrails g = Guardrails.builder().auditLog(false).policies(Fixtures.policies("""
        version: 1
        policies:
          - id: structured
            access: allow
            output: [ { detector: json-schema, schema: { type: object }, action: block } ]
        """)).build();
    GuardrailViolationException e = bounded(() -> {
      try (GuardedCall call = g.start(Fixtures.invocation().userMessage("q").build())) {
        return catchThrowableOfType(GuardrailViolationException.class, () -> call.checkOutput(nested(10_000)));
      }
    });
    assertThat(e.decision().phase()).isEqualTo(Phase.OUTPUT);
    assertThat(e.decision().error()).isFalse();
  }
}
