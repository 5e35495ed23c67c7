package dev.guardrails4j.core.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Mode;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The in-process {@link Limiter}: counters live in this JVM, on Resilience4j where it fits.
 *
 * <h2>How each kind is counted</h2>
 *
 * <ul>
 *   <li><b>Requests</b> ({@code 60/1m}): a Resilience4j {@code AtomicRateLimiter} per key, with
 *       {@code amount} permits per period in fixed cycles that start when the key is first seen,
 *       and zero wait. Its time comes from the injected {@link Clock} (through the limiter's
 *       nano-time supplier), so tests move time instead of sleeping. A request is counted when
 *       the call is admitted, whether or not the model call then succeeds.
 *   <li><b>Tokens</b> ({@code 200000/1d}): Resilience4j has no limiter that can give permits back,
 *       and a budget must: the estimate is reserved before the call and corrected to the
 *       provider's reported usage after it. A token budget is therefore a token bucket of our
 *       own ({@code amount} tokens at most, refilling continuously at {@code amount} per period),
 *       held in one {@code long} updated by compare-and-set loops: no locks.
 *   <li><b>Concurrent calls</b> ({@code 5 per user}): a Resilience4j semaphore {@code Bulkhead}
 *       per key with zero wait; the slot is released when the call is settled.
 * </ul>
 *
 * <h2>Token budgets: estimate, reservation, reconciliation</h2>
 *
 * <p>The engine reserves {@code invocation.tokenEstimate()} when the adapter set it, else its
 * documented estimate of the prompt: one token per four UTF-16 characters of all messages, rounded
 * up, plus four tokens per message. (At least one token is always reserved.) When the call ends,
 * {@link Limiter.Reservation#settle settle} corrects the budget to the usage the provider reported
 * (input plus output tokens; with LangChain4j, its {@code TokenUsage} totals): an over-estimate is
 * given back, an under-estimate is charged. A failed call gives back everything it reserved.
 *
 * <h2>Documented bounds</h2>
 *
 * <ul>
 *   <li>A budget never goes below zero, and concurrent callers never reserve more than its
 *       balance together: each reservation is one compare-and-set of the whole balance. With the
 *       clock standing still, callers racing on a budget of {@code B} tokens reserve at most
 *       {@code B} tokens, however many threads race.
 *   <li>Over any interval of length {@code T}, the tokens reserved under one key are at most
 *       {@code amount * (1 + T / period)} (a full bucket plus its refill).
 *   <li>The only way past a budget is under-estimation: usage above the estimate is charged at
 *       settlement as far as the balance goes, and the rest is forgiven so the balance never goes
 *       negative. The excess is therefore at most the sum of {@code actual - estimate} over the
 *       calls settled while the budget was short. The engine's estimate covers the prompt only,
 *       so answers longer than the remaining budget are the usual source; budget for it, or set
 *       {@code Invocation.tokenEstimate} to include the expected answer.
 *   <li>Requests: at most {@code amount} per cycle of {@code period}, so at most
 *       {@code 2 * amount} in any window of one period that straddles two cycles.
 *   <li>Concurrency: at most {@code amount} calls in flight per key, as long as the key is not
 *       evicted while calls hold it (see below).
 * </ul>
 *
 * <h2>Several limits on one call</h2>
 *
 * <p>All must pass. Concurrency and token rules are tried first and, if an enforced rule then
 * refuses, given back; request rules come last, after a check that takes nothing. Resilience4j's
 * rate limiter cannot return a permit, so a call refused by an enforced rule keeps nothing
 * reserved, except in one race: when another caller takes the last permit of an enforced request
 * rule between that check and the acquisition, the request permits already taken for the
 * refused call stay used (at most one per request rule per call in that race). Every rule is
 * evaluated, so every exceeded rule is reported, enforced or monitored. Rules in monitor mode
 * count and report but never refuse: a monitored budget takes what is left and reports the rest.
 *
 * <h2>Memory: idle keys expire, the number of keys is capped</h2>
 *
 * <p>Counters live in one Caffeine cache, keyed by rule and {@link LimitKeys key}, with time read
 * from the clock. A request or token counter expires after one period without use: by then it is
 * indistinguishable from a fresh one, so expiry forgets nothing. A concurrency counter expires
 * after {@link Builder#concurrencyIdleTimeout} without a call starting (default one hour): keep
 * it above your longest model call, since a counter forgotten while calls hold it lets the key
 * start again from zero. The cache holds at most {@link Builder#maxKeys} counters (default
 * {@value #DEFAULT_MAX_KEYS}) across all rules; over the cap, Caffeine evicts by recency and
 * frequency (Window TinyLFU), so a flood of distinct new users evicts mostly each other, while
 * keys in steady use stay. A user whose counter was evicted starts afresh, so under such a flood a
 * limit can be looser than written, never stricter. A request or concurrency counter (a
 * Resilience4j instance) takes about 420 bytes with its cache entry and key, a token budget about
 * half that, so the default cap bounds the limiter to about 45 MB whatever callers send.
 *
 * <p>Counters are keyed by the rule's policy, kind, amount, period and {@code per} clause (not by
 * its mode), so reloading an unchanged policy keeps every count, and switching a policy between
 * monitor and enforce does too; changing a rule's amount or period starts it afresh.
 *
 * <p>Thread-safe; the hot path takes no lock (Caffeine's reads are lock-free; inserting a new key
 * may do a little amortised maintenance).
 */
public final class InMemoryLimiter implements Limiter {

  /** The default cap on the number of counters. */
  public static final long DEFAULT_MAX_KEYS = 100_000;

  /** The default idle time after which a concurrency counter is forgotten. */
  public static final Duration DEFAULT_CONCURRENCY_IDLE_TIMEOUT = Duration.ofHours(1);

  private final Clock clock;
  private final LimitKeys keys;
  private final long concurrencyIdleNanos;
  private final Cache<Slot, Counter> counters;
  private final Supplier<Long> nanoTime;

  private InMemoryLimiter(Builder b) {
    this.clock = b.clock;
    this.keys = new LimitKeys(b.salt != null ? b.salt : randomSalt());
    this.concurrencyIdleNanos = b.concurrencyIdleTimeout.toNanos();
    this.nanoTime = this::now;
    this.counters = Caffeine.newBuilder()
        .maximumSize(b.maxKeys)
        .expireAfter(new IdleExpiry())
        .ticker(this::now)
        .executor(Runnable::run)
        .build();
  }

  /**
   * An in-process limiter with the defaults and a random salt for user fingerprints.
   *
   * @param clock the clock periods are measured with
   * @return the limiter
   */
  public static InMemoryLimiter of(Clock clock) {
    return builder().clock(clock).build();
  }

  /**
   * Starts a builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Outcome acquire(Invocation invocation, List<LimitRule> rules, long estimatedTokens) {
    Objects.requireNonNull(invocation, "invocation");
    Objects.requireNonNull(rules, "rules");
    if (rules.isEmpty()) {
      return new Outcome(List.of(), Reservation.NONE);
    }
    long now = now();
    long tokens = Math.max(1, estimatedTokens);
    int n = rules.size();
    Counter[] found = new Counter[n];
    String[] keyOf = new String[n];
    Violation[] violations = null;
    String[] userPart = new String[1];
    Held held = new Held(now);
    boolean blocked = false;
    boolean anyRequests = false;
    long[] out = new long[3];

    // Concurrency and tokens first: what they take can be given back.
    for (int i = 0; i < n; i++) {
      LimitRule r = rules.get(i);
      if (r.kind() == LimitRule.Kind.REQUESTS) {
        anyRequests = true;
        continue;
      }
      keyOf[i] = keys.key(r, invocation, userPart);
      Counter c = counter(r, keyOf[i]);
      found[i] = c;
      boolean monitor = r.mode() == Mode.MONITOR;
      Violation v = null;
      if (r.kind() == LimitRule.Kind.CONCURRENT) {
        Bulkhead bulkhead = ((Concurrency) c).bulkhead;
        if (blocked) {
          if (bulkhead.getMetrics().getAvailableConcurrentCalls() <= 0) {
            v = new Violation(r, keyOf[i], null);
          }
        } else if (bulkhead.tryAcquirePermission()) {
          held.add(bulkhead);
        } else {
          v = new Violation(r, keyOf[i], null);
        }
      } else {
        TokenBucket bucket = (TokenBucket) c;
        if (blocked) {
          long wait = bucket.wait(tokens, now);
          if (wait != 0) {
            v = new Violation(r, keyOf[i], retryAfter(wait));
          }
        } else {
          boolean fits = bucket.reserve(tokens, now, monitor, out);
          if (out[0] > 0) {
            held.add(new Slot(r, keyOf[i]), bucket, out[0], out[1]);
          }
          if (!fits) {
            v = new Violation(r, keyOf[i], retryAfter(out[2]));
          }
        }
      }
      if (v != null) {
        violations = add(violations, n, i, v);
        blocked |= !monitor;
      }
    }

    if (anyRequests) {
      // Check enforced request rules without taking anything: a permit taken cannot be returned.
      for (int i = 0; i < n && !blocked; i++) {
        LimitRule r = rules.get(i);
        if (r.kind() == LimitRule.Kind.REQUESTS && r.mode() != Mode.MONITOR) {
          keyOf[i] = keys.key(r, invocation, userPart);
          found[i] = counter(r, keyOf[i]);
          blocked = ((Requests) found[i]).limiter.getDetailedMetrics().getNanosToWait() > 0;
        }
      }
      for (int i = 0; i < n; i++) {
        LimitRule r = rules.get(i);
        if (r.kind() != LimitRule.Kind.REQUESTS) {
          continue;
        }
        if (found[i] == null) {
          keyOf[i] = keys.key(r, invocation, userPart);
          found[i] = counter(r, keyOf[i]);
        }
        AtomicRateLimiter limiter = ((Requests) found[i]).limiter;
        boolean refused = blocked
            ? limiter.getDetailedMetrics().getNanosToWait() > 0
            : !limiter.acquirePermission(1);
        if (refused) {
          long wait = limiter.getDetailedMetrics().getNanosToWait();
          violations = add(violations, n, i, new Violation(r, keyOf[i], retryAfter(Math.max(wait, 1))));
          blocked |= r.mode() != Mode.MONITOR;
        }
      }
    }

    List<Violation> reported = violations == null ? List.of() : compact(violations);
    if (blocked) {
      held.rollBack(now());
      return new Outcome(reported, Reservation.NONE);
    }
    return new Outcome(reported, held.isEmpty() ? Reservation.NONE : held);
  }

  /**
   * The number of counters held (after pending expiry and eviction are carried out).
   *
   * @return the number of keys
   */
  public long keyCount() {
    counters.cleanUp();
    return counters.estimatedSize();
  }

  /**
   * The key scheme of this limiter.
   *
   * @return the keys
   */
  public LimitKeys keys() {
    return keys;
  }

  /** Tokens available under one key now, for tests; -1 when the key has no counter. */
  long availableTokens(LimitRule rule, String key) {
    Counter c = counters.getIfPresent(new Slot(rule, key));
    return c instanceof TokenBucket b ? b.available(now()) : -1;
  }

  private Counter counter(LimitRule rule, String key) {
    return counters.get(new Slot(rule, key), this::create);
  }

  private Counter create(Slot s) {
    return switch (s.kind) {
      case REQUESTS -> new Requests(new AtomicRateLimiter(s.key, RateLimiterConfig.custom()
          .limitForPeriod((int) Math.min(s.amount, Integer.MAX_VALUE))
          .limitRefreshPeriod(Objects.requireNonNull(s.period))
          .timeoutDuration(Duration.ZERO)
          .build(), nanoTime), Objects.requireNonNull(s.period).toNanos());
      case TOKENS -> new TokenBucket(s.amount, Objects.requireNonNull(s.period));
      case CONCURRENT -> new Concurrency(Bulkhead.of(s.key, BulkheadConfig.custom()
          .maxConcurrentCalls((int) Math.min(s.amount, Integer.MAX_VALUE))
          .maxWaitDuration(Duration.ZERO)
          .fairCallHandlingStrategyEnabled(false)
          .build()), concurrencyIdleNanos);
    };
  }

  private long now() {
    Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private static @Nullable Duration retryAfter(long waitNanos) {
    if (waitNanos < 0) {
      return null; // never fits: the estimate is larger than the whole budget
    }
    // Whole milliseconds, rounded up, so a client that waits this long finds room.
    long ms = (waitNanos + 999_999) / 1_000_000;
    return Duration.ofMillis(Math.max(1, ms));
  }

  private static Violation[] add(Violation @Nullable [] all, int n, int i, Violation v) {
    Violation[] a = all == null ? new Violation[n] : all;
    a[i] = v;
    return a;
  }

  private static List<Violation> compact(Violation[] all) {
    List<Violation> out = new ArrayList<>(2);
    for (Violation v : all) {
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  private static byte[] randomSalt() {
    byte[] s = new byte[32];
    new SecureRandom().nextBytes(s);
    return s;
  }

  /** A counter in the cache. */
  interface Counter {

    /**
     * How long the counter may go unused before it is forgotten.
     *
     * @return nanoseconds
     */
    long idleNanos();
  }

  /** Request rate: a Resilience4j rate limiter on the injected clock. */
  static final class Requests implements Counter {
    final AtomicRateLimiter limiter;
    private final long idle;

    Requests(AtomicRateLimiter limiter, long idle) {
      this.limiter = limiter;
      this.idle = idle;
    }

    @Override
    public long idleNanos() {
      return idle;
    }
  }

  /** Concurrency: a Resilience4j semaphore bulkhead with zero wait. */
  static final class Concurrency implements Counter {
    final Bulkhead bulkhead;
    private final long idle;

    Concurrency(Bulkhead bulkhead, long idle) {
      this.bulkhead = bulkhead;
      this.idle = idle;
    }

    @Override
    public long idleNanos() {
      return idle;
    }
  }

  /**
   * A counter's identity: the rule without its mode, and the key.
   */
  static final class Slot {
    final String policyId;
    final LimitRule.Kind kind;
    final long amount;
    final @Nullable Duration period;
    final List<LimitRule.KeyPart> per;
    final String key;
    private final int hash;

    Slot(LimitRule rule, String key) {
      this.policyId = rule.policyId();
      this.kind = rule.kind();
      this.amount = rule.amount();
      this.period = rule.period();
      this.per = rule.key();
      this.key = key;
      int h = key.hashCode();
      h = 31 * h + policyId.hashCode();
      h = 31 * h + kind.ordinal();
      h = 31 * h + Long.hashCode(amount);
      h = 31 * h + Objects.hashCode(period);
      for (LimitRule.KeyPart p : per) {
        h = 31 * h + p.ordinal();
      }
      this.hash = h;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Slot s && hash == s.hash && amount == s.amount && kind == s.kind
          && key.equals(s.key) && policyId.equals(s.policyId) && Objects.equals(period, s.period)
          && per.equals(s.per);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return policyId + "/" + kind.label() + "/" + key;
    }
  }

  /** Expires each counter after its own idle time since it was last used. */
  private static final class IdleExpiry implements Expiry<Slot, Counter> {
    @Override
    public long expireAfterCreate(Slot key, Counter value, long currentTime) {
      return value.idleNanos();
    }

    @Override
    public long expireAfterUpdate(Slot key, Counter value, long currentTime, long currentDuration) {
      return value.idleNanos();
    }

    @Override
    public long expireAfterRead(Slot key, Counter value, long currentTime, long currentDuration) {
      return value.idleNanos();
    }
  }

  /** What one call holds: concurrency slots and token reservations. */
  private final class Held implements Reservation {
    private final long start;
    private @Nullable Bulkhead @Nullable [] bulkheads;
    private int bulkheadCount;
    private @Nullable TokenHold @Nullable [] holds;
    private int holdCount;
    private final AtomicBoolean settled = new AtomicBoolean();

    Held(long start) {
      this.start = start;
    }

    void add(Bulkhead b) {
      if (bulkheads == null) {
        bulkheads = new Bulkhead[2];
      } else if (bulkheadCount == bulkheads.length) {
        bulkheads = Arrays.copyOf(bulkheads, bulkheadCount * 2);
      }
      bulkheads[bulkheadCount++] = b;
    }

    void add(Slot slot, TokenBucket bucket, long charged, long end) {
      if (holds == null) {
        holds = new TokenHold[2];
      } else if (holdCount == holds.length) {
        holds = Arrays.copyOf(holds, holdCount * 2);
      }
      holds[holdCount++] = new TokenHold(slot, bucket, charged, end);
    }

    boolean isEmpty() {
      return bulkheadCount == 0 && holdCount == 0;
    }

    /** Gives everything back at once: an enforced rule refused the call. */
    void rollBack(long now) {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      for (int i = 0; i < bulkheadCount; i++) {
        Objects.requireNonNull(bulkheads)[i].releasePermission();
      }
      for (int i = 0; i < holdCount; i++) {
        TokenHold h = Objects.requireNonNull(Objects.requireNonNull(holds)[i]);
        h.bucket.refund(h.charged, h.end, now);
      }
    }

    @Override
    public void settle(long actualTokens, boolean failed) {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      long now = now();
      for (int i = 0; i < bulkheadCount; i++) {
        Objects.requireNonNull(bulkheads)[i].onComplete();
      }
      for (int i = 0; i < holdCount; i++) {
        TokenHold h = Objects.requireNonNull(Objects.requireNonNull(holds)[i]);
        if (failed) {
          h.bucket.refund(h.charged, h.end, now);
        } else if (actualTokens >= 0) {
          long delta = actualTokens - h.charged;
          if (delta < 0) {
            h.bucket.refund(-delta, h.end, now);
          } else if (delta > 0) {
            h.bucket.charge(delta, now);
            // Keep the counter alive: it now owes tokens beyond its last use at acquisition.
            counters.getIfPresent(h.slot);
          }
        }
      }
    }

    @Override
    public String toString() {
      return "reservation of " + bulkheadCount + " slot(s) and " + holdCount + " budget(s) since " + start;
    }
  }

  private record TokenHold(Slot slot, TokenBucket bucket, long charged, long end) {}

  /**
   * Builds an {@link InMemoryLimiter}. Each option may be set once.
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private boolean clockSet;
    private long maxKeys = DEFAULT_MAX_KEYS;
    private boolean maxKeysSet;
    private Duration concurrencyIdleTimeout = DEFAULT_CONCURRENCY_IDLE_TIMEOUT;
    private boolean idleSet;
    private byte @Nullable [] salt;

    private Builder() {}

    private static void once(boolean set, String option) {
      if (set) {
        throw new IllegalStateException(option + " was already set");
      }
    }

    /**
     * The clock periods are measured with (default: the system UTC clock). Tests inject a clock
     * they move instead of sleeping.
     *
     * @param clock the clock
     * @return this
     * @throws IllegalStateException if set twice
     */
    public Builder clock(Clock clock) {
      once(clockSet, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      clockSet = true;
      return this;
    }

    /**
     * The most counters held at once, across all rules (default {@value #DEFAULT_MAX_KEYS}).
     *
     * @param maxKeys at least 1
     * @return this
     * @throws IllegalArgumentException if below 1
     * @throws IllegalStateException if set twice
     */
    public Builder maxKeys(long maxKeys) {
      once(maxKeysSet, "maxKeys");
      if (maxKeys < 1) {
        throw new IllegalArgumentException("maxKeys must be at least 1, got " + maxKeys);
      }
      this.maxKeys = maxKeys;
      maxKeysSet = true;
      return this;
    }

    /**
     * How long a concurrency counter may go without a call starting before it is forgotten
     * (default one hour). Keep it above the longest model call.
     *
     * @param timeout positive
     * @return this
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if set twice
     */
    public Builder concurrencyIdleTimeout(Duration timeout) {
      once(idleSet, "concurrencyIdleTimeout");
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("concurrencyIdleTimeout must be positive, got " + timeout);
      }
      this.concurrencyIdleTimeout = timeout;
      idleSet = true;
      return this;
    }

    /**
     * The salt of user fingerprints in keys (default: random per limiter). {@code Guardrails}
     * passes its fingerprint salt, so keys match the user fingerprints of audit events.
     *
     * @param salt at least 16 bytes
     * @return this
     * @throws IllegalArgumentException for a shorter salt
     * @throws IllegalStateException if set twice
     */
    public Builder userKeySalt(byte[] salt) {
      once(this.salt != null, "userKeySalt");
      Objects.requireNonNull(salt, "salt");
      if (salt.length < 16) {
        throw new IllegalArgumentException("userKeySalt must have at least 16 bytes, got " + salt.length);
      }
      this.salt = salt.clone();
      return this;
    }

    /**
     * Builds the limiter.
     *
     * @return the limiter
     */
    public InMemoryLimiter build() {
      return new InMemoryLimiter(this);
    }
  }
}
