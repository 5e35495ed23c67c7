package dev.guardrails4j.core;

import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.spi.DecisionListener;
import dev.guardrails4j.core.audit.Fingerprints;
import dev.guardrails4j.core.limit.Limiter;
import dev.guardrails4j.core.limit.ProviderGuard;
import dev.guardrails4j.core.policy.OnError;
import java.security.SecureRandom;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * What every step of a guarded call needs from the engine, fixed when the engine is built. The
 * steps depend on this value, never on {@link Guardrails}, so the call pipeline has no dependency
 * back on the engine that starts it.
 *
 * @param listeners decision and audit listeners, in order
 * @param limiter the limiter
 * @param fallbackLimiter this process's limiter for a shared store's failure under {@code on-error:
 *     allow}; null with the in-memory default
 * @param providerGuard circuit breakers and time limits per provider
 * @param clock the clock
 * @param modeOverride the engine-wide mode override, or null
 * @param rawContent whether audit events carry raw content (a user setting)
 * @param streamWindow the streaming look-behind window, in characters
 * @param listenerFailure what a failing listener does to the call
 * @param fingerprints salted fingerprints for audit events
 * @param salt the salt of reversible placeholders and fingerprints
 * @param checkBudget how long one content check may run
 */
record CallSettings(DecisionListener[] listeners, Limiter limiter, @Nullable Limiter fallbackLimiter,
    ProviderGuard providerGuard, Clock clock, @Nullable Mode modeOverride, boolean rawContent,
    int streamWindow, OnError listenerFailure, Fingerprints fingerprints, byte[] salt,
    CheckBudget checkBudget) {

  /** 32 random bytes, the salt when the application sets none. */
  static byte[] randomSalt() {
    byte[] s = new byte[32];
    new SecureRandom().nextBytes(s);
    return s;
  }
}
