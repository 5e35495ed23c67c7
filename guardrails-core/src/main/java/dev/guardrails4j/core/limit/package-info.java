/**
 * Identity-aware limits: request rates, token budgets and concurrency keyed by user, tenant,
 * workload, model or action, and provider protection (circuit breaker, time limit) per model.
 *
 * <p>Policies declare limits ({@code limits: { requests: 60/1m per user, tokens: 200000/1d per
 * tenant, concurrent: 5 per user+model }}), read into {@link dev.guardrails4j.core.limit.LimitRule}s.
 * The engine hands the rules of every matching policy to a {@link
 * dev.guardrails4j.core.limit.Limiter} when a call starts and settles the returned reservation
 * when it ends; all limits must pass. Keys come from {@link dev.guardrails4j.core.limit.LimitKeys}:
 * users appear only as salted fingerprints, and a call without a user counted {@code per user}
 * is counted under its workload.
 *
 * <p>The default limiter, {@link dev.guardrails4j.core.limit.InMemoryLimiter}, counts inside this
 * JVM on Resilience4j (rate limiter, semaphore bulkhead) plus a lock-free token bucket for budgets,
 * in a bounded Caffeine cache whose idle keys expire; its Javadoc states the bounds it keeps. A
 * shared store such as Redis can replace it when replicas must share limits: implement {@link
 * dev.guardrails4j.core.limit.Limiter}, keep the contract written on that interface (never wait,
 * report every exceeded rule, never refuse for a monitored rule, hold nothing after an enforced
 * refusal, reserve atomically so budgets never go negative, settle idempotently, fingerprint
 * users, bound the store), and pass it to {@code Guardrails.builder().limiter(...)}.
 *
 * <p>The {@code providers:} section configures a {@link dev.guardrails4j.core.limit.ProviderGuard}
 * per model pattern; the default, {@link dev.guardrails4j.core.limit.InMemoryProviderGuard}, uses
 * Resilience4j's circuit breaker and time limiter. Both defaults read time from an injected
 * {@link java.time.Clock}.
 */
@NullMarked
package dev.guardrails4j.core.limit;

import org.jspecify.annotations.NullMarked;
