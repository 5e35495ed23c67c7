package dev.guardrails4j.core.policytest;

import dev.guardrails4j.core.policy.PolicyProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one policy test file.
 *
 * @param file the test file
 * @param problems why the test file or its policy files could not be loaded; empty when they were
 * @param cases the result of every case, in file order (empty when there are problems)
 */
public record PolicyTestResult(Path file, List<PolicyProblem> problems, List<CaseResult> cases) {

  /** Validates and copies. */
  public PolicyTestResult {
    Objects.requireNonNull(file, "file");
    problems = List.copyOf(problems);
    cases = List.copyOf(cases);
  }

  /**
   * How many cases passed.
   *
   * @return the count
   */
  public int passed() {
    return (int) cases.stream().filter(CaseResult::passed).count();
  }

  /**
   * How many cases failed; a file that could not be loaded counts as one failure.
   *
   * @return the count
   */
  public int failed() {
    return cases.size() - passed() + (problems.isEmpty() ? 0 : 1);
  }
}
