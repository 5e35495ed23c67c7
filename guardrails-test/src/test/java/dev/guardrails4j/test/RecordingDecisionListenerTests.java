package dev.guardrails4j.test;

import static dev.guardrails4j.test.GuardrailsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.PolicySet;
import dev.guardrails4j.testsupport.KeywordDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RecordingDecisionListenerTests {

  static final String POLICY = """
      version: 1
      policies:
        - id: analysts
          match: { user: { roles: [analyst] }, action: [summarize] }
          access: allow
          input: [ { detector: word, word: secret, action: redact } ]
          output: [ { detector: word, word: leak, action: block } ]
      """;

  RecordingDecisionListener recorder = new RecordingDecisionListener();
  Guardrails engine = Guardrails.builder().auditLog(false).listener(recorder)
      .policies(PolicySet.parse(List.of(new PolicyDocument("p.yaml", POLICY)),
          DetectorCatalog.builtIn().with(new KeywordDetectorFactory("word", "WORD"))))
      .build();

  static Invocation call(String role, String text) {
    return Invocation.builder(Caller.of(Workload.of("svc"), User.builder("u").roles(role).build()),
        ModelRef.of("openai", "gpt-4o")).action("summarize").userMessage(text).build();
  }

  @Test
  void recordsEveryDecisionAndTheAuditEventOfACall() {
    try (GuardedCall c = engine.start(call("analyst", "my secret"))) {
      c.checkInput();
      c.checkOutput("fine");
    }
    assertThat(recorder.decisions()).extracting(d -> d.phase()).containsExactly(Phase.ACCESS, Phase.INPUT, Phase.OUTPUT);
    assertThat(recorder.lastDecision(Phase.INPUT).orElseThrow()).isAllowedWithChanges().hasFinding("WORD");
    assertThat(recorder.lastDecision().orElseThrow()).inPhase(Phase.OUTPUT).isAllowed();
    assertThat(recorder.invocations()).hasSize(3).allSatisfy(i -> assertThat(i.action()).isEqualTo("summarize"));
    assertThat(recorder.auditEvents()).singleElement()
        .satisfies(e -> assertThat(e.outcome()).isEqualTo(Verdict.ALLOW_WITH_CHANGES));
  }

  @Test
  void recordsTheDecisionThatBlocked() {
    GuardedCall c = engine.start(call("analyst", "hello"));
    c.checkInput();
    try {
      c.checkOutput("a leak");
    } catch (GuardrailViolationException e) {
      // expected: the recorder saw it
    }
    assertThat(recorder.lastDecision(Phase.OUTPUT).orElseThrow()).isDenied().blocks().byPolicy("analysts");
    assertThat(recorder.lastAuditEvent().orElseThrow().outcome()).isEqualTo(Verdict.DENY);
  }

  @Test
  void clearForgetsEverything() {
    try (GuardedCall c = engine.start(call("analyst", "hello"))) {
      c.checkInput();
    }
    recorder.clear();
    assertThat(recorder.decisions()).isEmpty();
    assertThat(recorder.auditEvents()).isEmpty();
    assertThat(recorder.lastDecision()).isEmpty();
    assertThat(recorder.lastAuditEvent()).isEmpty();
  }

  @Test
  void recordsCallsFromManyThreads() throws Exception {
    int threads = 4;
    int calls = 250;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < calls; i++) {
            try (GuardedCall c = engine.start(call("analyst", "secret " + i))) {
              c.checkInput();
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(recorder.decisions()).hasSize(threads * calls * 2);
    assertThat(recorder.decisions(Phase.INPUT)).hasSize(threads * calls)
        .allSatisfy(d -> assertThat(d.verdict()).isEqualTo(Verdict.ALLOW_WITH_CHANGES));
    assertThat(recorder.auditEvents()).hasSize(threads * calls);
    assertThat(recorder.invocations()).hasSize(threads * calls * 2);
  }
}
