package dev.guardrails4j.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that a test moves by hand ({@link #advance}), so that no test sleeps to see a limit
 * refill or a lease expire. Give it to {@code Guardrails.builder().clock(...)} or to a limiter.
 * Thread-safe.
 */
public final class ManualClock extends Clock {

  private final AtomicReference<Instant> now;

  /** A clock standing at the current time, truncated to milliseconds. */
  public ManualClock() {
    this(Instant.ofEpochMilli(System.currentTimeMillis()));
  }

  /**
   * A clock standing at {@code start}.
   *
   * @param start where it stands
   */
  public ManualClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /**
   * Moves the clock forward.
   *
   * @param duration how far, not negative
   */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a clock does not go back: " + duration);
    }
    now.updateAndGet(i -> i.plus(duration));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
