package dev.guardrails4j.cli;

import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.PolicyProblem;
import dev.guardrails4j.core.policy.PolicySet;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code guardrails validate FILE...}: parses policy files as one set and reports every problem. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Checks policy files and prints every problem as FILE:LINE:COLUMN: message.",
        "The files (and the policy files in directories) are loaded as one policy set, as the engine loads",
        "them, with the built-in detectors and those on the class path (ServiceLoader).",
        "Exit code 0 when valid, 1 otherwise."})
final class ValidateCommand implements Callable<Integer> {

  private final Main.Io io;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy files or directories.")
  List<Path> files;

  ValidateCommand(Main.Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    try {
      PolicySet set = Policies.load(files, DetectorCatalog.standard());
      int n = set.policies().size();
      int docs = set.sources().size();
      io.out().println("OK: " + n + " polic" + (n == 1 ? "y" : "ies") + " in " + docs + " file"
          + (docs == 1 ? "" : "s") + ", version " + set.version());
      return 0;
    } catch (Policies.Invalid e) {
      for (PolicyProblem p : e.problems) {
        io.out().println(p);
      }
      int n = e.problems.size();
      io.out().println(n + " problem" + (n == 1 ? "" : "s"));
      return 1;
    }
  }
}
