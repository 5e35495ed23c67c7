package dev.guardrails4j.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.core.limit.LimitRule;
import dev.guardrails4j.core.limit.Limiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Limiter} contract as JUnit 5 tests: extend it, return your limiter from {@link
 * #limiter}, and every behaviour the contract's Javadoc promises is checked against it. The
 * in-memory limiter and {@code guardrails-redis}'s Redis limiter both run it.
 *
 * <pre>{@code
 * class MyLimiterContractTests extends LimiterContract {
 *   @Override
 *   protected Limiter limiter(ManualClock clock) {
 *     return MyLimiter.builder().clock(clock).userKeySalt("0123456789abcdef").build();
 *   }
 * }
 * }</pre>
 *
 * <p>Time moves only through the {@link ManualClock} the test hands to {@link #limiter}: the
 * limiter must read time from it. Every test uses its own policy id, so limiters whose state
 * outlives one test (a shared store) need no cleaning between tests.
 */
public abstract class LimiterContract {

  /** The clock the limiter under test reads. */
  protected final ManualClock clock = new ManualClock();

  private Limiter limiter;
  private String policy;
  private static final AtomicInteger POLICIES = new AtomicInteger();

  /**
   * The limiter under test, reading time from {@code clock}.
   *
   * @param clock the clock
   * @return a limiter
   */
  protected abstract Limiter limiter(ManualClock clock);

  /** Creates the limiter and a policy id of this test's own. */
  @BeforeEach
  void createLimiter() {
    limiter = limiter(clock);
    policy = "contract-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-" + POLICIES.incrementAndGet();
  }

  /** Closes the limiter when it is closeable. */
  @AfterEach
  void closeLimiter() throws Exception {
    if (limiter instanceof AutoCloseable c) {
      c.close();
    }
  }

  private LimitRule rule(LimitRule.Kind kind, String text) {
    return LimitRule.parse(policy, kind, text, Mode.ENFORCE);
  }

  private LimitRule monitored(LimitRule.Kind kind, String text) {
    return LimitRule.parse(policy, kind, text, Mode.MONITOR);
  }

  private static Invocation call(String user) {
    return Invocation.builder(Caller.of(Workload.of("svc"), User.of(user)), ModelRef.of("openai", "gpt-4o"))
        .userMessage("hello").build();
  }

  private boolean admitted(Limiter.Outcome o) {
    return o.violations().stream().noneMatch(v -> v.rule().mode() != Mode.MONITOR);
  }

  private static final LimitRule.Kind REQUESTS = LimitRule.Kind.REQUESTS;
  private static final LimitRule.Kind TOKENS = LimitRule.Kind.TOKENS;
  private static final LimitRule.Kind CONCURRENT = LimitRule.Kind.CONCURRENT;

  @Test
  void admitsTheRequestLimitPerPeriodAndSaysWhenToRetry() {
    List<LimitRule> rules = List.of(rule(REQUESTS, "2/1m per user"));
    assertThat(admitted(limiter.acquire(call("alice"), rules, 1))).isTrue();
    assertThat(admitted(limiter.acquire(call("alice"), rules, 1))).isTrue();
    clock.advance(Duration.ofSeconds(20));

    Limiter.Outcome refused = limiter.acquire(call("alice"), rules, 1);

    assertThat(refused.violations()).singleElement().satisfies(v ->
        assertThat(v.retryAfter()).isEqualTo(Duration.ofSeconds(40)));
    assertThat(refused.reservation()).isSameAs(Limiter.Reservation.NONE);
    clock.advance(Duration.ofSeconds(40));
    assertThat(admitted(limiter.acquire(call("alice"), rules, 1))).isTrue();
  }

  @Test
  void countsEachUserApart() {
    List<LimitRule> rules = List.of(rule(REQUESTS, "1/1h per user"));
    assertThat(admitted(limiter.acquire(call("alice"), rules, 1))).isTrue();

    assertThat(admitted(limiter.acquire(call("bob"), rules, 1))).isTrue();
    assertThat(admitted(limiter.acquire(call("alice"), rules, 1))).isFalse();
  }

  @Test
  void namesTheUserOnlyByFingerprintInAViolation() {
    List<LimitRule> rules = List.of(rule(REQUESTS, "1/1h per user"));
    limiter.acquire(call("alice@example.com"), rules, 1);

    Limiter.Violation v = limiter.acquire(call("alice@example.com"), rules, 1).violations().get(0);

    assertThat(v.key()).matches("user=[0-9a-f]{16}").doesNotContain("alice");
  }

  @Test
  void reservesTheEstimateAndSettlesToTheReportedUsage() {
    List<LimitRule> rules = List.of(rule(TOKENS, "100/1h per user"));
    Limiter.Outcome first = limiter.acquire(call("alice"), rules, 50);
    assertThat(admitted(first)).isTrue();
    first.reservation().settle(20, false);            // 30 of the 50 come back: 80 left

    assertThat(admitted(limiter.acquire(call("alice"), rules, 80))).isTrue();
    assertThat(admitted(limiter.acquire(call("alice"), rules, 1))).isFalse();
  }

  @Test
  void givesEverythingBackWhenTheCallFailed() {
    List<LimitRule> rules = List.of(rule(TOKENS, "100/1h per user"));
    Limiter.Outcome first = limiter.acquire(call("alice"), rules, 60);
    first.reservation().settle(-1, true);

    assertThat(admitted(limiter.acquire(call("alice"), rules, 100))).isTrue();
  }

  @Test
  void neverDrivesABudgetBelowZeroWhenUsageExceedsTheEstimate() {
    List<LimitRule> rules = List.of(rule(TOKENS, "100/100s per user"));
    limiter.acquire(call("alice"), rules, 10).reservation().settle(1_000, false);   // charged 100 at most
    clock.advance(Duration.ofSeconds(10));                                           // refills 10

    assertThat(admitted(limiter.acquire(call("alice"), rules, 10))).isTrue();
    assertThat(admitted(limiter.acquire(call("alice"), rules, 1))).isFalse();
  }

  @Test
  void saysWhenEnoughTokensWillHaveRefilled() {
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
    List<LimitRule> rules = List.of(rule(TOKENS, "100/1h per user"));
    Limiter.Outcome o = limiter.acquire(call("alice"), rules, 50);
    o.reservation().settle(-1, true);
    o.reservation().settle(-1, true);                  // a second give-back would make 150

    assertThat(admitted(limiter.acquire(call("alice"), rules, 100))).isTrue();
    assertThat(admitted(limiter.acquire(call("alice"), rules, 1))).isFalse();
  }

  @Test
  void takesNothingWhenAnEnforcedRuleRefuses() {
    LimitRule tokens = rule(TOKENS, "100/1h per user");
    List<LimitRule> rules = List.of(tokens, rule(REQUESTS, "1/1h per user"));
    assertThat(admitted(limiter.acquire(call("alice"), rules, 10))).isTrue();

    Limiter.Outcome refused = limiter.acquire(call("alice"), rules, 10);

    assertThat(refused.violations()).extracting(v -> v.rule().kind()).containsExactly(REQUESTS);
    assertThat(refused.reservation()).isSameAs(Limiter.Reservation.NONE);
    assertThat(admitted(limiter.acquire(call("alice"), List.of(tokens), 90))).isTrue();
  }

  @Test
  void reportsEveryExceededRuleInRuleOrder() {
    List<LimitRule> rules = List.of(rule(REQUESTS, "1/1h per user"), rule(TOKENS, "10/1h per user"));
    limiter.acquire(call("alice"), rules, 10);

    Limiter.Outcome o = limiter.acquire(call("alice"), rules, 10);

    assertThat(o.violations()).extracting(v -> v.rule().kind()).containsExactly(REQUESTS, TOKENS);
  }

  @Test
  void countsAndReportsAMonitoredRuleButNeverRefuses() {
    List<LimitRule> rules = List.of(monitored(REQUESTS, "1/1h per user"));
    limiter.acquire(call("alice"), rules, 1);

    Limiter.Outcome o = limiter.acquire(call("alice"), rules, 1);

    assertThat(o.violations()).singleElement().satisfies(v -> assertThat(v.rule().mode()).isEqualTo(Mode.MONITOR));
    assertThat(admitted(o)).isTrue();
  }

  @Test
  void holdsAConcurrencySlotUntilTheCallIsSettled() {
    List<LimitRule> rules = List.of(rule(CONCURRENT, "1 per user"));
    Limiter.Outcome first = limiter.acquire(call("alice"), rules, 1);
    assertThat(admitted(first)).isTrue();

    Limiter.Outcome second = limiter.acquire(call("alice"), rules, 1);
    assertThat(second.violations()).singleElement().satisfies(v -> assertThat(v.retryAfter()).isNull());
    first.reservation().settle(5, false);

    assertThat(admitted(limiter.acquire(call("alice"), rules, 1))).isTrue();
  }

  @Test
  void admitsExactlyTheLimitWhenManyThreadsRace() throws Exception {
    List<LimitRule> rules = List.of(rule(REQUESTS, "50/1h per user"));
    assertThat(race(8, 20, () -> admitted(limiter.acquire(call("alice"), rules, 1)))).isEqualTo(50);
  }

  @Test
  void neverReservesMoreThanTheBudgetWhenManyThreadsRace() throws Exception {
    List<LimitRule> rules = List.of(rule(TOKENS, "1000/1h per user"));
    assertThat(race(8, 25, () -> admitted(limiter.acquire(call("alice"), rules, 7)))).isEqualTo(1000 / 7);
  }

  /** Runs {@code attempt} {@code perThread} times on each of {@code threads} threads; counts the trues. */
  private static int race(int threads, int perThread, Callable<Boolean> attempt) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          int n = 0;
          for (int i = 0; i < perThread; i++) {
            if (attempt.call()) {
              n++;
            }
          }
          return n;
        }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : futures) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }
}
