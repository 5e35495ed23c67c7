package dev.guardrails4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.api.spi.DecisionListener;
import dev.guardrails4j.core.limit.Limiter;
import dev.guardrails4j.core.policy.PolicySet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Guardrails#startChecks} and {@link Guardrails#allowedTools}, used by tool adapters. */
class ChecksOutsideModelCallsTests {

  static final String POLICY = """
      version: 1
      policies:
        - id: support
          match: { user: { roles: [support] }, model: ["openai:*"] }
          access: allow
          tools: { allow: [lookupOrder] }
          limits: { requests: 1/1h per user }
      """;

  private final List<AuditEvent> audits = new CopyOnWriteArrayList<>();
  private final AtomicInteger acquired = new AtomicInteger();
  /** Counts acquisitions and refuses the second, like a limit of one request. */
  private final Limiter limiter = (invocation, rules, tokens) -> acquired.incrementAndGet() == 1
      ? new Limiter.Outcome(List.of(), Limiter.Reservation.NONE)
      : new Limiter.Outcome(List.of(new Limiter.Violation(rules.get(0), "u1", null)), Limiter.Reservation.NONE);
  private final Guardrails guardrails = Guardrails.builder().policies(PolicySet.parse("p.yaml", POLICY))
      .limiter(limiter).auditLog(false).listener(new DecisionListener() {
        @Override
        public void onAuditEvent(AuditEvent event) {
          audits.add(event);
        }
      }).build();

  private static Invocation invocation(String role) {
    return Invocation.builder(Caller.of(Workload.of("svc"), User.builder("u1").roles(role).build()),
        ModelRef.of("openai", "gpt-4o")).tools("lookupOrder").build();
  }

  @Test
  void startChecksEvaluatesAccessButTakesNoLimits() {
    guardrails.start(invocation("support")).close();

    for (int i = 0; i < 3; i++) {
      guardrails.startChecks(invocation("support")).close();
    }

    assertThat(acquired).hasValue(1);
    assertThatThrownBy(() -> guardrails.start(invocation("support")))
        .isInstanceOfSatisfying(GuardrailViolationException.class,
            e -> assertThat(e.decision().phase()).isEqualTo(Phase.LIMITS));
    assertThatThrownBy(() -> guardrails.startChecks(invocation("intern")))
        .isInstanceOfSatisfying(GuardrailViolationException.class,
            e -> assertThat(e.decision().phase()).isEqualTo(Phase.ACCESS));
  }

  @Test
  void allowedToolsDecidesWithoutStartingACall() {
    List<String> allowed = guardrails.allowedTools(invocation("support"), List.of("lookupOrder", "deleteAccount"));

    assertThat(allowed).containsExactly("lookupOrder");
    assertThat(audits).isEmpty();
    assertThat(acquired).hasValue(0);
  }
}
