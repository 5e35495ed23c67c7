package dev.guardrails4j.benchmarks.speed;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.benchmarks.inputs.AccessRules;
import dev.guardrails4j.benchmarks.inputs.CelAccess;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.policy.Policy;
import dev.guardrails4j.core.policy.PolicySet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Access decisions among {@code policies} generated policies ({@link AccessRules}: mixed
 * selectors, realistic globs), for 256 generated invocations taken in turn.
 *
 * <ul>
 *   <li>{@code decision}: the engine's whole access phase, {@link Guardrails#startChecks}: select
 *       the policies through the index, decide, build the {@link Decision} value. The engine runs
 *       in monitor mode so that a denial comes back as a value rather than as an exception (the
 *       decision work is the same); the call is not closed, so no audit event is built.
 *   <li>{@code select}: the policy index alone, {@link PolicySet#select}.
 *   <li>{@code cel}: the same rules as CEL expressions, compiled once, every one evaluated per call
 *       ({@link CelAccess}); the variables of each invocation are prepared in advance, which
 *       favours CEL.
 * </ul>
 *
 * <p>Run with {@code -bm thrpt -tu s -t N} for the scaling figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AccessBenchmarks {

  static final int INVOCATIONS = 256;
  static final long SEED = 20_251_125L;

  /** How many policies the set has. */
  @Param({"10", "100", "1000", "10000"})
  public int policies;

  AccessRules rules;
  PolicySet set;
  Guardrails engine;
  Invocation[] invocations;

  /** Generates the policies and invocations and builds the engine. */
  @Setup
  public void setUp() {
    rules = AccessRules.generate(policies, INVOCATIONS, SEED);
    set = rules.policySet();
    engine = Guardrails.builder().policies(set).auditLog(false)
        .mode(dev.guardrails4j.api.Mode.MONITOR).build();
    invocations = rules.invocations().toArray(Invocation[]::new);
  }

  /** Which invocation is next, per thread. */
  @State(Scope.Thread)
  public static class Turn {
    int next;

    int take() {
      int i = next;
      next = (i + 1) & (INVOCATIONS - 1);
      return i;
    }
  }

  /** The CEL rules, compiled only for the {@code cel} benchmark. */
  @State(Scope.Benchmark)
  public static class Cel {
    CelAccess access;
    Map<String, ?>[] variables;

    /**
     * Compiles the rules of the enclosing benchmark's policy set.
     *
     * @param b the benchmark state
     */
    @Setup
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void setUp(AccessBenchmarks b) {
      access = new CelAccess(b.rules.rules());
      variables = new Map[INVOCATIONS];
      for (int i = 0; i < INVOCATIONS; i++) {
        variables[i] = AccessRules.celVariables(b.invocations[i]);
      }
    }
  }

  /**
   * The engine's access decision.
   *
   * @param turn the invocation's turn
   * @return the decision
   */
  @Benchmark
  public Decision decision(Turn turn) {
    return engine.startChecks(invocations[turn.take()]).decisions().get(0);
  }

  /**
   * The policy index alone.
   *
   * @param turn the invocation's turn
   * @return the matching policies
   */
  @Benchmark
  public List<Policy> select(Turn turn) {
    return set.select(invocations[turn.take()]);
  }

  /**
   * Every rule as a CEL program.
   *
   * @param cel the compiled rules
   * @param turn the invocation's turn
   * @return the outcome
   */
  @Benchmark
  public CelAccess.Outcome cel(Cel cel, Turn turn) {
    return cel.access.decide(cel.variables[turn.take()]);
  }
}
