package dev.guardrails4j.core.policytest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.limit.LimitRule;
import dev.guardrails4j.core.limit.Limiter;
import dev.guardrails4j.testsupport.KeywordDetectorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTestRunnerTests {

  static final String POLICY = """
      version: 1
      policies:
        - id: analysts
          match: { user: { roles: [analyst] }, model: ["openai:*"], action: [summarize] }
          access: allow
          input:
            - { detector: keyword, word: secret, action: redact }
            - { detector: keyword, word: attack, action: block }
          output:
            - { detector: keyword, word: leak, action: block }
          tools: { allow: [lookupTicket] }
          limits: { requests: 2/1m per user }
        - id: shadow-watch
          match: { action: [summarize] }
          mode: monitor
          input:
            - { detector: keyword, word: weird, action: block }
        - id: no-confidential
          match: { data: [confidential] }
          access: deny
          reason: confidential data stays home
      """;

  static final String HEADER = """
      policy-files: [policy.yaml]
      defaults:
        workload: svc
        user: { subject: u1, roles: [analyst] }
        model: openai:gpt-4o
        action: summarize
      cases:
      """;

  @TempDir
  Path dir;

  PolicyTestRunner runner = PolicyTestRunner.using(DetectorCatalog.builtIn().with(new KeywordDetectorFactory()))
      .withEngine(b -> b.limiter(new CountingLimiter()));

  /** Counts requests per rule for one engine; a rule's amount is how many calls pass. */
  static final class CountingLimiter implements Limiter {
    private final Map<LimitRule, Integer> counts = new HashMap<>();

    @Override
    public Outcome acquire(Invocation invocation, List<LimitRule> rules, long estimatedTokens) {
      List<Violation> violations = new ArrayList<>();
      for (LimitRule r : rules) {
        int n = counts.merge(r, 1, Integer::sum);
        if (r.kind() == LimitRule.Kind.REQUESTS && n > r.amount()) {
          violations.add(new Violation(r, "user", r.period()));
        }
      }
      return new Outcome(violations, Reservation.NONE);
    }
  }

  @BeforeEach
  void writePolicy() throws IOException {
    Files.writeString(dir.resolve("policy.yaml"), POLICY);
  }

  PolicyTestResult run(String cases) throws IOException {
    Path file = dir.resolve("policy.test.yaml");
    Files.writeString(file, HEADER + cases);
    return runner.run(file);
  }

  @Test
  void passesWhenEveryPhaseDecidesAsExpected() throws IOException {
    PolicyTestResult r = run("""
          - name: redacts a secret
            messages: ["my secret is here"]
            answer: all fine
            tool-calls: [ { name: lookupTicket, arguments: { id: 7 } } ]
            expect:
              access: { verdict: allow, policies: [analysts] }
              limits: allow
              input: { verdict: allow-with-changes, policies: [analysts], findings: [KEYWORD] }
              output: { verdict: allow, findings: [] }
              tool: allow
      """);
    assertThat(r.problems()).isEmpty();
    assertThat(r.cases()).singleElement().satisfies(c -> {
      assertThat(c.failures()).isEmpty();
      assertThat(c.outcomes()).extracting(CaseResult.PhaseOutcome::label)
          .containsExactly("access", "limits", "input", "output", "tool lookupTicket");
    });
    assertThat(r.passed()).isEqualTo(1);
    assertThat(r.failed()).isZero();
  }

  @Test
  void reportsExpectedAndActualWhenAPhaseDiffers() throws IOException {
    PolicyTestResult r = run("""
          - name: wrongly expects a block
            messages: ["my secret is here"]
            expect: { input: { verdict: deny, findings: [KEYWORD] } }
      """);
    assertThat(r.cases()).singleElement().satisfies(c -> {
      assertThat(c.passed()).isFalse();
      assertThat(c.failures()).containsExactly("input: expected deny with findings [KEYWORD], got "
          + "allow-with-changes (enforce) by [analysts] with findings [KEYWORD]");
    });
    assertThat(r.failed()).isEqualTo(1);
  }

  @Test
  void phasesAfterABlockDoNotRun() throws IOException {
    PolicyTestResult r = run("""
          - name: an attack stops the call
            messages: ["an attack"]
            answer: never checked
            tool-calls: [lookupTicket]
            expect:
              input: { verdict: deny, mode: enforce, policies: [analysts] }
              output: not-run
              tool: not-run
          - name: a denied caller reaches no check
            user: { subject: u2, roles: [intern] }
            messages: ["an attack"]
            expect: { access: { verdict: deny, reason: "no policy allows" }, limits: not-run, input: not-run }
      """);
    assertThat(r.cases()).allSatisfy(c -> assertThat(c.failures()).isEmpty());
  }

  @Test
  void expectingAPhaseThatDidNotRunFails() throws IOException {
    PolicyTestResult r = run("""
          - name: confidential data is denied
            data: [confidential]
            messages: ["hello"]
            expect: { access: { verdict: deny, policies: [no-confidential] }, input: allow }
      """);
    assertThat(r.cases().get(0).failures()).containsExactly("input: expected allow, got not-run");
  }

  @Test
  void monitorModeDenialsAreVisibleButDoNotBlock() throws IOException {
    PolicyTestResult r = run("""
          - name: shadow policy would deny
            messages: ["something weird"]
            answer: ok
            expect:
              input: { verdict: deny, mode: monitor, policies: [shadow-watch], findings: [KEYWORD] }
              output: allow
      """);
    assertThat(r.cases().get(0).failures()).isEmpty();
  }

  @Test
  void repeatedCallsReachTheLimit() throws IOException {
    PolicyTestResult r = run("""
          - name: the third call in a minute is refused
            repeat: 3
            messages: ["hello"]
            expect:
              limits: { verdict: deny, policies: [analysts], retry-after: true }
              input: not-run
      """);
    assertThat(r.cases().get(0).failures()).isEmpty();
  }

  @Test
  void toolCallsHaveTheirOwnExpectations() throws IOException {
    PolicyTestResult r = run("""
          - name: only lookupTicket is allowed
            messages: ["hello"]
            tool-calls:
              - { name: lookupTicket, expect: allow }
              - { name: deleteTicket, expect: { verdict: deny, reason: "not allowed" } }
            expect: { tool: deny }
      """);
    assertThat(r.cases().get(0).failures()).isEmpty();
  }

  @Test
  void aBrokenPolicyFileIsAProblemOfTheTestFile() throws IOException {
    Files.writeString(dir.resolve("policy.yaml"), "version: 2\npolicies: []\n");
    PolicyTestResult r = run("""
          - name: anything
            expect: { access: allow }
      """);
    assertThat(r.cases()).isEmpty();
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).endsWith("policy.yaml");
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.message()).contains("unsupported version");
    });
    assertThat(r.failed()).isEqualTo(1);
  }

  @Test
  void aMissingPolicyFileIsAProblemOfTheTestFile() throws IOException {
    Files.delete(dir.resolve("policy.yaml"));
    PolicyTestResult r = run("""
          - name: anything
            expect: { access: allow }
      """);
    assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("not found"));
  }

  @Test
  void anEngineFailureFailsTheCaseWithoutStoppingTheOthers() throws IOException {
    Files.writeString(dir.resolve("policy.yaml"), """
        version: 1
        policies:
          - id: fragile
            access: allow
            on-error: block
            input: [ { detector: keyword, word: x, fail: true, action: block } ]
        """);
    PolicyTestResult r = run("""
          - name: the detector fails closed
            messages: ["hello"]
            expect: { input: deny }
          - name: a failing detector is not an allow
            messages: ["hello"]
            expect: { input: allow }
      """);
    assertThat(r.cases()).extracting(CaseResult::passed).containsExactly(true, false);
    assertThat(r.cases().get(1).outcomes()).filteredOn(o -> o.phase() == Phase.INPUT)
        .singleElement().satisfies(o -> assertThat(o.describe()).contains("after an error"));
  }
}
