package dev.guardrails4j.cli;

import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.FilePolicySource;
import dev.guardrails4j.core.policy.PolicyException;
import dev.guardrails4j.core.policy.PolicyProblem;
import dev.guardrails4j.core.policy.PolicySet;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads policy files for the commands, turning every failure into problems with positions. */
final class Policies {

  private Policies() {}

  /** Thrown with every problem found; commands print them and exit with 1. */
  static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient List<PolicyProblem> problems;

    Invalid(List<PolicyProblem> problems) {
      super(problems.size() + " problem(s)", null, false, false);
      this.problems = List.copyOf(problems);
    }
  }

  static PolicySet load(List<Path> paths, DetectorCatalog catalog) {
    List<PolicyProblem> missing = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        missing.add(new PolicyProblem(p.toString(), 0, 0, "", "no such file or directory"));
      }
    }
    if (!missing.isEmpty()) {
      throw new Invalid(missing);
    }
    List<PolicyDocument> docs;
    try {
      docs = FilePolicySource.of(paths).load();
    } catch (UncheckedIOException e) {
      throw new Invalid(List.of(new PolicyProblem(paths.get(0).toString(), 0, 0, "", e.getMessage())));
    } catch (PolicyException e) {
      throw new Invalid(e.problems());
    }
    if (docs.isEmpty()) {
      throw new Invalid(List.of(new PolicyProblem(paths.get(0).toString(), 0, 0, "",
          "no policy files (*.yaml, *.yml, *.json) found")));
    }
    try {
      return PolicySet.parse(docs, catalog);
    } catch (PolicyException e) {
      throw new Invalid(e.problems());
    }
  }
}
