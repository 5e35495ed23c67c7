package dev.guardrails4j.api;

import java.util.Objects;

/**
 * Thrown when a guardrail stops a call. The {@link #decision()} says which phase, which policies
 * and which finding types; the message never contains prompt or answer text.
 */
public class GuardrailViolationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Decision decision;

  /**
   * Creates the exception.
   *
   * @param decision the blocking decision
   */
  public GuardrailViolationException(Decision decision) {
    super(describe(Objects.requireNonNull(decision, "decision")));
    this.decision = decision;
  }

  /**
   * The decision that stopped the call.
   *
   * @return the decision
   */
  public Decision decision() {
    return decision;
  }

  private static String describe(Decision d) {
    StringBuilder sb = new StringBuilder("Guardrails denied the call in phase ")
        .append(d.phase());
    if (!d.policyIds().isEmpty()) {
      sb.append(" by policy ").append(String.join(", ", d.policyIds()));
    }
    if (!d.reasons().isEmpty()) {
      sb.append(": ").append(String.join("; ", d.reasons()));
    }
    if (!d.findings().isEmpty()) {
      sb.append(" (findings: ").append(String.join(", ", d.findingTypes())).append(')');
    }
    d.findRetryAfter().ifPresent(r -> sb.append(" (retry after ").append(r.toMillis()).append(" ms)"));
    sb.append(" [decision ").append(d.id()).append(']');
    return sb.toString();
  }
}
