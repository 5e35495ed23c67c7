package dev.guardrails4j.core.policytest;

import dev.guardrails4j.core.policy.PolicyProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy test file could not be read. {@link #problems()} lists every problem found, each with
 * file, line, column and field.
 */
public class PolicyTestException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<PolicyProblem> problems;

  /**
   * Creates the exception.
   *
   * @param problems at least one problem
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public PolicyTestException(List<PolicyProblem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * Every problem found.
   *
   * @return the problems
   */
  public List<PolicyProblem> problems() {
    return problems;
  }

  private static String describe(List<PolicyProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a PolicyTestException needs at least one problem");
    }
    return "Invalid policy test file (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
        + "):\n  " + problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("\n  "));
  }
}
