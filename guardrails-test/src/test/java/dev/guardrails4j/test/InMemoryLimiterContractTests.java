package dev.guardrails4j.test;

import dev.guardrails4j.core.limit.Limiter;

/** The in-process limiter keeps the {@link Limiter} contract. */
class InMemoryLimiterContractTests extends LimiterContract {

  @Override
  protected Limiter limiter(ManualClock clock) {
    return Limiter.inMemory(clock);
  }
}
