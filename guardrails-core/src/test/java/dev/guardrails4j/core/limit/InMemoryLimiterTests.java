package dev.guardrails4j.core.limit;

import dev.guardrails4j.core.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryLimiterTests {

  final MutableClock clock = new MutableClock();
  final InMemoryLimiter limiter = InMemoryLimiter.of(clock);

  static LimitRule rule(LimitRule.Kind kind, String text) {
    return LimitRule.parse("p", kind, text, Mode.ENFORCE);
  }

  static LimitRule monitored(LimitRule.Kind kind, String text) {
    return LimitRule.parse("p", kind, text, Mode.MONITOR);
  }

  static Invocation call(String user) {
    return Invocation.builder(Caller.of(Workload.of("svc"), User.of(user)), ModelRef.of("openai", "gpt-4o"))
        .userMessage("hello").build();
  }

  static final LimitRule.Kind REQUESTS = LimitRule.Kind.REQUESTS;
  static final LimitRule.Kind TOKENS = LimitRule.Kind.TOKENS;
  static final LimitRule.Kind CONCURRENT = LimitRule.Kind.CONCURRENT;

  @Test
  void givesBackReservedTokensWhenAnEnforcedRequestRuleRefuses() {
    LimitRule tokens = rule(TOKENS, "1000/1h per user");
    List<LimitRule> rules = List.of(tokens, rule(REQUESTS, "1/1h per user"));
    assertThat(limiter.acquire(call("alice"), rules, 10).violations()).isEmpty();

    Limiter.Outcome refused = limiter.acquire(call("alice"), rules, 10);

    assertThat(refused.violations()).extracting(v -> v.rule().kind()).containsExactly(REQUESTS);
    assertThat(refused.reservation()).isSameAs(Limiter.Reservation.NONE);
    String key = limiter.keys().key(tokens, call("alice"));
    assertThat(limiter.availableTokens(tokens, key)).isEqualTo(990);
  }

  @Test
  void takesNoRequestPermitWhenAnotherRuleRefuses() {
    List<LimitRule> rules = List.of(rule(CONCURRENT, "1 per user"), rule(REQUESTS, "2/1h per user"));
    Limiter.Outcome first = limiter.acquire(call("alice"), rules, 1);
    assertThat(limiter.acquire(call("alice"), rules, 1).violations())
        .extracting(v -> v.rule().kind()).containsExactly(CONCURRENT);
    first.reservation().settle(-1, false);

    assertThat(limiter.acquire(call("alice"), rules, 1).violations()).isEmpty();
  }

  @Test
  void reportsEveryExceededRuleInRuleOrder() {
    List<LimitRule> rules = List.of(rule(REQUESTS, "1/1h per user"), rule(TOKENS, "10/1h per user"));
    limiter.acquire(call("alice"), rules, 10);

    Limiter.Outcome o = limiter.acquire(call("alice"), rules, 10);

    assertThat(o.violations()).extracting(v -> v.rule().kind()).containsExactly(REQUESTS, TOKENS);
  }

  @Test
  void countsAndReportsAMonitoredRuleButKeepsTheOthersReserved() {
    LimitRule tokens = rule(TOKENS, "100/1h per user");
    List<LimitRule> rules = List.of(monitored(REQUESTS, "1/1h per user"), tokens);
    limiter.acquire(call("alice"), rules, 10);

    Limiter.Outcome o = limiter.acquire(call("alice"), rules, 10);

    assertThat(o.violations()).singleElement().satisfies(v -> assertThat(v.rule().mode()).isEqualTo(Mode.MONITOR));
    assertThat(o.reservation()).isNotSameAs(Limiter.Reservation.NONE);
    assertThat(limiter.availableTokens(tokens, limiter.keys().key(tokens, call("alice")))).isEqualTo(80);
  }

  @Test
  void reportsWhenARequestMayBeRetried() {
    List<LimitRule> rules = List.of(rule(REQUESTS, "2/1m per user"));
    limiter.acquire(call("alice"), rules, 1);
    limiter.acquire(call("alice"), rules, 1);
    clock.advance(Duration.ofSeconds(20));

    Limiter.Violation v = limiter.acquire(call("alice"), rules, 1).violations().get(0);

    assertThat(v.retryAfter()).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void reportsWhenEnoughTokensWillHaveRefilled() {
    List<LimitRule> rules = List.of(rule(TOKENS, "100/100s per user"));
    limiter.acquire(call("alice"), rules, 100);

    Limiter.Violation v = limiter.acquire(call("alice"), rules, 10).violations().get(0);

    assertThat(v.retryAfter()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void givesNoRetryTimeForAnEstimateLargerThanTheWholeBudget() {
    Limiter.Violation v = limiter.acquire(call("alice"), List.of(rule(TOKENS, "100/1h")), 101)
        .violations().get(0);

    assertThat(v.retryAfter()).isNull();
    assertThat(v.key()).isEqualTo("all");
  }

  @Test
  void settlesOnlyOnce() {
    LimitRule tokens = rule(TOKENS, "100/1h per user");
    Limiter.Outcome o = limiter.acquire(call("alice"), List.of(tokens), 50);

    o.reservation().settle(-1, true);
    o.reservation().settle(-1, true);
    limiter.acquire(call("alice"), List.of(tokens), 30);

    assertThat(limiter.availableTokens(tokens, limiter.keys().key(tokens, call("alice")))).isEqualTo(70);
  }

  @Test
  void releasesAConcurrencySlotWhenSettled() {
    List<LimitRule> rules = List.of(rule(CONCURRENT, "1 per user"));
    Limiter.Outcome first = limiter.acquire(call("alice"), rules, 1);
    assertThat(limiter.acquire(call("alice"), rules, 1).violations()).hasSize(1);

    first.reservation().settle(-1, false);

    assertThat(limiter.acquire(call("alice"), rules, 1).violations()).isEmpty();
  }

  @Test
  void forgetsARequestCounterAfterOneIdlePeriod() {
    limiter.acquire(call("alice"), List.of(rule(REQUESTS, "1/1m per user")), 1);
    assertThat(limiter.keyCount()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(59));
    assertThat(limiter.keyCount()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(2));

    assertThat(limiter.keyCount()).isZero();
  }

  @Test
  void forgetsATokenBudgetOnlyWhenItHasRefilled() {
    LimitRule tokens = rule(TOKENS, "100/1h per user");
    limiter.acquire(call("alice"), List.of(tokens), 100);

    clock.advance(Duration.ofMinutes(59));
    assertThat(limiter.keyCount()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(2));

    assertThat(limiter.keyCount()).isZero();
  }

  @Test
  void forgetsAConcurrencyCounterAfterTheIdleTimeout() {
    InMemoryLimiter l = InMemoryLimiter.builder().clock(clock).concurrencyIdleTimeout(Duration.ofMinutes(5)).build();
    l.acquire(call("alice"), List.of(rule(CONCURRENT, "1 per user"))  , 1).reservation().settle(-1, false);

    clock.advance(Duration.ofMinutes(6));

    assertThat(l.keyCount()).isZero();
  }

  @Test
  void capsTheNumberOfKeysUnderAFloodOfDistinctUsers() {
    InMemoryLimiter l = InMemoryLimiter.builder().clock(clock).maxKeys(50).build();
    List<LimitRule> rules = List.of(rule(REQUESTS, "10/1h per user"));

    for (int i = 0; i < 2_000; i++) {
      l.acquire(call("user-" + i), rules, 1);
    }

    assertThat(l.keyCount()).isLessThanOrEqualTo(50);
  }

  @Test
  void keepsAKeyInSteadyUseWhileAFloodOfNewUsersEvictsEachOther() {
    InMemoryLimiter l = InMemoryLimiter.builder().clock(clock).maxKeys(500).build();
    List<LimitRule> rules = List.of(rule(REQUESTS, "5/1h per user"));
    for (int i = 0; i < 5; i++) {
      l.acquire(call("alice"), rules, 1);
    }
    int aliceAdmitted = 0;
    for (int i = 0; i < 20_000; i++) {
      l.acquire(call("flood-" + i), rules, 1);
      if (i % 20 == 0 && l.acquire(call("alice"), rules, 1).violations().isEmpty()) {
        aliceAdmitted++;
      }
    }

    assertThat(aliceAdmitted).isZero();
    assertThat(l.keyCount()).isLessThanOrEqualTo(500);
  }

  @Test
  void neverReservesMoreThanTheBudgetWhenManyThreadsRace() throws Exception {
    LimitRule budget = rule(TOKENS, "1000/1h");
    List<LimitRule> rules = List.of(budget);
    int threads = 8;
    int attempts = 200;
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger admitted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < attempts; i++) {
            if (limiter.acquire(call("u" + i), rules, 7).violations().isEmpty()) {
              admitted.incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(admitted.get()).isEqualTo(1000 / 7);
    assertThat(limiter.availableTokens(budget, "all")).isEqualTo(1000 - 7 * (1000 / 7));
  }

  @Test
  void neverLetsRacingUnderEstimatesDriveABudgetBelowZero() throws Exception {
    LimitRule budget = rule(TOKENS, "1000/1h");
    List<LimitRule> rules = List.of(budget);
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger admitted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 100; i++) {
            Limiter.Outcome o = limiter.acquire(call("u"), rules, 10);
            if (o.violations().isEmpty()) {
              admitted.incrementAndGet();
              o.reservation().settle(12, false);
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    // Every admission reserved 10 of 1000; settling charged up to 2 more while the balance lasted.
    assertThat(admitted.get()).isBetween(1000 / 12, 1000 / 10);
    assertThat(limiter.availableTokens(budget, "all")).isBetween(0L, 9L);
  }

  @Test
  void rejectsBadBuilderSettings() {
    assertThatThrownBy(() -> InMemoryLimiter.builder().maxKeys(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxKeys");
    assertThatThrownBy(() -> InMemoryLimiter.builder().concurrencyIdleTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("concurrencyIdleTimeout");
    assertThatThrownBy(() -> InMemoryLimiter.builder().clock(clock).clock(clock))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("clock was already set");
  }
}
