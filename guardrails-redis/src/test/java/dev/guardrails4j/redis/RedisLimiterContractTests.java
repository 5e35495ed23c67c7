package dev.guardrails4j.redis;

import dev.guardrails4j.core.limit.Limiter;
import dev.guardrails4j.testsupport.RedisServer;
import dev.guardrails4j.test.LimiterContract;
import dev.guardrails4j.test.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Redis limiter keeps the {@link Limiter} contract, on a real Redis server. */
class RedisLimiterContractTests extends LimiterContract {

  static RedisServer redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Override
  protected Limiter limiter(ManualClock clock) {
    return RedisLimiter.builder(redis.uri()).userKeySalt("contract-salt-0123456789").clock(clock).build();
  }
}
