package dev.guardrails4j.core.limit;

import dev.guardrails4j.api.Invocation;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Counts requests, tokens and concurrent calls against {@link LimitRule}s. The default,
 * {@link #inMemory(java.time.Clock)}, keeps counters in this JVM on Resilience4j (see {@link
 * InMemoryLimiter}); a shared store (Redis, a database) can replace it when several replicas must
 * share limits, through {@code Guardrails.builder().limiter(...)}.
 *
 * <h2>The contract an implementation keeps</h2>
 *
 * <ul>
 *   <li>Thread-safe, and never waits for a limit: a limit that is reached is reported at once,
 *       with when a retry may succeed where that is known. (A shared store costs a round trip;
 *       it should still not queue callers.)
 *   <li>Every rule of the call is checked and all must pass. Every rule exceeded is reported as a
 *       {@link Violation}, whatever its mode; a rule whose mode is {@link
 *       dev.guardrails4j.api.Mode#MONITOR} counts the call and reports, but never refuses.
 *   <li>When an enforced rule refuses, nothing the call took stays reserved (the in-memory
 *       limiter documents the one race where a request permit does), and the returned
 *       reservation is {@link Reservation#NONE}.
 *   <li>Keys are built by {@link LimitKeys} (or the same scheme): user subjects appear only as
 *       salted fingerprints, never raw, in keys, stored counters, violations and metrics.
 *   <li>A token budget is reserved before the call (the estimate) and corrected by {@link
 *       Reservation#settle}: to the reported usage, or given back when the call failed. A
 *       budget never goes below zero; reservations are atomic per budget (compare-and-set, a
 *       Lua script, a transaction), so racing callers never reserve more than the balance.
 *   <li>Settling is idempotent and never throws for a counter that has since expired.
 *   <li>Memory (or store space) is bounded: idle keys expire, and a flood of distinct callers
 *       cannot grow the store without limit.
 *   <li>A failure of the store is thrown as an unchecked exception: the engine then applies the
 *       policy set's {@code on-error} (block by default).
 * </ul>
 */
public interface Limiter {

  /**
   * The in-process limiter.
   *
   * @param clock the clock periods are measured with
   * @return a limiter
   */
  static Limiter inMemory(java.time.Clock clock) {
    return InMemoryLimiter.of(clock);
  }

  /**
   * Checks every rule and, when no enforced rule is exceeded, reserves what the call needs: one
   * request, the estimated tokens, one concurrency slot. Rules whose mode is monitor are counted
   * and reported but never refuse. When an enforced rule is exceeded nothing stays reserved.
   *
   * @param invocation the call
   * @param rules the rules of the matching policies, each with its effective mode set
   * @param estimatedTokens the token estimate to reserve against token budgets: the invocation's
   *     {@code tokenEstimate} when the adapter set one, else the engine's estimate of the prompt,
   *     one token per four UTF-16 characters of all messages (rounded up) plus four per message
   * @return the outcome, holding the reservation to settle when the call ends
   */
  Outcome acquire(Invocation invocation, List<LimitRule> rules, long estimatedTokens);

  /**
   * Where the counters live and whether the store answers, for operators (the Spring Boot
   * starter's Actuator endpoint shows it). May call the store; not for the hot path.
   *
   * @return the status; by default an in-process store that is always up
   */
  default Status status() {
    return new Status("memory", true, "counters in this process");
  }

  /**
   * Where a limiter keeps its counters.
   *
   * @param store {@code memory}, or the shared store's address without credentials
   * @param up whether the store answered
   * @param detail more for operators, for example the circuit breaker's state
   */
  record Status(String store, boolean up, String detail) {

    /** Validates. */
    public Status {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(detail, "detail");
    }
  }

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
