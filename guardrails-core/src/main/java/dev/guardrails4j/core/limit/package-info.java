/**
 * Identity-aware limits: request rates, token budgets and concurrency keyed by user, tenant,
 * workload, model or action, and provider protection (circuit breaker, time limit) per model.
 */
@NullMarked
package dev.guardrails4j.core.limit;

import org.jspecify.annotations.NullMarked;
