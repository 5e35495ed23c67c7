package dev.guardrails4j.core.limit;

import dev.guardrails4j.api.Invocation;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Counts requests, tokens and concurrent calls against {@link LimitRule}s. The in-process
 * implementation is built on Resilience4j; a shared store (Redis, a database) can replace it when
 * several replicas must share limits.
 *
 * <p>Implementations must be thread-safe and must never block: a limit that is reached is
 * reported, not waited for.
 */
public interface Limiter {

  /**
   * The in-process limiter.
   *
   * @param clock the clock periods are measured with
   * @return a limiter
   */
  static Limiter inMemory(java.time.Clock clock) {
    return new InMemoryLimiter(clock);
  }

  /**
   * Checks every rule and, when no enforced rule is exceeded, reserves what the call needs: one
   * request, the estimated tokens, one concurrency slot. Rules whose mode is monitor are counted
   * and reported but never refuse. When an enforced rule is exceeded nothing stays reserved.
   *
   * @param invocation the call
   * @param rules the rules of the matching policies, each with its effective mode set
   * @param estimatedTokens the token estimate to reserve against token budgets
   * @return the outcome, holding the reservation to settle when the call ends
   */
  Outcome acquire(Invocation invocation, List<LimitRule> rules, long estimatedTokens);

  /**
   * What {@link #acquire} found.
   *
   * @param violations every rule exceeded (enforced or monitored)
   * @param reservation what to settle when the call ends
   */
  record Outcome(List<Violation> violations, Reservation reservation) {

    /** Copies. */
    public Outcome {
      violations = List.copyOf(violations);
      Objects.requireNonNull(reservation, "reservation");
    }
  }

  /**
   * One exceeded rule.
   *
   * @param rule the rule
   * @param key the counter's key, with user ids hashed, for example {@code user=7f3a91c2}
   * @param retryAfter when a retry may succeed, or {@code null} if unknown (concurrency)
   */
  record Violation(LimitRule rule, String key, @Nullable Duration retryAfter) {

    /** Validates. */
    public Violation {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(key, "key");
    }
  }

  /** What a call holds until it ends. */
  interface Reservation {

    /** Holds nothing. */
    Reservation NONE = new Reservation() {
      @Override
      public void settle(long actualTokens, boolean failed) {}
    };

    /**
     * Ends the call: releases concurrency slots and corrects token budgets to the tokens actually
     * used (the provider's reported usage, or the estimate when unknown). Idempotent.
     *
     * @param actualTokens tokens used, or a negative number when unknown (keep the estimate)
     * @param failed whether the model call failed (reserved tokens are returned)
     */
    void settle(long actualTokens, boolean failed);
  }
}
