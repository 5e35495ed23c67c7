package dev.guardrails4j.cli;

import dev.guardrails4j.core.policy.PolicyProblem;
import dev.guardrails4j.core.policytest.CaseResult;
import dev.guardrails4j.core.policytest.PolicyTestFile;
import dev.guardrails4j.core.policytest.PolicyTestResult;
import dev.guardrails4j.core.policytest.PolicyTestRunner;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code guardrails test FILE...}: runs policy test files and prints one line per case. */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = {"Runs policy test files (*.test.yaml) and reports each case.",
        "Each case runs on a real engine, a fresh one per case. Prints PASS or FAIL per case, with what",
        "was expected and what happened on failure, and closes with 'N passed, N failed'.",
        "A file that cannot be loaded counts as one failure.",
        "Exit code 0 when every case passes, 1 otherwise."})
final class TestCommand implements Callable<Integer> {

  private final Main.Io io;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Test files, or directories to search for *.test.yaml.")
  List<Path> files;

  @Option(names = {"-v", "--verbose"}, description = "Also print what each phase decided for passing cases.")
  boolean verbose;

  TestCommand(Main.Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    List<Path> tests;
    try {
      tests = PolicyTestFile.find(files);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      io.err().println("guardrails test: " + e.getMessage());
      return 2;
    }
    PolicyTestRunner runner = PolicyTestRunner.standard();
    PrintStream out = io.out();
    int passed = 0;
    int failed = 0;
    for (Path file : tests) {
      PolicyTestResult r = runner.run(file);
      if (!r.problems().isEmpty()) {
        out.println("ERROR " + file + ": cannot run");
        for (PolicyProblem p : r.problems()) {
          out.println("  " + p);
        }
      }
      for (CaseResult c : r.cases()) {
        String where = file + ":" + c.testCase().line() + " " + c.testCase().name();
        if (c.passed()) {
          out.println("PASS " + where);
          if (verbose) {
            out.println("     " + c.describeOutcomes());
          }
        } else {
          out.println("FAIL " + where + ": " + String.join("; ", c.failures()));
        }
      }
      passed += r.passed();
      failed += r.failed();
    }
    out.println(passed + " passed, " + failed + " failed");
    return failed == 0 ? 0 : 1;
  }
}
