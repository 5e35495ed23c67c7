package dev.guardrails4j.core;

import static dev.guardrails4j.core.testing.Fixtures.invocation;
import static dev.guardrails4j.core.testing.Fixtures.policies;
import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.FindingAction;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.ToolCall;
import dev.guardrails4j.api.Verdict;
import org.junit.jupiter.api.Test;

/**
 * A value redacted once in a call is redacted wherever else it appears in that call: in later
 * messages, in the answer (whole or streamed) and in tool arguments and results, even when the
 * later phase has no checks of its own or its checks would not recognise the value without its
 * context.
 */
class RedactionAcrossPhasesTests {

  // "first: true" makes the keyword detector report only the first occurrence, as a detector that
  // needs context ("Bearer ...") reports only the copy that has it
  static final String TOKEN = "tok-8f3a91c2d7";

  static Guardrails engine(String extra) {
    return Guardrails.builder().auditLog(false).policies(policies("""
        version: 1
        policies:
          - id: p
            access: allow
            input: [ { detector: keyword, word: %s, first: true, action: redact } ]
        %s""".formatted(TOKEN, extra))).build();
  }

  @Test
  void aValueRedactedInTheInputIsRedactedInTheAnswerThatHasNoOutputChecks() {
    Guardrails g = engine("");
    try (GuardedCall call = g.start(invocation().userMessage("Authorization: Bearer " + TOKEN).build())) {
      assertThat(call.checkInput().get(0).text()).isEqualTo("Authorization: Bearer <KEYWORD_1>");
      String answer = call.checkOutput("Your token " + TOKEN + " is expired; " + TOKEN + "!");
      assertThat(answer).isEqualTo("Your token <KEYWORD_1> is expired; <KEYWORD_1>!");
      Decision out = call.decisions().get(call.decisions().size() - 1);
      assertThat(out.phase()).isEqualTo(Phase.OUTPUT);
      assertThat(out.verdict()).isEqualTo(Verdict.ALLOW_WITH_CHANGES);
      assertThat(out.changes()).isEqualTo(2);
      assertThat(out.findings()).allSatisfy(f -> {
        assertThat(f.type()).isEqualTo("KEYWORD");
        assertThat(f.action()).isEqualTo(FindingAction.REDACT);
      });
    }
  }

  @Test
  void anAnswerWithoutTheValueIsLeftAsItIsAndRecordsNoChange() {
    Guardrails g = engine("");
    try (GuardedCall call = g.start(invocation().userMessage("Bearer " + TOKEN).build())) {
      call.checkInput();
      assertThat(call.checkOutput("all fine")).isEqualTo("all fine");
      Decision out = call.decisions().get(call.decisions().size() - 1);
      assertThat(out.verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(out.findings()).isEmpty();
    }
  }

  @Test
  void aStreamedAnswerNeverEmitsTheValueEvenSplitAcrossChunks() {
    Guardrails g = engine("");
    try (GuardedCall call = g.start(invocation().userMessage("Bearer " + TOKEN).build())) {
      call.checkInput();
      StreamingOutput s = call.streamOutput();
      String answer = "x".repeat(300) + " the token " + TOKEN + " again " + "y".repeat(300);
      StringBuilder emitted = new StringBuilder();
      for (int i = 0; i < answer.length(); i += 5) {
        emitted.append(s.accept(answer.substring(i, Math.min(answer.length(), i + 5))));
        assertThat(emitted.toString()).doesNotContain(TOKEN);
      }
      emitted.append(s.finish());
      assertThat(emitted.toString()).isEqualTo(answer.replace(TOKEN, "<KEYWORD_1>"));
    }
  }

  @Test
  void laterMessagesAndToolArgumentsAndResultsAreCoveredToo() {
    Guardrails g = engine("""
            tools:
              arguments: [ { detector: keyword, word: unrelated-word, action: block } ]
        """);
    try (GuardedCall call = g.start(invocation().userMessage("Bearer " + TOKEN).build())) {
      call.checkInput();
      assertThat(call.checkInput("and again " + TOKEN)).isEqualTo("and again <KEYWORD_1>");
      GuardedCall.ToolDecision tool = call.checkToolCall(ToolCall.of("lookup", "{\"t\":\"" + TOKEN + "\"}"));
      assertThat(tool.allowed()).isTrue();
      assertThat(tool.arguments()).isEqualTo("{\"t\":\"<KEYWORD_1>\"}");
      assertThat(call.checkToolResult("lookup", "owner of " + TOKEN + ": ops")).isEqualTo("owner of <KEYWORD_1>: ops");
    }
  }

  @Test
  void reversibleRedactionsAreRestoredForTheCallerAsBefore() {
    Guardrails g = Guardrails.builder().auditLog(false).policies(policies("""
        version: 1
        policies:
          - id: p
            access: allow
            input: [ { detector: keyword, word: %s, first: true, action: redact, reversible: true } ]
        """.formatted(TOKEN))).build();
    try (GuardedCall call = g.start(invocation().userMessage("Bearer " + TOKEN).build())) {
      assertThat(call.checkInput().get(0).text()).doesNotContain(TOKEN);
      // the model echoes the placeholder: the caller gets the value back, as reversible means
      assertThat(call.checkOutput("use <KEYWORD_1>")).isEqualTo("use " + TOKEN);
    }
  }
}
