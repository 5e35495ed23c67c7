package dev.guardrails4j.core.policytest;

import dev.guardrails4j.core.policy.PolicyException;
import dev.guardrails4j.core.policy.PolicyProblem;
import java.util.List;

/**
 * A policy test file could not be read. {@link #problems()} lists every problem found, each with
 * file, line, column and field. A {@link PolicyException} of its own kind, so that tools can
 * report both the same way and still tell them apart.
 */
public class PolicyTestException extends PolicyException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param problems at least one problem
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public PolicyTestException(List<PolicyProblem> problems) {
    super("policy test file", problems);
  }
}
