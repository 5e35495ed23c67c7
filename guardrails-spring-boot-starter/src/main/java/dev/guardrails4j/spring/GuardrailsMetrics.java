package dev.guardrails4j.spring;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.spi.DecisionListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer metrics of every guarded call:
 *
 * <ul>
 *   <li>counter {@value #DECISIONS}, tagged {@code phase}, {@code verdict}, {@code mode},
 *       {@code policy} (the first deciding policy, or {@code none}), {@code model}, {@code action};
 *   <li>counter {@value #FINDINGS}, tagged {@code detector}, {@code type}, {@code action};
 *   <li>timer {@value #EVALUATION}: time spent in guardrails per call (model time excluded), tagged
 *       {@code model}, {@code action}, {@code outcome}.
 * </ul>
 *
 * <p>Tags hold no user, tenant or content: their values come from code and policy files.
 */
public final class GuardrailsMetrics implements DecisionListener {

  /** Decisions counter name. */
  public static final String DECISIONS = "guardrails.decisions";

  /** Findings counter name. */
  public static final String FINDINGS = "guardrails.findings";

  /** Evaluation timer name. */
  public static final String EVALUATION = "guardrails.evaluation";

  private final MeterRegistry registry;

  /**
   * Creates the listener.
   *
   * @param registry where meters go
   */
  public GuardrailsMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void onDecision(Invocation invocation, Decision decision) {
    List<String> policies = decision.policyIds();
    registry.counter(DECISIONS, Tags.of(
        "phase", lower(decision.phase()),
        "verdict", lower(decision.verdict()),
        "mode", lower(decision.mode()),
        "policy", policies.isEmpty() ? "none" : policies.get(0),
        "model", invocation.model().toString(),
        "action", invocation.action())).increment();
    for (Finding f : decision.findings()) {
      registry.counter(FINDINGS, Tags.of("detector", f.detector(), "type", f.type(), "action", lower(f.action())))
          .increment();
    }
  }

  @Override
  public void onAuditEvent(AuditEvent event) {
    registry.timer(EVALUATION, Tags.of("model", event.model(), "action", event.action(),
        "outcome", lower(event.outcome()))).record(event.durationNanos(), TimeUnit.NANOSECONDS);
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
