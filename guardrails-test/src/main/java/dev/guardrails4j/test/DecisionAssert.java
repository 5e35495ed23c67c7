package dev.guardrails4j.test;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.Verdict;
import java.time.Duration;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/**
 * Assertions for a {@link Decision}. Start with {@link GuardrailsAssertions#assertThat(Decision)}:
 *
 * <pre>{@code
 * assertThat(decision).isDenied().inPhase(Phase.INPUT).byPolicy("no-secrets").hasFinding("AWS_ACCESS_KEY");
 * }</pre>
 *
 * Every failure message names the decision's phase, verdict, mode, policies and finding types,
 * never content (decisions hold none).
 */
public final class DecisionAssert extends AbstractAssert<DecisionAssert, Decision> {

  DecisionAssert(Decision actual) {
    super(actual, DecisionAssert.class);
  }

  /**
   * Verifies the verdict is {@link Verdict#ALLOW}.
   *
   * @return this
   */
  public DecisionAssert isAllowed() {
    return hasVerdict(Verdict.ALLOW);
  }

  /**
   * Verifies the verdict is {@link Verdict#ALLOW_WITH_CHANGES} (for example after redactions).
   *
   * @return this
   */
  public DecisionAssert isAllowedWithChanges() {
    return hasVerdict(Verdict.ALLOW_WITH_CHANGES);
  }

  /**
   * Verifies the verdict is {@link Verdict#DENY}, enforced or monitored.
   *
   * @return this
   */
  public DecisionAssert isDenied() {
    return hasVerdict(Verdict.DENY);
  }

  /**
   * Verifies the verdict.
   *
   * @param verdict the expected verdict
   * @return this
   */
  public DecisionAssert hasVerdict(Verdict verdict) {
    Objects.requireNonNull(verdict, "verdict");
    isNotNull();
    if (actual.verdict() != verdict) {
      failWithMessage("%nExpecting decision to be %s but was %s:%n  %s", verdict, actual.verdict(), describe());
    }
    return this;
  }

  /**
   * Verifies the decision stops the call: a denial in {@link Mode#ENFORCE}.
   *
   * @return this
   */
  public DecisionAssert blocks() {
    isNotNull();
    if (!actual.blocks()) {
      failWithMessage("%nExpecting decision to block the call but it does not:%n  %s", describe());
    }
    return this;
  }

  /**
   * Verifies the decision is in shadow mode: recorded, not enforced.
   *
   * @return this
   */
  public DecisionAssert isMonitored() {
    return hasMode(Mode.MONITOR);
  }

  /**
   * Verifies the decision is enforced.
   *
   * @return this
   */
  public DecisionAssert isEnforced() {
    return hasMode(Mode.ENFORCE);
  }

  private DecisionAssert hasMode(Mode mode) {
    isNotNull();
    if (actual.mode() != mode) {
      failWithMessage("%nExpecting decision mode %s but was %s:%n  %s", mode, actual.mode(), describe());
    }
    return this;
  }

  /**
   * Verifies the phase.
   *
   * @param phase the expected phase
   * @return this
   */
  public DecisionAssert inPhase(Phase phase) {
    Objects.requireNonNull(phase, "phase");
    isNotNull();
    if (actual.phase() != phase) {
      failWithMessage("%nExpecting decision in phase %s but was in %s:%n  %s", phase, actual.phase(), describe());
    }
    return this;
  }

  /**
   * Verifies every given policy is among the policies that decided.
   *
   * @param policyIds policy ids
   * @return this
   */
  public DecisionAssert byPolicy(String... policyIds) {
    isNotNull();
    for (String id : policyIds) {
      if (!actual.policyIds().contains(id)) {
        failWithMessage("%nExpecting decision by policy %s but it was decided by %s:%n  %s", id,
            actual.policyIds(), describe());
      }
    }
    return this;
  }

  /**
   * Verifies a finding of the given type is present.
   *
   * @param type a finding type such as {@code EMAIL_ADDRESS}
   * @return this
   */
  public DecisionAssert hasFinding(String type) {
    Objects.requireNonNull(type, "type");
    isNotNull();
    if (!actual.findingTypes().contains(type)) {
      failWithMessage("%nExpecting a finding of type %s but found %s:%n  %s", type, actual.findingTypes(), describe());
    }
    return this;
  }

  /**
   * Verifies a finding of the given detector and type is present.
   *
   * @param detector the detector name, for example {@code pii}
   * @param type the finding type
   * @return this
   */
  public DecisionAssert hasFinding(String detector, String type) {
    isNotNull();
    for (Finding f : actual.findings()) {
      if (f.detector().equals(detector) && f.type().equals(type)) {
        return this;
      }
    }
    failWithMessage("%nExpecting a finding %s/%s but found %s:%n  %s", detector, type,
        actual.findings().stream().map(f -> f.detector() + "/" + f.type()).toList(), describe());
    return this;
  }

  /**
   * Verifies findings of every given type are present.
   *
   * @param types finding types
   * @return this
   */
  public DecisionAssert hasFindings(String... types) {
    for (String t : types) {
      hasFinding(t);
    }
    return this;
  }

  /**
   * Verifies there are no findings.
   *
   * @return this
   */
  public DecisionAssert hasNoFindings() {
    isNotNull();
    if (!actual.findings().isEmpty()) {
      failWithMessage("%nExpecting no findings but found %s:%n  %s", actual.findingTypes(), describe());
    }
    return this;
  }

  /**
   * Verifies how many spans were changed.
   *
   * @param changes the expected count
   * @return this
   */
  public DecisionAssert hasChanges(int changes) {
    isNotNull();
    if (actual.changes() != changes) {
      failWithMessage("%nExpecting %s changes but there were %s:%n  %s", changes, actual.changes(), describe());
    }
    return this;
  }

  /**
   * Verifies the decision says when a retry may succeed (limits).
   *
   * @return this
   */
  public DecisionAssert hasRetryAfter() {
    isNotNull();
    if (actual.retryAfter() == null) {
      failWithMessage("%nExpecting a retry-after delay but there is none:%n  %s", describe());
    }
    return this;
  }

  /**
   * Verifies the retry delay.
   *
   * @param retryAfter the expected delay
   * @return this
   */
  public DecisionAssert hasRetryAfter(Duration retryAfter) {
    hasRetryAfter();
    if (!actual.retryAfter().equals(retryAfter)) {
      failWithMessage("%nExpecting retry-after %s but was %s:%n  %s", retryAfter, actual.retryAfter(), describe());
    }
    return this;
  }

  /**
   * Verifies one of the reasons contains a text.
   *
   * @param text the text
   * @return this
   */
  public DecisionAssert hasReasonContaining(String text) {
    Objects.requireNonNull(text, "text");
    isNotNull();
    for (String r : actual.reasons()) {
      if (r.contains(text)) {
        return this;
      }
    }
    failWithMessage("%nExpecting a reason containing %s but the reasons were %s", text, actual.reasons());
    return this;
  }

  /**
   * Verifies the verdict comes from a failure (a detector threw, a limiter failed).
   *
   * @return this
   */
  public DecisionAssert isError() {
    isNotNull();
    if (!actual.error()) {
      failWithMessage("%nExpecting a decision that comes from a failure but it does not:%n  %s", describe());
    }
    return this;
  }

  /**
   * Verifies the verdict does not come from a failure.
   *
   * @return this
   */
  public DecisionAssert isNotError() {
    isNotNull();
    if (actual.error()) {
      failWithMessage("%nExpecting a decision from policy, not from a failure:%n  %s (reasons %s)", describe(),
          actual.reasons());
    }
    return this;
  }

  /**
   * Continues with assertions on the findings.
   *
   * @return a list assertion
   */
  public ListAssert<Finding> findings() {
    isNotNull();
    return Assertions.assertThat(actual.findings());
  }

  private String describe() {
    return actual.phase() + " " + actual.verdict() + " (" + actual.mode() + ") by " + actual.policyIds()
        + " with findings " + actual.findingTypes() + (actual.error() ? " after an error" : "");
  }
}
