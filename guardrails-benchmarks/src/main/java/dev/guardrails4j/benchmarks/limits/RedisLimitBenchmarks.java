package dev.guardrails4j.benchmarks.limits;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.core.limit.InMemoryLimiter;
import dev.guardrails4j.core.limit.LimitRule;
import dev.guardrails4j.core.limit.Limiter;
import dev.guardrails4j.core.policy.Policy;
import dev.guardrails4j.core.policy.PolicySet;
import dev.guardrails4j.redis.RedisLimiter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One guarded call's limit check on a local Redis server against the in-memory limiter, with
 * Bucket4j's own Lettuce integration on the same server as the anchor. Sample mode, so the report
 * gives medians and 99th percentiles. Limits are high enough never to refuse.
 *
 * <ul>
 *   <li>{@code redisRate}: {@code RedisLimiter}, one request-rate rule: one round trip (the acquire
 *       script; nothing to settle).
 *   <li>{@code redisThreeRules}: a request rate, a token budget and a concurrency slot per user,
 *       acquired and settled: one round trip waited for (the acquire script); the settle script is
 *       sent without waiting, as at the end of a guarded call.
 *   <li>{@code memoryThreeRules}: the same three rules on the in-memory limiter.
 *   <li>{@code bucket4jRate}: Bucket4j 8.14's compare-and-swap Lettuce proxy, one bucket with one
 *       rate, {@code tryConsume(1)}: its per-call cost for a single rate on the same server.
 * </ul>
 *
 * <p>Needs a Redis server: {@code run.sh} starts one on a free loopback port and passes it as
 * {@code -p redis=redis://127.0.0.1:PORT}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RedisLimitBenchmarks {

  /** The Redis server. */
  @Param("redis://127.0.0.1:6379")
  public String redis;

  Invocation call;
  List<LimitRule> rate;
  List<LimitRule> three;
  RedisLimiter redisLimiter;
  Limiter memory;
  RedisClient bucket4jClient;
  StatefulRedisConnection<String, byte[]> bucket4jConnection;
  BucketProxy bucket;

  /** Connects and warms every limiter once. */
  @Setup
  public void setUp() {
    call = Invocation.builder(Caller.of(Workload.of("spiffe://example.org/ns/support/sa/api"),
        User.builder("user-1@example.org").tenant("acme").build()), ModelRef.of("openai", "gpt-4o"))
        .action("summarize-ticket").userMessage("Summarise ticket 4711 for the weekly report.").build();
    rate = rules("{ requests: 1000000000/1m per user }");
    three = rules("{ requests: 1000000000/1m per user, tokens: 1000000000000/1d per user, concurrent: 1000 per user }");
    redisLimiter = RedisLimiter.builder(redis).userKeySalt("benchmark-salt-0123456789")
        .commandTimeout(Duration.ofSeconds(2)).build();
    memory = InMemoryLimiter.builder().userKeySalt("benchmark-salt-0123456789".getBytes(StandardCharsets.UTF_8)).build();
    bucket4jClient = RedisClient.create(redis);
    bucket4jConnection = bucket4jClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    bucket = Bucket4jLettuce.casBasedBuilder(bucket4jConnection)
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
        .build().builder().build("bucket4j:user-1", () -> BucketConfiguration.builder()
            .addLimit(Bandwidth.builder().capacity(1_000_000_000L).refillGreedy(1_000_000_000L, Duration.ofMinutes(1)).build())
            .build());
  }

  private static List<LimitRule> rules(String limits) {
    PolicySet set = PolicySet.parse("limits.yaml", """
        version: 1
        policies:
          - id: support
            match: { action: [summarize-ticket] }
            access: allow
            limits: %s
        """.formatted(limits));
    List<LimitRule> out = new ArrayList<>();
    for (Policy p : set.policies()) {
      out.addAll(p.limits());
    }
    return out;
  }

  /** Closes the connections. */
  @TearDown
  public void tearDown() {
    redisLimiter.close();
    bucket4jConnection.close();
    bucket4jClient.shutdown();
  }

  /**
   * One request rate on Redis: one round trip.
   *
   * @return the outcome
   */
  @Benchmark
  public Limiter.Outcome redisRate() {
    return redisLimiter.acquire(call, rate, 20);
  }

  /**
   * Three rules on Redis, acquired and settled (the settle is not waited for).
   *
   * @return the outcome
   */
  @Benchmark
  public Limiter.Outcome redisThreeRules() {
    Limiter.Outcome o = redisLimiter.acquire(call, three, 20);
    o.reservation().settle(120, false);
    return o;
  }

  /**
   * The same three rules in memory.
   *
   * @return the outcome
   */
  @Benchmark
  public Limiter.Outcome memoryThreeRules() {
    Limiter.Outcome o = memory.acquire(call, three, 20);
    o.reservation().settle(120, false);
    return o;
  }

  /**
   * Bucket4j's Lettuce integration, one rate, on the same server.
   *
   * @return whether a token was taken
   */
  @Benchmark
  public boolean bucket4jRate() {
    return bucket.tryConsume(1);
  }
}
