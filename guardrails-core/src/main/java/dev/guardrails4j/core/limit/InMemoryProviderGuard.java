package dev.guardrails4j.core.limit;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.Verdict;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The in-process {@link ProviderGuard}, on Resilience4j: one {@link CircuitBreaker} and one
 * {@link TimeLimiter} per model pattern of the {@code providers:} section, held in registries
 * named by the pattern (for example {@code openai:*}), so metrics binders can find them.
 *
 * <h2>Circuit breaker</h2>
 *
 * <p>A count-based sliding window of {@code window} calls; once {@code minimum-calls} calls are
 * recorded and the failure rate reaches {@code failure-rate} percent, the breaker opens for
 * {@code open-for}. While open, calls fail fast with a {@link GuardrailViolationException} whose
 * decision is phase {@code LIMITS}, verdict {@code DENY}, mode {@code ENFORCE}, the reason
 * {@code circuit breaker for openai:* is open} and {@code retryAfter} the time left open. After
 * {@code open-for} the next call moves it to half-open, which lets {@code half-open-calls} trial
 * calls through: if they succeed it closes, if they fail it opens again. Time is read from the
 * injected {@link Clock} (Resilience4j's {@code CircuitBreakerConfig.clock}), so tests move the
 * clock instead of sleeping. Any failure of the model call counts, including an exceeded time
 * limit.
 *
 * <h2>Time limit</h2>
 *
 * <p>The model call runs on the calling thread, so thread-bound context (security, tracing,
 * transactions, {@code GuardContext}) stays intact. A Resilience4j {@link TimeLimiter} schedules
 * the deadline; when it passes, the calling thread is interrupted, which stops interruptible I/O
 * (the JDK's HTTP client, NIO channels). A call that ignores the interrupt is failed when it
 * returns. A call that returns after its limit by the injected clock is failed as well, its
 * answer discarded. The failure is a {@link GuardrailViolationException} with phase
 * {@code LIMITS} and the reason {@code time limit of 20s for openai:* exceeded}. The interrupt
 * status of the calling thread is cleared before the exception is thrown. Streaming adapters
 * read {@link Permit#timeoutNanos()} and enforce the limit on their own stream.
 *
 * <p>Changing a pattern's settings in the policy file replaces its breaker (starting closed) and
 * its time limiter; unchanged settings keep their state across reloads. Thread-safe; acquiring a
 * permit takes no lock.
 */
public final class InMemoryProviderGuard implements ProviderGuard {

  private final Clock clock;
  private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
  private final TimeLimiterRegistry timeLimiters = TimeLimiterRegistry.ofDefaults();
  private final ConcurrentHashMap<String, Protected> byPattern = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor scheduler;

  private InMemoryProviderGuard(Clock clock) {
    this.clock = clock;
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "guardrails-time-limit");
      t.setDaemon(true);
      return t;
    });
    s.setRemoveOnCancelPolicy(true);
    s.setKeepAliveTime(30, TimeUnit.SECONDS);
    s.allowCoreThreadTimeOut(true);
    this.scheduler = s;
  }

  /**
   * A guard whose breakers read the given clock.
   *
   * @param clock the clock
   * @return the guard
   */
  public static InMemoryProviderGuard of(Clock clock) {
    return new InMemoryProviderGuard(Objects.requireNonNull(clock, "clock"));
  }

  @Override
  public Permit acquire(ModelRef model, ProviderProtection protection) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(protection, "protection");
    Protected p = protectedFor(protection);
    CircuitBreaker breaker = p.breaker;
    if (breaker != null && !breaker.tryAcquirePermission()) {
      throw new GuardrailViolationException(p.refusal(now()));
    }
    if (breaker == null && p.timeLimiter == null) {
      return Permit.NONE;
    }
    return new GuardedPermit(p);
  }

  /**
   * The circuit breakers, one per model pattern.
   *
   * @return the registry
   */
  public CircuitBreakerRegistry circuitBreakers() {
    return breakers;
  }

  /**
   * The time limiters, one per model pattern.
   *
   * @return the registry
   */
  public TimeLimiterRegistry timeLimiters() {
    return timeLimiters;
  }

  private Protected protectedFor(ProviderProtection protection) {
    String pattern = protection.model().pattern();
    Protected p = byPattern.get(pattern);
    if (p != null && p.sameSettings(protection)) {
      return p;
    }
    return byPattern.compute(pattern,
        (k, old) -> old != null && old.sameSettings(protection) ? old : create(k, protection));
  }

  private Protected create(String pattern, ProviderProtection protection) {
    CircuitBreaker breaker = null;
    ProviderProtection.CircuitBreakerSpec spec = protection.circuitBreaker();
    breakers.remove(pattern);
    timeLimiters.remove(pattern);
    if (spec != null) {
      CircuitBreakerConfig config = CircuitBreakerConfig.custom()
          .slidingWindow(spec.window(), Math.min(spec.minimumCalls(), spec.window()),
              CircuitBreakerConfig.SlidingWindowType.COUNT_BASED,
              CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.LOCK_FREE)
          .failureRateThreshold(spec.failureRate())
          .waitDurationInOpenState(spec.openFor())
          .permittedNumberOfCallsInHalfOpenState(spec.halfOpenCalls())
          .automaticTransitionFromOpenToHalfOpenEnabled(false)
          .writableStackTraceEnabled(false)
          .clock(clock)
          .currentTimestampFunction(InMemoryProviderGuard::nanos, TimeUnit.NANOSECONDS)
          .build();
      breaker = breakers.circuitBreaker(pattern, config);
    }
    TimeLimiter limiter = null;
    Duration timeout = protection.timeout();
    if (timeout != null) {
      limiter = timeLimiters.timeLimiter(pattern, TimeLimiterConfig.custom()
          .timeoutDuration(timeout)
          .cancelRunningFuture(false)
          .build());
    }
    Protected p = new Protected(pattern, protection.timeout(), spec, breaker, limiter);
    if (breaker != null && spec != null) {
      long openNanos = spec.openFor().toNanos();
      breaker.getEventPublisher().onStateTransition(e -> {
        if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
          p.openUntil = now() + openNanos;
        }
      });
    }
    return p;
  }

  private long now() {
    return nanos(clock);
  }

  private static long nanos(Clock c) {
    Instant i = c.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  /** A duration as policy files write it: {@code 20s}, {@code 500ms}, {@code 2m}. */
  static String human(Duration d) {
    if (d.toMillisPart() != 0 || d.getSeconds() == 0) {
      return d.toMillis() + "ms";
    }
    long s = d.getSeconds();
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  private static Decision refusalDecision(String reason, @Nullable Duration retryAfter) {
    return Decision.builder(Phase.LIMITS).verdict(Verdict.DENY).mode(Mode.ENFORCE)
        .reason(reason).retryAfter(retryAfter).build();
  }

  /** One pattern's breaker and time limiter, with the settings they were built from. */
  private static final class Protected {
    final String pattern;
    final @Nullable Duration timeout;
    final ProviderProtection.@Nullable CircuitBreakerSpec spec;
    final @Nullable CircuitBreaker breaker;
    final @Nullable TimeLimiter timeLimiter;
    final long timeoutNanos;
    volatile long openUntil = Long.MIN_VALUE;

    Protected(String pattern, @Nullable Duration timeout,
        ProviderProtection.@Nullable CircuitBreakerSpec spec, @Nullable CircuitBreaker breaker,
        @Nullable TimeLimiter timeLimiter) {
      this.pattern = pattern;
      this.timeout = timeout;
      this.spec = spec;
      this.breaker = breaker;
      this.timeLimiter = timeLimiter;
      this.timeoutNanos = timeout == null ? 0 : timeout.toNanos();
    }

    boolean sameSettings(ProviderProtection p) {
      return Objects.equals(timeout, p.timeout()) && Objects.equals(spec, p.circuitBreaker());
    }

    Decision refusal(long now) {
      CircuitBreaker.State state = Objects.requireNonNull(breaker).getState();
      return switch (state) {
        case OPEN -> {
          long left = openUntil == Long.MIN_VALUE ? -1 : openUntil - now;
          Duration retry = left < 0 ? null : Duration.ofMillis(Math.max(1, (left + 999_999) / 1_000_000));
          yield refusalDecision("circuit breaker for " + pattern + " is open", retry);
        }
        case HALF_OPEN -> refusalDecision("circuit breaker for " + pattern
            + " is half-open and its trial calls are in flight", null);
        case FORCED_OPEN -> refusalDecision("circuit breaker for " + pattern + " is forced open", null);
        default -> refusalDecision("circuit breaker for " + pattern + " refused the call (" + state + ")", null);
      };
    }

    Decision timedOut() {
      return refusalDecision("time limit of " + human(Objects.requireNonNull(timeout)) + " for "
          + pattern + " exceeded", null);
    }
  }

  /** A permit: reports to the breaker once, runs the call within the time limit. */
  private final class GuardedPermit implements Permit {
    private final Protected p;
    private final AtomicBoolean reported = new AtomicBoolean();

    GuardedPermit(Protected p) {
      this.p = p;
    }

    @Override
    public long timeoutNanos() {
      return p.timeoutNanos;
    }

    @Override
    public <T> T call(Supplier<T> modelCall) {
      TimeLimiter limiter = p.timeLimiter;
      if (limiter == null) {
        return modelCall.get();
      }
      long start = now();
      Watch watch = new Watch(Thread.currentThread());
      CompletableFuture<Object> deadline = new CompletableFuture<>();
      deadline.whenComplete(watch);
      limiter.executeCompletionStage(scheduler, () -> deadline);
      T result = null;
      Throwable failure = null;
      try {
        result = modelCall.get();
      } catch (RuntimeException | Error e) {
        failure = e;
      }
      boolean interrupted = !watch.finish();
      boolean late = now() - start > p.timeoutNanos;
      if (interrupted || late) {
        deadline.completeExceptionally(TimeLimiter.createdTimeoutExceptionWithName(p.pattern, null));
        GuardrailViolationException e = new GuardrailViolationException(p.timedOut());
        if (failure != null) {
          e.addSuppressed(failure);
        }
        throw e;
      }
      if (failure != null) {
        deadline.completeExceptionally(failure);
        if (failure instanceof Error err) {
          throw err;
        }
        throw (RuntimeException) failure;
      }
      deadline.complete(Boolean.TRUE);
      return result;
    }

    @Override
    public void success(long durationNanos) {
      CircuitBreaker b = p.breaker;
      if (b != null && reported.compareAndSet(false, true)) {
        b.onSuccess(Math.max(0, durationNanos), TimeUnit.NANOSECONDS);
      }
    }

    @Override
    public void failure(long durationNanos, Throwable error) {
      CircuitBreaker b = p.breaker;
      if (b != null && reported.compareAndSet(false, true)) {
        b.onError(Math.max(0, durationNanos), TimeUnit.NANOSECONDS, error);
      }
    }
  }

  /**
   * Interrupts the calling thread when the deadline passes, unless the call finished first; the
   * states make sure an interrupt never lands after the call has moved on.
   */
  private static final class Watch implements BiConsumer<Object, Throwable> {
    private static final int RUNNING = 0;
    private static final int INTERRUPTING = 1;
    private static final int INTERRUPTED = 2;
    private static final int DONE = 3;

    private final Thread caller;
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    Watch(Thread caller) {
      this.caller = caller;
    }

    @Override
    public void accept(@Nullable Object result, @Nullable Throwable error) {
      if (error != null && state.compareAndSet(RUNNING, INTERRUPTING)) {
        caller.interrupt();
        state.set(INTERRUPTED);
      }
    }

    /** Ends the watch; false when the deadline interrupted the call (the interrupt is cleared). */
    boolean finish() {
      if (state.compareAndSet(RUNNING, DONE)) {
        return true;
      }
      while (state.get() != INTERRUPTED) {
        Thread.onSpinWait();
      }
      Thread.interrupted();
      return false;
    }
  }
}
