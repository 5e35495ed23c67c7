package dev.guardrails4j.core;

import static dev.guardrails4j.core.testing.Fixtures.invocation;
import static dev.guardrails4j.core.testing.Fixtures.policies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.Verdict;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A pattern within the program-size limit can still cost far more than its text is worth: {@code
 * (a{1,100}){1,90}b} compiles to about 9,000 instructions, and RE2/J's cost per character grows
 * with the program, so 256 KiB of {@code a} would take minutes. The check budget stops it.
 */
class CheckBudgetTests {

  static final String COSTLY = "(a{1,100}){1,90}b";
  static final String TEXT = "a".repeat(256 * 1024);

  static Guardrails engine(String onError, CheckBudget budget) {
    return Guardrails.builder().auditLog(false).checkBudget(budget).policies(policies("""
        version: 1
        policies:
          - id: p
            access: allow
            on-error: %s
            input: [ { detector: pattern, type: RUNAWAY, pattern: '%s', action: block } ]
        """.formatted(onError, COSTLY))).build();
  }

  static final CheckBudget SHORT = CheckBudget.of(Duration.ofMillis(1), Duration.ofMillis(50), Duration.ofMillis(200));

  @Test
  void aRunawayPatternIsStoppedAndBlocksUnderOnErrorBlock() {
    Guardrails g = engine("block", SHORT);
    GuardedCall call = g.start(invocation().userMessage(TEXT).build());
    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class, call::checkInput);
    Decision d = e.decision();
    assertThat(d.phase()).isEqualTo(Phase.INPUT);
    assertThat(d.verdict()).isEqualTo(Verdict.DENY);
    assertThat(d.error()).isTrue();
    assertThat(d.reasons()).anySatisfy(r -> assertThat(r)
        .isEqualTo("detector 'pattern' ran out of its time budget of 200 ms; blocked by on-error: block"));
    assertThat(d.policyIds()).containsExactly("p");
  }

  @Test
  void underOnErrorAllowTheCallGoesOnAndTheDecisionSaysWhichDetectorRanOut() {
    Guardrails g = engine("allow", SHORT);
    try (GuardedCall call = g.start(invocation().userMessage(TEXT).build())) {
      assertThat(call.checkInput().get(0).text()).isEqualTo(TEXT);
      Decision d = call.decisions().get(1);
      assertThat(d.verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(d.error()).isTrue();
      assertThat(d.reasons()).containsExactly(
          "detector 'pattern' ran out of its time budget of 200 ms; ignored by on-error: allow");
    }
  }

  @Test
  void theDefaultBudgetFreesTheThreadSoAnExecutorShutsDownWithoutWaitingOnTheCheck() throws Exception {
    Guardrails g = engine("block", CheckBudget.DEFAULT);
    ExecutorService requests = Executors.newFixedThreadPool(2);
    CompletableFuture<Decision> first = CompletableFuture.supplyAsync(() -> blockedDecision(g), requests);
    CompletableFuture<Decision> second = CompletableFuture.supplyAsync(() -> blockedDecision(g), requests);
    // graceful shutdown: no new work, wait for what is running; the default ceiling is 2 s
    requests.shutdown();
    assertThat(requests.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.get().reasons()).anySatisfy(r -> assertThat(r).contains("ran out of its time budget of 512 ms"));
    assertThat(second.get().error()).isTrue();
  }

  private static Decision blockedDecision(Guardrails g) {
    GuardedCall call = g.start(invocation().userMessage(TEXT).build());
    return catchThrowableOfType(GuardrailViolationException.class, call::checkInput).decision();
  }

  @Test
  void ordinaryPatternsOnOrdinaryTextAreUntouchedByTheBudget() {
    Guardrails g = Guardrails.builder().auditLog(false).checkBudget(SHORT).policies(policies("""
        version: 1
        policies:
          - id: p
            access: allow
            input: [ { detector: pattern, type: TICKET, pattern: 'TCK-[0-9]{6}', action: redact } ]
        """)).build();
    try (GuardedCall call = g.start(invocation().userMessage("see TCK-123456 and " + "b".repeat(100_000)).build())) {
      assertThat(call.checkInput().get(0).text()).startsWith("see <TICKET_1> and bbb");
      assertThat(call.decisions().get(1).error()).isFalse();
    }
  }

  @Test
  void aBudgetIsTheTimePerKibBetweenItsMinimumAndCeiling() {
    CheckBudget b = CheckBudget.of(Duration.ofMillis(2), Duration.ofMillis(100), Duration.ofSeconds(2));
    assertThat(b.nanosFor(0)).isEqualTo(Duration.ofMillis(100).toNanos());
    assertThat(b.nanosFor(100 * 1024)).isEqualTo(Duration.ofMillis(200).toNanos());
    assertThat(b.nanosFor(100 * 1024 + 1)).isEqualTo(Duration.ofMillis(202).toNanos());
    assertThat(b.nanosFor(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2).toNanos());
    assertThat(CheckBudget.DEFAULT).isEqualTo(b);
    assertThat(CheckBudget.DEFAULT.nanosFor(256 * 1024)).isEqualTo(Duration.ofMillis(512).toNanos());
  }

  @Test
  void aBudgetOutOfRangeNamesTheArgument() {
    assertThatThrownBy(() -> CheckBudget.of(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(1)))
        .hasMessage("check budget per KiB must be positive, was PT0S");
    assertThatThrownBy(() -> CheckBudget.of(Duration.ofMillis(1), Duration.ofMillis(-1), Duration.ofMillis(1)))
        .hasMessage("check budget minimum must be positive, was PT-0.001S");
    assertThatThrownBy(() -> CheckBudget.of(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(5)))
        .hasMessage("check budget ceiling PT0.005S is below its minimum PT0.01S");
    assertThatThrownBy(() -> Guardrails.builder().checkBudget(SHORT).checkBudget(SHORT))
        .hasMessageContaining("checkBudget");
  }
}
