package dev.guardrails4j.core;

import static dev.guardrails4j.core.testing.Fixtures.invocation;
import static dev.guardrails4j.core.testing.Fixtures.policies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StreamingOutputTests {

  static final String SECRET = "alice@example.org";

  static Guardrails engine(String action, boolean reversibleInput) {
    return Guardrails.builder().auditLog(false).streamWindow(32).policies(policies("""
        version: 1
        policies:
          - id: p
            access: allow
            input: [ { detector: keyword, word: "bob@example.org", action: redact, reversible: %s } ]
            output: [ { detector: keyword, word: "%s", action: %s } ]
        """.formatted(reversibleInput, SECRET, action))).build();
  }

  static List<String> chunks(String text, int size) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i += size) {
      out.add(text.substring(i, Math.min(text.length(), i + size)));
    }
    return out;
  }

  @ParameterizedTest(name = "chunk size {0}")
  @ValueSource(ints = {1, 2, 3, 5, 7, 16, 33, 1000})
  void aValueSplitAcrossChunksIsNeverEmittedInClear(int size) {
    String answer = "Hello, please write to " + SECRET + " today. ".repeat(1) + "x".repeat(100) + " and " + SECRET;
    try (GuardedCall call = engine("redact", false).start(invocation().userMessage("q").build())) {
      StreamingOutput s = call.streamOutput();
      StringBuilder emitted = new StringBuilder();
      for (String c : chunks(answer, size)) {
        emitted.append(s.accept(c));
        assertThat(emitted.toString()).doesNotContain(SECRET);
      }
      emitted.append(s.finish());
      assertThat(emitted.toString()).isEqualTo(answer.replace(SECRET, "<KEYWORD_1>"));
      Decision d = call.decisions().get(call.decisions().size() - 1);
      assertThat(d.phase()).isEqualTo(Phase.OUTPUT);
      assertThat(d.verdict()).isEqualTo(Verdict.ALLOW_WITH_CHANGES);
      assertThat(d.findings()).extracting(f -> f.start()).containsExactly(23, 153);
    }
  }

  @Test
  void textIsReleasedOnceTheWindowIsFull() {
    try (GuardedCall call = engine("redact", false).start(invocation().userMessage("q").build())) {
      StreamingOutput s = call.streamOutput();
      assertThat(s.accept("a".repeat(20))).isEmpty();
      assertThat(s.accept("b".repeat(20))).isEqualTo("a".repeat(8));
      assertThat(s.heldBack()).isEqualTo(32);
      assertThat(s.finish()).isEqualTo("a".repeat(12) + "b".repeat(20));
    }
  }

  @Test
  void aBlockMidStreamStopsBeforeTheValueIsEmitted() {
    GuardedCall call = engine("block", false).start(invocation().userMessage("q").build());
    StreamingOutput s = call.streamOutput();
    StringBuilder emitted = new StringBuilder();
    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class, () -> {
      for (String c : chunks("x".repeat(50) + SECRET + "y".repeat(100), 4)) {
        emitted.append(s.accept(c));
      }
    });
    assertThat(e).isNotNull();
    assertThat(e.decision().phase()).isEqualTo(Phase.OUTPUT);
    assertThat(emitted.toString()).doesNotContain("alice");
  }

  @Test
  void reversiblePlaceholdersAreRestoredEvenWhenSplit() {
    try (GuardedCall call = engine("redact", true).start(invocation().userMessage("mail bob@example.org").build())) {
      assertThat(call.checkInput().get(0).text()).isEqualTo("mail <KEYWORD_1>");
      StreamingOutput s = call.streamOutput();
      StringBuilder emitted = new StringBuilder();
      for (String c : chunks("Dear <KEYWORD_1>, " + "z".repeat(60) + " bye <KEYWORD_1>", 3)) {
        emitted.append(s.accept(c));
      }
      emitted.append(s.finish());
      assertThat(emitted.toString()).isEqualTo("Dear bob@example.org, " + "z".repeat(60) + " bye bob@example.org");
    }
  }
}
