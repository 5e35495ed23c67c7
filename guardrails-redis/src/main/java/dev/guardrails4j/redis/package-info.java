/**
 * Limits shared by every replica of a service, on Redis: {@link dev.guardrails4j.redis.RedisLimiter}
 * keeps request rates, token budgets and concurrency leases in Redis with one Lua script per call,
 * behind a command timeout and a circuit breaker, through Lettuce.
 */
@NullMarked
package dev.guardrails4j.redis;

import org.jspecify.annotations.NullMarked;
