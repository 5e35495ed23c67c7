package dev.guardrails4j.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.limit.LimitRule;
import dev.guardrails4j.core.limit.LimitStoreException;
import dev.guardrails4j.core.limit.Limiter;
import dev.guardrails4j.core.policy.PolicySet;
import dev.guardrails4j.testsupport.RedisServer;
import dev.guardrails4j.test.ManualClock;
import dev.guardrails4j.test.RecordingDecisionListener;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Redis limiter behind real engines, on a real Redis server per test. */
class RedisLimiterTests {

  static final String SALT = "replicas-share-this-salt";

  RedisServer redis;
  final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void startRedis() {
    redis = RedisServer.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    redis.close();
  }

  RedisLimiter limiter() {
    RedisLimiter l = RedisLimiter.builder(redis.uri()).userKeySalt(SALT).build();
    closing.add(l);
    return l;
  }

  Guardrails replica(RedisLimiter limiter, String onError, String limits, RecordingDecisionListener listener) {
    String policy = """
        version: 1
        defaults: { access: allow, on-error: %s }
        policies:
          - id: drafts
            match: { action: [draft-reply] }
            limits: %s
        """.formatted(onError, limits);
    Guardrails g = Guardrails.builder().policies(PolicySet.parse("guardrails.yaml", policy)).limiter(limiter)
        .fingerprintSalt(SALT).auditLog(false).listener(listener).build();
    closing.add(g);
    return g;
  }

  static Invocation draft(String user) {
    return Invocation.builder(Caller.of(Workload.of("support-desk"), User.builder(user).tenant("acme").build()),
        ModelRef.of("openai", "gpt-4o-mini")).action("draft-reply").userMessage("Draft a reply").build();
  }

  static boolean admitted(Guardrails g, Invocation call) {
    try {
      g.start(call).close();
      return true;
    } catch (GuardrailViolationException e) {
      return false;
    }
  }

  RedisCommands<String, String> inspect() {
    RedisClient client = RedisClient.create(redis.uri());
    StatefulRedisConnection<String, String> c = client.connect();
    closing.add(() -> {
      c.close();
      client.shutdown();
    });
    return c.sync();
  }

  @Test
  void replicasRacingOnOneUsersRateAdmitExactlyTheLimitInTotal() throws Exception {
    List<Guardrails> replicas = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      replicas.add(replica(limiter(), "block", "{ requests: 40/1h per user }", new RecordingDecisionListener()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> counts = new ArrayList<>();
      for (int t = 0; t < 12; t++) {
        Guardrails g = replicas.get(t % 3);
        counts.add(pool.submit(() -> {
          start.await();
          int n = 0;
          for (int i = 0; i < 10; i++) {
            n += admitted(g, draft("alice")) ? 1 : 0;
          }
          return n;
        }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : counts) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(40);
    } finally {
      pool.shutdownNow();
    }
    assertThat(admitted(replicas.get(0), draft("bob"))).isTrue();
  }

  @Test
  void aCrashedReplicasConcurrencySlotEndsWithItsLease() {
    ManualClock clock = new ManualClock();
    RedisLimiter crashed = RedisLimiter.builder(redis.uri()).userKeySalt(SALT).clock(clock)
        .leaseTimeToLive(Duration.ofSeconds(30)).build();
    RedisLimiter survivor = RedisLimiter.builder(redis.uri()).userKeySalt(SALT).clock(clock).build();
    closing.add(crashed);
    closing.add(survivor);
    List<LimitRule> rules = List.of(LimitRule.parse("calls", LimitRule.Kind.CONCURRENT, "1 per user", Mode.ENFORCE));

    assertThat(crashed.acquire(draft("alice"), rules, 1).violations()).isEmpty();   // never settled
    crashed.close();
    assertThat(survivor.acquire(draft("alice"), rules, 1).violations()).hasSize(1);
    clock.advance(Duration.ofSeconds(31));

    assertThat(survivor.acquire(draft("alice"), rules, 1).violations()).isEmpty();
  }

  @Test
  void failsClosedWhileRedisIsDownAndRecoversWithoutARestart() {
    RedisLimiter limiter = limiter();
    RecordingDecisionListener decisions = new RecordingDecisionListener();
    Guardrails g = replica(limiter, "block", "{ requests: 100/1m per user }", decisions);
    assertThat(admitted(g, draft("alice"))).isTrue();

    redis.kill();

    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> g.start(draft("alice"))).isInstanceOf(GuardrailViolationException.class);
    }
    Decision refused = decisions.lastDecision(Phase.LIMITS).orElseThrow();
    assertThat(refused.verdict()).isEqualTo(Verdict.DENY);
    assertThat(refused.error()).isTrue();
    assertThat(refused.reasons()).anySatisfy(r -> assertThat(r).contains("limit store " + redis.uri().replace("127.0.0.1", "127.0.0.1") + " failed"));
    assertThat(limiter.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> g.start(draft("alice"))).isInstanceOf(GuardrailViolationException.class);
    assertThat(System.nanoTime() - t0).as("an open breaker answers without waiting for Redis")
        .isLessThan(TimeUnit.MILLISECONDS.toNanos(40));

    redis.startAgain();

    Awaitility.await("limits admitted again after Redis came back").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100)).until(() -> admitted(g, draft("alice")));
    assertThat(decisions.lastDecision(Phase.LIMITS).orElseThrow().error()).isFalse();
  }

  @Test
  void onErrorAllowCountsInTheProcessWhileRedisIsDownAndSaysSo() {
    RecordingDecisionListener decisions = new RecordingDecisionListener();
    Guardrails g = replica(limiter(), "allow", "{ requests: 3/1m per user }", decisions);
    redis.kill();

    assertThat(admitted(g, draft("alice"))).isTrue();
    Decision counted = decisions.lastDecision(Phase.LIMITS).orElseThrow();
    assertThat(counted.error()).isTrue();
    assertThat(counted.reasons()).anySatisfy(r -> assertThat(r)
        .contains("limit store " + redis.uri() + " failed; on-error: allow, so this process's in-memory limiter counted the call"));
    assertThat(admitted(g, draft("alice"))).isTrue();
    assertThat(admitted(g, draft("alice"))).isTrue();

    assertThat(admitted(g, draft("alice"))).as("the in-process limit still holds").isFalse();
  }

  @Test
  void keepsOneCallsKeysOnOneClusterSlotAndLetsEveryKeyExpire() {
    RedisLimiter limiter = limiter();
    List<LimitRule> rules = List.of(
        LimitRule.parse("p", LimitRule.Kind.REQUESTS, "10/1m per user", Mode.ENFORCE),
        LimitRule.parse("p", LimitRule.Kind.TOKENS, "1000/1d per tenant", Mode.ENFORCE),
        LimitRule.parse("p", LimitRule.Kind.CONCURRENT, "2 per user+model", Mode.ENFORCE),
        LimitRule.parse("p", LimitRule.Kind.REQUESTS, "100/1h", Mode.MONITOR));
    Limiter.Outcome o = limiter.acquire(draft("alice"), rules, 10);
    assertThat(o.violations()).isEmpty();

    List<String> keys = inspect().keys("*");

    assertThat(keys).hasSize(4).allSatisfy(k -> assertThat(k).startsWith("{guardrails}:limit:"));
    assertThat(keys.stream().map(SlotHash::getSlot).distinct()).hasSize(1);
    assertThat(keys).allSatisfy(k -> assertThat(inspect().pttl(k)).isPositive());
    o.reservation().settle(12, false);
    assertThat(inspect().keys("*")).allSatisfy(k -> assertThat(inspect().pttl(k)).isPositive());
  }

  @Test
  void storesNoRawUserIdInAnyKeyOrValue() {
    Guardrails g = replica(limiter(), "block",
        "{ requests: 5/1m per user, tokens: 1000/1h per user, concurrent: 2 per user }", new RecordingDecisionListener());
    for (int i = 0; i < 3; i++) {
      admitted(g, draft("alice.smith@example.com"));
    }
    RedisCommands<String, String> r = inspect();

    List<String> everything = new ArrayList<>();
    for (String k : r.keys("*")) {
      everything.add(k);
      switch (r.type(k)) {
        case "hash" -> r.hgetall(k).forEach((f, v) -> {
          everything.add(f);
          everything.add(v);
        });
        case "zset" -> everything.addAll(r.zrange(k, 0, -1));
        default -> everything.add(r.get(k));
      }
    }

    assertThat(everything).isNotEmpty().noneSatisfy(s -> assertThat(s).containsIgnoringCase("alice"));
    assertThat(r.keys("*")).anySatisfy(k -> assertThat(k).matches(".*:user=[0-9a-f]{16}"));
  }

  @Test
  void takesRetryAfterFromTheServersClock() {
    RedisLimiter limiter = limiter();
    List<LimitRule> rules = List.of(LimitRule.parse("p", LimitRule.Kind.REQUESTS, "1/1m per user", Mode.ENFORCE));
    limiter.acquire(draft("alice"), rules, 1);

    Limiter.Violation v = limiter.acquire(draft("alice"), rules, 1).violations().get(0);

    assertThat(v.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void refusesToBuildWithoutASharedSaltOrWithoutAHashTag() {
    assertThatThrownBy(() -> RedisLimiter.builder(redis.uri()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("guardrails.audit.fingerprint-salt");
    assertThatThrownBy(() -> RedisLimiter.builder(redis.uri()).keyPrefix("guardrails:limit"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hash tag");
    assertThatThrownBy(() -> RedisLimiter.builder(redis.uri()).commandTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisLimiter.builder(redis.uri()).userKeySalt("short"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void throwsAStoreFailureNamingTheStoreWhenRedisIsUnreachable() {
    RedisLimiter limiter = limiter();
    redis.kill();
    List<LimitRule> rules = List.of(LimitRule.parse("p", LimitRule.Kind.REQUESTS, "1/1m", Mode.ENFORCE));

    assertThatThrownBy(() -> limiter.acquire(draft("alice"), rules, 1))
        .isInstanceOf(LimitStoreException.class)
        .hasMessageStartingWith("limit store " + redis.uri() + ": ")
        .satisfies(e -> assertThat(((LimitStoreException) e).store()).isEqualTo(redis.uri()));
    assertThat(limiter.ping()).isFalse();
  }
}
