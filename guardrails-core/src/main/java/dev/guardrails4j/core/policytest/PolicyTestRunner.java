package dev.guardrails4j.core.policytest;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.spi.DecisionListener;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.FilePolicySource;
import dev.guardrails4j.core.policy.PolicyException;
import dev.guardrails4j.core.policy.PolicyProblem;
import dev.guardrails4j.core.policy.PolicySet;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Runs policy test cases on a real {@link Guardrails} engine, one fresh engine per case (audit log
 * off), so limits and state never leak between cases.
 *
 * <p>Each case runs the phases of a guarded call in order: {@code start} (access and limits),
 * {@code checkInput}, {@code checkOutput} with the case's answer (when it has one), and
 * {@code checkToolCall} for each tool call. A phase that blocks stops the call; the phases after
 * it did not run.
 *
 * <pre>{@code
 * PolicyTestResult result = PolicyTestRunner.standard().run(Path.of("support.test.yaml"));
 * }</pre>
 */
public final class PolicyTestRunner {

  private final DetectorCatalog catalog;
  private final UnaryOperator<Guardrails.Builder> engine;

  private PolicyTestRunner(DetectorCatalog catalog, UnaryOperator<Guardrails.Builder> engine) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /**
   * A runner whose policies may name the built-in detectors and those found with
   * {@link java.util.ServiceLoader}.
   *
   * @return the runner
   */
  public static PolicyTestRunner standard() {
    return new PolicyTestRunner(DetectorCatalog.standard(), UnaryOperator.identity());
  }

  /**
   * A runner whose policies may name the detectors of a catalog.
   *
   * @param catalog the catalog
   * @return the runner
   */
  public static PolicyTestRunner using(DetectorCatalog catalog) {
    return new PolicyTestRunner(catalog, UnaryOperator.identity());
  }

  /**
   * A runner that adjusts the engine of every case, for example to use the application's own
   * {@link dev.guardrails4j.core.limit.Limiter} or a fixed {@link java.time.Clock}. The runner sets
   * the policies, turns the audit log off, adds its own listener and a fixed fingerprint salt; the
   * customizer must not set those again.
   *
   * @param customizer called with each case's engine builder, before it is built
   * @return a new runner
   */
  public PolicyTestRunner withEngine(UnaryOperator<Guardrails.Builder> customizer) {
    Objects.requireNonNull(customizer, "customizer");
    UnaryOperator<Guardrails.Builder> previous = engine;
    return new PolicyTestRunner(catalog, b -> customizer.apply(previous.apply(b)));
  }

  /**
   * Reads a test file and its policy files and runs every case. Never throws for a bad file: the
   * result lists its problems instead.
   *
   * @param testFile the test file
   * @return the result
   */
  public PolicyTestResult run(Path testFile) {
    Objects.requireNonNull(testFile, "testFile");
    PolicyTestFile file;
    PolicySet set;
    try {
      file = PolicyTestFile.read(testFile);
      set = loadPolicies(file);
    } catch (PolicyTestException e) {
      return new PolicyTestResult(testFile, e.problems(), List.of());
    } catch (PolicyException e) {
      return new PolicyTestResult(testFile, e.problems(), List.of());
    } catch (UncheckedIOException e) {
      return new PolicyTestResult(testFile,
          List.of(new PolicyProblem(testFile.toString(), 0, 0, "policy-files", e.getMessage())), List.of());
    }
    List<CaseResult> results = new ArrayList<>(file.cases().size());
    for (PolicyTestCase c : file.cases()) {
      results.add(run(set, c));
    }
    return new PolicyTestResult(testFile, List.of(), results);
  }

  /**
   * Loads the policy files a test file names, as one policy set.
   *
   * @param file the test file
   * @return the policy set
   * @throws PolicyException listing every problem of the policy files
   * @throws UncheckedIOException when a policy file cannot be read
   */
  public PolicySet loadPolicies(PolicyTestFile file) {
    return PolicySet.parse(FilePolicySource.of(file.policyFiles()).load(), catalog);
  }

  /**
   * Runs one case.
   *
   * @param set the policies under test
   * @param testCase the case
   * @return what happened and how it differs from what the case expects
   */
  public CaseResult run(PolicySet set, PolicyTestCase testCase) {
    Objects.requireNonNull(set, "set");
    Objects.requireNonNull(testCase, "testCase");
    List<CaseResult.PhaseOutcome> outcomes;
    try {
      outcomes = evaluate(set, testCase);
    } catch (RuntimeException e) {
      return new CaseResult(testCase, List.of(),
          List.of("the case failed with " + e.getClass().getName() + ": " + e.getMessage()));
    }
    List<String> failures = new ArrayList<>();
    int tool = 0;
    for (CaseResult.PhaseOutcome o : outcomes) {
      Expectation e;
      if (o.phase() == Phase.TOOL) {
        PolicyTestCase.ToolCallCase tc = testCase.toolCalls().get(tool++);
        e = tc.expectation() != null ? tc.expectation() : testCase.expectations().get(Phase.TOOL);
      } else {
        e = testCase.expectations().get(o.phase());
      }
      if (e != null && !e.mismatches(o.ran(), o.decision()).isEmpty()) {
        failures.add(o.label() + ": expected " + e.describe() + ", got " + o.describe());
      }
    }
    return new CaseResult(testCase, outcomes, failures);
  }

  private List<CaseResult.PhaseOutcome> evaluate(PolicySet set, PolicyTestCase c) {
    Recorder recorder = new Recorder();
    Invocation inv = c.invocation();
    List<CaseResult.PhaseOutcome> out = new ArrayList<>();
    List<GuardedCall> open = new ArrayList<>();
    Guardrails.Builder builder = Guardrails.builder().policies(set).auditLog(false).listener(recorder)
        .fingerprintSalt("guardrails4j-policy-tests");
    try (Guardrails engine = Objects.requireNonNull(this.engine.apply(builder), "customizer result").build()) {
      for (int i = 1; i < c.repeat(); i++) {
        try {
          open.add(engine.start(inv));
        } catch (GuardrailViolationException e) {
          // an earlier repetition that is refused is part of the scenario, not a result
        }
      }
      recorder.decisions.clear();
      GuardedCall call = null;
      Phase stoppedAt = null;
      try {
        call = engine.start(inv);
        open.add(call);
      } catch (GuardrailViolationException e) {
        stoppedAt = e.decision().phase();
      }
      out.add(outcome(Phase.ACCESS, "access", true, recorder.last(Phase.ACCESS, 0)));
      boolean limitsRan = stoppedAt != Phase.ACCESS;
      out.add(outcome(Phase.LIMITS, "limits", limitsRan, limitsRan ? recorder.last(Phase.LIMITS, 0) : null));
      boolean running = call != null;
      int mark = recorder.decisions.size();
      if (running) {
        try {
          call.checkInput();
        } catch (GuardrailViolationException e) {
          running = false;
        }
      }
      out.add(outcome(Phase.INPUT, "input", call != null, recorder.last(Phase.INPUT, mark)));
      boolean inputPassed = running;
      if (c.answer() != null) {
        mark = recorder.decisions.size();
        if (running) {
          try {
            call.checkOutput(c.answer());
          } catch (GuardrailViolationException e) {
            running = false;
          }
        }
        out.add(outcome(Phase.OUTPUT, "output", inputPassed, recorder.last(Phase.OUTPUT, mark)));
      }
      for (PolicyTestCase.ToolCallCase tc : c.toolCalls()) {
        boolean ran = running;
        mark = recorder.decisions.size();
        if (running) {
          try {
            call.checkToolCall(tc.call());
          } catch (GuardrailViolationException e) {
            running = false;
          }
        }
        out.add(outcome(Phase.TOOL, "tool " + tc.call().name(), ran, recorder.last(Phase.TOOL, mark)));
      }
    } finally {
      for (GuardedCall g : open) {
        try {
          g.close();
        } catch (GuardrailViolationException e) {
          // closing only settles limits here; the case's outcome is already recorded
        }
      }
    }
    return out;
  }

  private static CaseResult.PhaseOutcome outcome(Phase phase, String label, boolean ran, @Nullable Decision d) {
    return new CaseResult.PhaseOutcome(phase, label, ran, ran ? d : null);
  }

  /** Collects the decisions of one case; a case runs on one thread. */
  private static final class Recorder implements DecisionListener {
    final List<Decision> decisions = new ArrayList<>();

    @Override
    public void onDecision(Invocation invocation, Decision decision) {
      decisions.add(decision);
    }

    @Nullable Decision last(Phase phase, int from) {
      Decision found = null;
      for (int i = from; i < decisions.size(); i++) {
        if (decisions.get(i).phase() == phase) {
          found = decisions.get(i);
        }
      }
      return found;
    }
  }
}
