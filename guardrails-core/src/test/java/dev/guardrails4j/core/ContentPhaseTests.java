package dev.guardrails4j.core;

import static dev.guardrails4j.core.testing.Fixtures.invocation;
import static dev.guardrails4j.core.testing.Fixtures.policies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.FindingAction;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.ToolCall;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentPhaseTests {

  static Guardrails engine(String yaml) {
    return Guardrails.builder().policies(policies(yaml)).auditLog(false).build();
  }

  static final String BASE = """
      version: 1
      policies:
        - id: p
          access: allow
      """;

  @Test
  void redactionUsesNumberedPlaceholdersConsistentWithinTheCall() {
    Guardrails g = engine(BASE + """
            input: [ { detector: keyword, word: alice@x.org, action: redact } ]
        """);
    try (GuardedCall call = g.start(invocation().userMessage("mail alice@x.org or alice@x.org").build())) {
      List<Message> sent = call.checkInput();
      assertThat(sent.get(0).text()).isEqualTo("mail <KEYWORD_1> or <KEYWORD_1>");
      Decision d = call.decisions().get(1);
      assertThat(d.verdict()).isEqualTo(Verdict.ALLOW_WITH_CHANGES);
      assertThat(d.changes()).isEqualTo(2);
      assertThat(d.findings()).allSatisfy(f -> assertThat(f.action()).isEqualTo(FindingAction.REDACT));
    }
  }

  @Test
  void redactsEveryCopyOfAValueFoundOnlyOnceInAnyMessageOfThePhase() {
    Guardrails g = engine(BASE + """
            input: [ { detector: keyword, word: tok-8f3a91c2d7, first: true, action: redact } ]
        """);
    try (GuardedCall call = g.start(invocation().message(Message.system("Known token: tok-8f3a91c2d7"))
        .userMessage("Authorization: Bearer tok-8f3a91c2d7 fails; retried tok-8f3a91c2d7 and tok-8f3a91c2d7x").build())) {
      List<Message> sent = call.checkInput();
      assertThat(sent.get(1).text())
          .isEqualTo("Authorization: Bearer <KEYWORD_1> fails; retried <KEYWORD_1> and <KEYWORD_1>x");
      assertThat(sent.get(0).text()).isEqualTo("Known token: <KEYWORD_1>");
      Decision d = call.decisions().get(1);
      assertThat(d.changes()).isEqualTo(4);
      assertThat(d.findings()).hasSize(4).allSatisfy(f -> {
        assertThat(f.type()).isEqualTo("KEYWORD");
        assertThat(f.action()).isEqualTo(FindingAction.REDACT);
      });
    }
  }

  @Test
  void leavesCopiesOfShortValuesAlone() {
    Guardrails g = engine(BASE + """
            input: [ { detector: keyword, word: Ann, first: true, action: redact } ]
        """);
    try (GuardedCall call = g.start(invocation().userMessage("Ann wrote to Anna about Ann").build())) {
      assertThat(call.checkInput().get(0).text()).isEqualTo("<KEYWORD_1> wrote to Anna about Ann");
    }
  }

  @Test
  void copiesOfAValueThatOnlyMonitorsStayAsTheyAre() {
    Guardrails g = engine(BASE + """
            input: [ { detector: keyword, word: tok-8f3a91c2d7, first: true, action: redact, mode: monitor } ]
        """);
    try (GuardedCall call = g.start(invocation().userMessage("tok-8f3a91c2d7 and tok-8f3a91c2d7").build())) {
      assertThat(call.checkInput().get(0).text()).isEqualTo("tok-8f3a91c2d7 and tok-8f3a91c2d7");
    }
  }

  @Test
  void reversibleRedactionRestoresTheAnswerForTheCallerOnly() {
    Guardrails g = engine(BASE + """
            input: [ { detector: keyword, word: alice@x.org, action: redact, reversible: true } ]
        """);
    try (GuardedCall call = g.start(invocation().userMessage("write to alice@x.org").build())) {
      String sent = call.checkInput().get(0).text();
      assertThat(sent).isEqualTo("write to <KEYWORD_1>");
      assertThat(call.checkOutput("Dear <KEYWORD_1>, hello")).isEqualTo("Dear alice@x.org, hello");
    }
  }

  @Test
  void maskHashAndRemoveStyles() {
    Guardrails g = engine(BASE + """
            input:
              - { detector: keyword, word: "4111111111111111", action: redact, style: mask }
              - { detector: keyword, word: bob, action: redact, style: hash }
              - { detector: keyword, word: drop, action: redact, style: remove }
        """);
    try (GuardedCall call = g.start(invocation().userMessage("4111111111111111 bob drop!").build())) {
      String sent = call.checkInput().get(0).text();
      assertThat(sent).matches("\\*{12}1111 <KEYWORD:[0-9a-f]{8}> !");
    }
  }

  @Test
  void inputChecksReadOnlyTheConfiguredRoles() {
    Guardrails g = engine(BASE + """
            input: [ { detector: keyword, word: attack, action: block } ]
        """);
    try (GuardedCall call = g.start(invocation().message(Message.system("describe an attack pattern"))
        .userMessage("hello").build())) {
      assertThat(call.checkInput()).hasSize(2);
    }
    Guardrails withSystem = engine(BASE + """
            input: [ { detector: keyword, word: attack, action: block, roles: [system] } ]
        """);
    GuardedCall call = withSystem.start(invocation().message(Message.system("attack")).build());
    assertThatThrownBy(call::checkInput).isInstanceOf(GuardrailViolationException.class);
  }

  @Test
  void outputBlockIsEnforcedAndMonitorOnlyRecorded() {
    Guardrails g = engine(BASE + """
            output: [ { detector: keyword, word: leak, action: block } ]
          - id: shadow
            mode: monitor
            output: [ { detector: keyword, word: maybe, action: block } ]
        """);
    try (GuardedCall call = g.start(invocation().userMessage("q").build())) {
      assertThat(call.checkOutput("maybe fine")).isEqualTo("maybe fine");
      Decision d = call.decisions().get(1);
      assertThat(d.verdict()).isEqualTo(Verdict.DENY);
      assertThat(d.mode()).isEqualTo(Mode.MONITOR);
      assertThat(d.policyIds()).containsExactly("shadow");
    }
    GuardedCall call = g.start(invocation().userMessage("q").build());
    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class,
        () -> call.checkOutput("a leak"));
    assertThat(e.decision().phase()).isEqualTo(Phase.OUTPUT);
    assertThat(e.decision().findingTypes()).containsExactly("KEYWORD");
  }

  @Test
  void aFailingDetectorBlocksByDefault() {
    Guardrails g = engine(BASE + """
            input: [ { detector: keyword, word: x, fail: true, action: monitor } ]
        """);
    GuardedCall call = g.start(invocation().userMessage("hello").build());
    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class, call::checkInput);
    assertThat(e.decision().error()).isTrue();
    assertThat(e.decision().reasons()).anySatisfy(r -> assertThat(r).contains("failed").contains("on-error: block"));
  }

  @Test
  void aFailingDetectorCanFailOpenPerPolicy() {
    Guardrails g = engine(BASE + """
            on-error: allow
            input: [ { detector: keyword, word: x, fail: true, action: block } ]
        """);
    try (GuardedCall call = g.start(invocation().userMessage("hello").build())) {
      assertThat(call.checkInput()).hasSize(1);
      assertThat(call.decisions().get(1).error()).isTrue();
      assertThat(call.decisions().get(1).blocks()).isFalse();
    }
  }

  @Test
  void aFailingListenerWithholdsTheResult() {
    Guardrails g = Guardrails.builder().policies(policies(BASE)).auditLog(false)
        .listener(new dev.guardrails4j.api.spi.DecisionListener() {
          @Override
          public void onAuditEvent(dev.guardrails4j.api.AuditEvent event) {
            throw new IllegalStateException("sink down");
          }
        }).build();
    GuardedCall call = g.start(invocation().userMessage("hello").build());
    call.checkInput();
    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class, call::close);
    assertThat(e.decision().error()).isTrue();
    assertThat(e.decision().reasons()).singleElement().asString().contains("audit listener");
  }

  @Test
  void toolsAreAllowedDeniedAndTheirArgumentsChecked() {
    Guardrails g = engine(BASE + """
            tools:
              allow: [lookupTicket, "search*"]
              arguments: [ { detector: keyword, word: hunter2, action: block } ]
        """);
    try (GuardedCall call = g.start(invocation().userMessage("q").build())) {
      assertThat(call.allowedTools(List.of("lookupTicket", "searchDocs", "deleteTicket")))
          .containsExactly("lookupTicket", "searchDocs");
      assertThat(call.checkToolCall(ToolCall.of("lookupTicket", "{\"id\":1}")).allowed()).isTrue();
      GuardedCall.ToolDecision denied = call.checkToolCall(ToolCall.of("deleteTicket", "{}"));
      assertThat(denied.allowed()).isFalse();
      assertThat(denied.message()).contains("deleteTicket").contains("not allowed");
      GuardedCall.ToolDecision secret = call.checkToolCall(ToolCall.of("lookupTicket", "{\"pw\":\"hunter2\"}"));
      assertThat(secret.allowed()).isFalse();
      assertThat(secret.message()).doesNotContain("hunter2");
    }
  }

  @Test
  void aToolDenyCanStopTheWholeCall() {
    Guardrails g = engine(BASE + """
            tools: { deny: [deleteTicket], on-deny: stop }
        """);
    GuardedCall call = g.start(invocation().userMessage("q").build());
    assertThatThrownBy(() -> call.checkToolCall(ToolCall.of("deleteTicket", "{}")))
        .isInstanceOf(GuardrailViolationException.class);
  }

  @Test
  void toolResultsAreRedacted() {
    Guardrails g = engine(BASE + """
            tools: { results: [ { detector: keyword, word: "555-0100", action: redact } ] }
        """);
    try (GuardedCall call = g.start(invocation().userMessage("q").build())) {
      assertThat(call.checkToolResult("lookupCustomer", "phone 555-0100")).isEqualTo("phone <KEYWORD_1>");
    }
  }

  @Test
  void contentAlreadyCheckedInTheScopeIsNotCheckedTwice() {
    Fixtures.Recorder rec = new Fixtures.Recorder();
    Guardrails g = Guardrails.builder().policies(policies(BASE + """
            input: [ { detector: keyword, word: zzz, action: monitor } ]
        """)).auditLog(false).listener(rec).build();
    try (var scope = dev.guardrails4j.api.GuardContext.builder().action("summarize").open()) {
      try (GuardedCall outer = g.start(invocation().userMessage("zzz").build())) {
        outer.checkInput();
      }
      try (GuardedCall inner = g.start(invocation().userMessage("zzz").build())) {
        inner.checkInput();
      }
    }
    assertThat(rec.decisions.stream().filter(d -> d.phase() == Phase.INPUT).toList())
        .extracting(d -> d.findings().size()).containsExactly(1, 0);
  }
}
