package dev.guardrails4j.core.limit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token budget for one key: a token bucket that holds at most {@code amount} tokens and refills
 * continuously at {@code amount} per period, kept as one {@code long} (the generic cell rate
 * algorithm's "theoretical arrival time", {@code tat}) and updated with compare-and-set loops, so
 * concurrent callers never lock and never reserve more than the balance together.
 *
 * <p>Each token stands for {@code interval} nanoseconds; the bucket is empty when {@code tat} is
 * {@code burst} nanoseconds ahead of now and full when {@code tat} is at or behind now. Times are
 * nanoseconds on the limiter's clock.
 */
final class TokenBucket implements InMemoryLimiter.Counter {

  /** Larger amounts are treated as this (far above any real budget; keeps the arithmetic exact). */
  static final long MAX_AMOUNT = 1L << 40;

  private final long amount;
  private final long interval;
  private final long burst;
  private final AtomicLong tat = new AtomicLong(Long.MIN_VALUE / 2);

  TokenBucket(long amount, Duration period) {
    this.amount = Math.min(amount, MAX_AMOUNT);
    long periodNanos = saturatedNanos(period);
    this.interval = Math.max(1, ceilDiv(periodNanos, this.amount));
    this.burst = this.amount * interval;
  }

  @Override
  public long idleNanos() {
    // After this long without use the bucket is full again: forgetting it loses nothing.
    return burst;
  }

  /**
   * Reserves tokens.
   *
   * @param tokens how many, at least 1
   * @param now the time
   * @param force take what is there when there is not enough (monitor mode) instead of refusing
   * @param out receives what was reserved: {@code out[0]} tokens charged, {@code out[1]} the end of
   *     the reservation on the time line, {@code out[2]} nanoseconds until the request would fit
   *     (0 when it fits, -1 when it never fits)
   * @return whether the full amount was reserved
   */
  boolean reserve(long tokens, long now, boolean force, long[] out) {
    long n = Math.min(tokens, amount + 1);
    while (true) {
      long t = tat.get();
      long base = Math.max(t, now);
      long next = base + n * interval;
      long excess = next - now - burst;
      if (excess > 0 || n > amount) {
        out[2] = n > amount ? -1 : excess;
        if (!force) {
          out[0] = 0;
          out[1] = base;
          return false;
        }
        next = now + burst;
        if (next <= base) {
          out[0] = 0;
          out[1] = base;
          return false;
        }
        if (tat.compareAndSet(t, next)) {
          out[0] = (next - base) / interval;
          out[1] = next;
          return false;
        }
        continue;
      }
      if (tat.compareAndSet(t, next)) {
        out[0] = n;
        out[1] = next;
        out[2] = 0;
        return true;
      }
    }
  }

  /**
   * Whether a reservation would fit, without taking anything.
   *
   * @param tokens how many
   * @param now the time
   * @return 0 if it fits, nanoseconds until it would, or -1 if it never fits
   */
  long wait(long tokens, long now) {
    if (tokens > amount) {
      return -1;
    }
    long excess = Math.max(tat.get(), now) + tokens * interval - now - burst;
    return Math.max(0, excess);
  }

  /**
   * Charges tokens used beyond a reservation, as far as the balance allows (it never goes below
   * zero); what does not fit is forgiven.
   *
   * @param tokens how many
   * @param now the time
   * @return how many were charged
   */
  long charge(long tokens, long now) {
    long n = Math.min(tokens, amount);
    while (true) {
      long t = tat.get();
      long base = Math.max(t, now);
      long next = Math.min(base + n * interval, now + burst);
      if (next <= base) {
        return 0;
      }
      if (tat.compareAndSet(t, next)) {
        return (next - base) / interval;
      }
    }
  }

  /**
   * Gives back tokens of a reservation that ended at {@code end} on the time line: only the part
   * that has not refilled by now, so a late refund never lifts the balance above what it would be
   * had the tokens never been taken.
   *
   * @param tokens how many were charged and are to be returned
   * @param end where the reservation ended on the time line
   * @param now the time
   */
  void refund(long tokens, long end, long now) {
    long give = Math.min(tokens * interval, end - now);
    if (give <= 0) {
      return;
    }
    while (true) {
      long t = tat.get();
      long next = Math.max(t - give, now);
      if (next >= t || tat.compareAndSet(t, next)) {
        return;
      }
    }
  }

  /**
   * The tokens available now.
   *
   * @param now the time
   * @return between 0 and the amount
   */
  long available(long now) {
    long owed = Math.max(0, tat.get() - now);
    return Math.max(0, (burst - owed) / interval);
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
