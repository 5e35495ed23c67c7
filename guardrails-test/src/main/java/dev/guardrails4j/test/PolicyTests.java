package dev.guardrails4j.test;

import dev.guardrails4j.core.policy.PolicyException;
import dev.guardrails4j.core.policy.PolicyProblem;
import dev.guardrails4j.core.policy.PolicySet;
import dev.guardrails4j.core.policytest.CaseResult;
import dev.guardrails4j.core.policytest.PolicyTestException;
import dev.guardrails4j.core.policytest.PolicyTestFile;
import dev.guardrails4j.core.policytest.PolicyTestRunner;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Runs policy test files (the format of {@code guardrails test}) as JUnit tests, one dynamic test
 * per case, so that policies are tested in the application's own build:
 *
 * <pre>{@code
 * class PolicyFilesTests {
 *   @TestFactory
 *   Stream<DynamicTest> policies() {
 *     return PolicyTests.dynamicTests(Path.of("src/main/resources/guardrails"));
 *   }
 * }
 * }</pre>
 *
 * A directory stands for every {@code *.test.yaml} and {@code *.test.yml} file below it. A file
 * that cannot be read, or whose policy files are invalid, becomes one failing test that lists
 * every problem as {@code FILE:LINE:COLUMN: message}. Each case's test is named
 * {@code FILE:LINE CASE-NAME}. (The tests carry no file source URI on purpose: Maven Surefire
 * neither reports nor fails dynamic tests whose source is not a method.)
 */
public final class PolicyTests {

  private PolicyTests() {}

  /**
   * One dynamic test per case, with the built-in detectors and those found with
   * {@link java.util.ServiceLoader}.
   *
   * @param paths test files or directories
   * @return the tests
   * @throws IllegalArgumentException if no path is given or no test file is found
   */
  public static Stream<DynamicTest> dynamicTests(Path... paths) {
    return dynamicTests(PolicyTestRunner.standard(), paths);
  }

  /**
   * One dynamic test per case, run by the given runner (for custom detectors or engine settings).
   *
   * @param runner the runner
   * @param paths test files or directories
   * @return the tests
   * @throws IllegalArgumentException if no path is given or no test file is found
   */
  public static Stream<DynamicTest> dynamicTests(PolicyTestRunner runner, Path... paths) {
    Objects.requireNonNull(runner, "runner");
    List<Path> files = testFiles(paths);
    return files.stream().flatMap(f -> testsOf(runner, f));
  }

  /**
   * The policy test files among files and directories.
   *
   * @param paths test files or directories
   * @return the files, directories expanded in name order
   * @throws IllegalArgumentException if no path is given or no test file is found
   */
  public static List<Path> testFiles(Path... paths) {
    return PolicyTestFile.find(List.of(paths));
  }

  private static Stream<DynamicTest> testsOf(PolicyTestRunner runner, Path file) {
    String name = file.getFileName().toString();
    PolicyTestFile tests;
    PolicySet set;
    try {
      tests = PolicyTestFile.read(file);
      set = runner.loadPolicies(tests);
    } catch (PolicyTestException e) {
      return Stream.of(broken(name, file, e.problems()));
    } catch (PolicyException e) {
      return Stream.of(broken(name, file, e.problems()));
    } catch (UncheckedIOException e) {
      return Stream.of(broken(name, file, List.of(new PolicyProblem(file.toString(), 0, 0, "policy-files", e.getMessage()))));
    }
    if (tests.cases().isEmpty()) {
      return Stream.of(broken(name, file, List.of(new PolicyProblem(file.toString(), 0, 0, "cases", "the file has no cases"))));
    }
    return tests.cases().stream().map(c -> DynamicTest.dynamicTest(name + ":" + c.line() + " " + c.name(),
        () -> {
          CaseResult r = runner.run(set, c);
          if (!r.passed()) {
            throw new AssertionFailedError("policy test case '" + c.name() + "' (" + file + ":" + c.line()
                + ") failed:\n  " + String.join("\n  ", r.failures()) + "\nwhat happened: " + r.describeOutcomes());
          }
        }));
  }

  private static DynamicTest broken(String name, Path file, List<PolicyProblem> problems) {
    String text = problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("\n  "));
    return DynamicTest.dynamicTest(name, () -> {
      throw new AssertionFailedError("policy test file " + file + " cannot run:\n  " + text);
    });
  }
}
