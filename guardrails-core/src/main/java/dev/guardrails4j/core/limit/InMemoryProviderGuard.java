package dev.guardrails4j.core.limit;

import dev.guardrails4j.api.ModelRef;
import java.time.Clock;

/** The in-process provider guard. (Being replaced by the Resilience4j implementation.) */
final class InMemoryProviderGuard implements ProviderGuard {

  private final Clock clock;

  InMemoryProviderGuard(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Permit acquire(ModelRef model, ProviderProtection protection) {
    throw new IllegalStateException("provider protection is not available yet (clock " + clock + ")");
  }
}
