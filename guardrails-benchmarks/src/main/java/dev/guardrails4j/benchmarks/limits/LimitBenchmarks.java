package dev.guardrails4j.benchmarks.limits;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.limit.InMemoryLimiter;
import dev.guardrails4j.core.limit.LimitRule;
import dev.guardrails4j.core.limit.Limiter;
import dev.guardrails4j.core.policy.Policy;
import dev.guardrails4j.core.policy.PolicySet;
import java.util.ArrayList;
import java.util.List;
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
 * The cost of limit checks per call: a request rate, a token budget and a concurrency limit, all
 * per user, for 1 caller and for 100,000 distinct callers taken in turn (so every call of the
 * second case looks up a different key). Limits are set high enough never to refuse: this
 * measures counting, not refusing.
 *
 * <ul>
 *   <li>{@code limiterAcquireAndSettle}: the limiter alone (keys, fingerprint, counters).
 *   <li>{@code guardedCallWithLimits}: a whole guarded call (start, report usage, close) whose
 *       policy has the three limits.
 *   <li>{@code guardedCallWithoutLimits}: the same call under the same policy without limits,
 *       the baseline to subtract.
 * </ul>
 *
 * <p>The limiter's key cap is raised to hold every caller's counters (3 per caller), so the
 * 100,000-caller case measures lookups in a full cache rather than eviction.
 *
 * <p>Run from the repository root (a one-iteration smoke run; raise {@code -wi}/{@code -i} to
 * measure):
 *
 * <pre>{@code
 * ./mvnw -q -pl guardrails-benchmarks -am package -DskipTests dependency:build-classpath \
 *     -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
 * java -cp guardrails-benchmarks/target/classes:$(cat guardrails-benchmarks/target/classpath.txt) \
 *     org.openjdk.jmh.Main LimitBenchmarks -f 1 -wi 1 -i 1 -w 1s -r 1s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LimitBenchmarks {

  static final String LIMITS = "{ requests: 1000000000/1m per user, tokens: 1000000000000/1d per user,"
      + " concurrent: 1000 per user }";

  /** How many distinct callers take turns. */
  @Param({"1", "100000"})
  public int callers;

  Invocation[] invocations;
  Limiter limiter;
  List<LimitRule> rules;
  Guardrails withLimits;
  Guardrails withoutLimits;

  /** Builds the callers, the limiter and both engines. */
  @Setup
  public void setUp() {
    invocations = new Invocation[callers];
    Workload workload = Workload.of("spiffe://example.org/ns/support/sa/api");
    for (int i = 0; i < callers; i++) {
      User user = User.builder("user-" + i + "@example.org").tenant("tenant-" + (i % 100)).build();
      invocations[i] = Invocation.builder(Caller.of(workload, user), ModelRef.of("openai", "gpt-4o"))
          .action("summarize-ticket").userMessage("Summarise ticket 4711 for the weekly report.").build();
    }
    PolicySet limited = PolicySet.parse("limits.yaml", policy("limits: " + LIMITS));
    rules = new ArrayList<>();
    for (Policy p : limited.policies()) {
      rules.addAll(p.limits());
    }
    limiter = bigLimiter();
    withLimits = Guardrails.builder().policies(limited).limiter(bigLimiter()).auditLog(false).build();
    withoutLimits = Guardrails.builder().policies(PolicySet.parse("plain.yaml", policy("")))
        .auditLog(false).build();
  }

  private static InMemoryLimiter bigLimiter() {
    return InMemoryLimiter.builder().maxKeys(1_000_000).build();
  }

  private static String policy(String limits) {
    return """
        version: 1
        policies:
          - id: support
            match: { model: ["openai:*"], action: [summarize-ticket] }
            access: allow
            %s
        """.formatted(limits);
  }

  /** Which caller is next, per thread. */
  @State(Scope.Thread)
  public static class Turn {
    int next;

    int take(int callers) {
      int i = next;
      next = i + 1 == callers ? 0 : i + 1;
      return i;
    }
  }

  /**
   * The limiter alone: acquire three limits, settle with reported usage.
   *
   * @param turn the caller's turn
   * @return the outcome
   */
  @Benchmark
  public Limiter.Outcome limiterAcquireAndSettle(Turn turn) {
    Limiter.Outcome o = limiter.acquire(invocations[turn.take(callers)], rules, 20);
    o.reservation().settle(120, false);
    return o;
  }

  /**
   * A whole guarded call with the three limits.
   *
   * @param turn the caller's turn
   * @return the call
   */
  @Benchmark
  public GuardedCall guardedCallWithLimits(Turn turn) {
    GuardedCall call = withLimits.start(invocations[turn.take(callers)]);
    call.recordUsage(20, 100);
    call.close();
    return call;
  }

  /**
   * The same guarded call without limits (the baseline).
   *
   * @param turn the caller's turn
   * @return the call
   */
  @Benchmark
  public GuardedCall guardedCallWithoutLimits(Turn turn) {
    GuardedCall call = withoutLimits.start(invocations[turn.take(callers)]);
    call.recordUsage(20, 100);
    call.close();
    return call;
  }
}
