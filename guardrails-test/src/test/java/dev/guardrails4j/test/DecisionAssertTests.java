package dev.guardrails4j.test;

import static dev.guardrails4j.test.GuardrailsAssertions.assertThat;
import static dev.guardrails4j.test.GuardrailsAssertions.assertThatBlocked;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.FindingAction;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DecisionAssertTests {

  static final Decision REDACTED = Decision.builder(Phase.INPUT).verdict(Verdict.ALLOW_WITH_CHANGES)
      .policy("support").finding(new Finding("pii", "EMAIL_ADDRESS", 3, 20, 0.95, 0, FindingAction.REDACT))
      .changes(1).build();
  static final Decision DENIED = Decision.builder(Phase.ACCESS).verdict(Verdict.DENY).policy("no-confidential")
      .reason("confidential content stays home").build();
  static final Decision SHADOW = Decision.builder(Phase.OUTPUT).verdict(Verdict.DENY).mode(Mode.MONITOR)
      .policy("refunds").finding(Finding.of("deny-list", "REFUND_PROMISE", 0, 5, 1.0)).build();
  static final Decision LIMITED = Decision.builder(Phase.LIMITS).verdict(Verdict.DENY).policy("rate")
      .retryAfter(Duration.ofSeconds(30)).build();

  @Test
  void passesWhenTheDecisionIsAsDescribed() {
    assertThat(REDACTED).isAllowedWithChanges().inPhase(Phase.INPUT).byPolicy("support").hasFinding("EMAIL_ADDRESS")
        .hasFinding("pii", "EMAIL_ADDRESS").hasChanges(1).isEnforced().isNotError()
        .findings().extracting(Finding::action).containsExactly(FindingAction.REDACT);
    assertThat(DENIED).isDenied().blocks().inPhase(Phase.ACCESS).hasNoFindings()
        .hasReasonContaining("stays home");
    assertThat(SHADOW).isDenied().isMonitored().hasFindings("REFUND_PROMISE").byPolicy("refunds");
    assertThat(LIMITED).isDenied().hasRetryAfter().hasRetryAfter(Duration.ofSeconds(30));
    assertThat(Decision.builder(Phase.TOOL).build()).isAllowed().hasNoFindings();
  }

  @Test
  void failsWithTheWholeDecisionDescribed() {
    assertThatThrownBy(() -> assertThat(REDACTED).isDenied())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting decision to be DENY but was ALLOW_WITH_CHANGES")
        .hasMessageContaining("INPUT ALLOW_WITH_CHANGES (ENFORCE) by [support] with findings [EMAIL_ADDRESS]");
  }

  @Test
  void failsOnAMissingPolicyFindingOrPhase() {
    assertThatThrownBy(() -> assertThat(DENIED).byPolicy("other"))
        .hasMessageContaining("Expecting decision by policy other but it was decided by [no-confidential]");
    assertThatThrownBy(() -> assertThat(REDACTED).hasFinding("CREDIT_CARD"))
        .hasMessageContaining("Expecting a finding of type CREDIT_CARD but found [EMAIL_ADDRESS]");
    assertThatThrownBy(() -> assertThat(REDACTED).inPhase(Phase.OUTPUT))
        .hasMessageContaining("Expecting decision in phase OUTPUT but was in INPUT");
    assertThatThrownBy(() -> assertThat(REDACTED).hasNoFindings()).hasMessageContaining("Expecting no findings");
  }

  @Test
  void aMonitoredDenialDoesNotBlock() {
    assertThatThrownBy(() -> assertThat(SHADOW).blocks())
        .hasMessageContaining("Expecting decision to block the call but it does not");
    assertThatThrownBy(() -> assertThat(DENIED).isMonitored()).hasMessageContaining("Expecting decision mode MONITOR");
  }

  @Test
  void failsWhenNoRetryDelayIsGiven() {
    assertThatThrownBy(() -> assertThat(DENIED).hasRetryAfter()).hasMessageContaining("Expecting a retry-after delay");
    assertThatThrownBy(() -> assertThat(LIMITED).hasRetryAfter(Duration.ofSeconds(5)))
        .hasMessageContaining("Expecting retry-after PT5S but was PT30S");
  }

  @Test
  void assertsOnTheDecisionThatBlockedTheCode() {
    assertThatBlocked(() -> {
      throw new GuardrailViolationException(DENIED);
    }).isDenied().inPhase(Phase.ACCESS).byPolicy("no-confidential");
    assertThatThrownBy(() -> assertThatBlocked(() -> { }))
        .hasMessage("Expecting a GuardrailViolationException but nothing was thrown");
    assertThatThrownBy(() -> assertThatBlocked(() -> {
      throw new IllegalStateException("other");
    })).hasMessageContaining("but caught java.lang.IllegalStateException: other");
  }

  @Test
  void failsOnANullDecision() {
    assertThatThrownBy(() -> assertThat((Decision) null).isAllowed()).hasMessageContaining("Expecting actual not to be null");
  }
}
