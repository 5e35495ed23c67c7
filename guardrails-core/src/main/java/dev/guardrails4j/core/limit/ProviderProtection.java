package dev.guardrails4j.core.limit;

import dev.guardrails4j.core.match.Glob;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Protection of a model provider, from the {@code providers:} section of a policy file:
 *
 * <pre>{@code
 * providers:
 *   - model: "openai:*"
 *     timeout: 20s
 *     circuit-breaker: { failure-rate: 50, minimum-calls: 10, window: 20, open-for: 30s }
 * }</pre>
 *
 * @param model which models this applies to
 * @param timeout the time limit of one call, or {@code null}
 * @param circuitBreaker the circuit breaker, or {@code null}
 */
public record ProviderProtection(
    Glob model, @Nullable Duration timeout, @Nullable CircuitBreakerSpec circuitBreaker) {

  /** Validates. */
  public ProviderProtection {
    Objects.requireNonNull(model, "model");
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }

  /**
   * Circuit breaker settings (Resilience4j's count-based sliding window).
   *
   * @param failureRate failure rate in percent (1-100) above which the breaker opens
   * @param minimumCalls calls needed before the rate is computed
   * @param window the number of calls in the sliding window
   * @param openFor how long the breaker stays open before trying half-open calls
   * @param halfOpenCalls calls permitted while half open
   */
  public record CircuitBreakerSpec(
      float failureRate, int minimumCalls, int window, Duration openFor, int halfOpenCalls) {

    /** Validates. */
    public CircuitBreakerSpec {
      if (!(failureRate > 0 && failureRate <= 100)) {
        throw new IllegalArgumentException("failure-rate must be in (0, 100], got " + failureRate);
      }
      if (minimumCalls < 1 || window < 1 || halfOpenCalls < 1) {
        throw new IllegalArgumentException("minimum-calls, window and half-open-calls must be >= 1");
      }
      Objects.requireNonNull(openFor, "openFor");
      if (openFor.isZero() || openFor.isNegative()) {
        throw new IllegalArgumentException("open-for must be positive, got " + openFor);
      }
    }
  }
}
