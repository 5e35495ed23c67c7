package dev.guardrails4j.core.limit;

import dev.guardrails4j.api.Invocation;
import java.time.Clock;
import java.util.List;

/** The in-process limiter. (Being replaced by the Resilience4j implementation.) */
final class InMemoryLimiter implements Limiter {

  private final Clock clock;

  InMemoryLimiter(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Outcome acquire(Invocation invocation, List<LimitRule> rules, long estimatedTokens) {
    if (!rules.isEmpty()) {
      throw new IllegalStateException("limits are not available yet (clock " + clock + ")");
    }
    return new Outcome(List.of(), Reservation.NONE);
  }
}
