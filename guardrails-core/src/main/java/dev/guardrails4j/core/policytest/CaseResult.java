package dev.guardrails4j.core.policytest;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Phase;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one policy test case: what each phase decided and how that differs from what the
 * case expected.
 *
 * @param testCase the case
 * @param outcomes every phase of the last call, in order (one per tool call)
 * @param failures one line per unmet expectation, {@code PHASE: expected X, got Y}; empty when the
 *     case passed
 */
public record CaseResult(PolicyTestCase testCase, List<PhaseOutcome> outcomes, List<String> failures) {

  /** Validates and copies. */
  public CaseResult {
    Objects.requireNonNull(testCase, "testCase");
    outcomes = List.copyOf(outcomes);
    failures = List.copyOf(failures);
  }

  /**
   * Whether every expectation was met.
   *
   * @return true if the case passed
   */
  public boolean passed() {
    return failures.isEmpty();
  }

  /**
   * What happened, phase by phase, on one line.
   *
   * @return for example {@code access: allow by [p]; input: allow-with-changes ...}
   */
  public String describeOutcomes() {
    StringJoiner j = new StringJoiner("; ");
    for (PhaseOutcome o : outcomes) {
      j.add(o.label() + ": " + o.describe());
    }
    return j.toString();
  }

  /**
   * What one phase did.
   *
   * @param phase the phase
   * @param label how reports name it: the phase, or {@code tool NAME} for a tool call
   * @param ran whether the phase ran (an earlier phase may have stopped the call)
   * @param decision its decision; {@code null} when it did not run or ran without anything to
   *     check (no policy has checks for it), which counts as an allow
   */
  public record PhaseOutcome(Phase phase, String label, boolean ran, @Nullable Decision decision) {

    /** Validates. */
    public PhaseOutcome {
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(label, "label");
      if (!ran && decision != null) {
        throw new IllegalArgumentException("a phase that did not run has no decision");
      }
    }

    /**
     * The outcome in the words of a test file.
     *
     * @return for example {@code deny (enforce) by [p1] with findings [EMAIL_ADDRESS]}
     */
    public String describe() {
      if (!ran) {
        return "not-run";
      }
      if (decision == null) {
        return "allow (nothing to check)";
      }
      StringBuilder sb = new StringBuilder(Expectation.name(decision.verdict()));
      sb.append(" (").append(Expectation.name(decision.mode())).append(')');
      if (!decision.policyIds().isEmpty()) {
        sb.append(" by ").append(decision.policyIds());
      }
      sb.append(decision.findings().isEmpty() ? " with no findings" : " with findings " + decision.findingTypes());
      if (decision.retryAfter() != null) {
        sb.append(" with retry-after ").append(decision.retryAfter().toSeconds()).append(" s");
      }
      if (decision.error()) {
        sb.append(" after an error");
      }
      return sb.toString();
    }
  }
}
