package dev.guardrails4j.core.limit;

import dev.guardrails4j.api.ModelRef;

/**
 * Protects a model provider: a circuit breaker that fails fast while a provider keeps failing, and
 * a time limit per call, configured by the {@code providers:} section of a policy file. The default,
 * {@link #inMemory(java.time.Clock)}, is {@link InMemoryProviderGuard}, on Resilience4j.
 */
public interface ProviderGuard {

  /**
   * The in-process guard.
   *
   * @param clock the clock
   * @return a guard
   */
  static ProviderGuard inMemory(java.time.Clock clock) {
    return InMemoryProviderGuard.of(clock);
  }

  /**
   * Asks to call a model.
   *
   * @param model the model
   * @param protection the first protection of the policy set whose model pattern matches
   * @return a permit to report the outcome on
   * @throws dev.guardrails4j.api.GuardrailViolationException when the circuit is open
   */
  Permit acquire(ModelRef model, ProviderProtection protection);

  /** Reports the outcome of one model call. */
  interface Permit {

    /** A permit that records nothing. */
    Permit NONE = new Permit() {};

    /**
     * The time limit of the call, for adapters that enforce it themselves (streaming).
     *
     * @return the limit in nanoseconds, or 0 for none
     */
    default long timeoutNanos() {
      return 0;
    }

    /**
     * Runs the model call, enforcing the time limit where there is one.
     *
     * @param modelCall the call
     * @param <T> the result type
     * @return the result
     * @throws dev.guardrails4j.api.GuardrailViolationException when the time limit is exceeded
     */
    default <T> T call(java.util.function.Supplier<T> modelCall) {
      return modelCall.get();
    }

    /**
     * The call succeeded.
     *
     * @param durationNanos how long it took
     */
    default void success(long durationNanos) {}

    /**
     * The call failed.
     *
     * @param durationNanos how long it took
     * @param error the error
     */
    default void failure(long durationNanos, Throwable error) {}
  }
}
