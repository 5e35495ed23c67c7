package dev.guardrails4j.core.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy set could not be loaded. {@link #problems()} lists every problem found, each with file,
 * line, column and field.
 */
public class PolicyException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<PolicyProblem> problems;

  /**
   * Creates the exception.
   *
   * @param problems at least one problem
   */
  public PolicyException(List<PolicyProblem> problems) {
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
      throw new IllegalArgumentException("a PolicyException needs at least one problem");
    }
    return "Invalid policy (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
        + "):\n  " + problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("\n  "));
  }
}
