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
    this("policy", problems);
  }

  /**
   * Creates the exception for another kind of file with problems.
   *
   * @param what what was invalid, for the message: {@code "Invalid <what> (2 problems): ..."}
   * @param problems at least one problem
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  protected PolicyException(String what, List<PolicyProblem> problems) {
    super(describe(what, problems));
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

  private static String describe(String what, List<PolicyProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an exception for an invalid " + what + " needs at least one problem");
    }
    return "Invalid " + what + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
        + "):\n  " + problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("\n  "));
  }
}
