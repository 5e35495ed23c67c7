package dev.guardrails4j.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one content check (one detector over one text) may run: {@code perKib} for each KiB of
 * text, never less than {@code minimum} and never more than {@code ceiling}. A check that runs out
 * is stopped where it is and counts as a detector failure, so the policy's {@code on-error} applies
 * (block by default) and the decision names the detector that ran out; the thread is free again
 * within the budget, so a request never pins a core and graceful shutdown never waits on it.
 *
 * <p>The checks that can be stopped mid-way are those whose cost a policy author controls: the
 * {@code pattern} detector's regular expressions (RE2/J is linear in the text but its constant is
 * the compiled program's size). The built-in detectors run in time linear in the text with fixed
 * constants and are not interrupted; a detector of your own must be linear too (see {@link
 * dev.guardrails4j.api.spi.Detector}).
 *
 * <p>The default, {@link #DEFAULT}, is 2 ms per KiB, at least 100 ms and at most 2 s: four orders
 * of magnitude above what a pattern costs on ordinary text (microseconds per KiB), so it only ever
 * stops a pathological pattern, and low enough that such a pattern cannot hold a request thread.
 */
public final class CheckBudget {

  /** 2 ms per KiB, at least 100 ms, at most 2 s. */
  public static final CheckBudget DEFAULT =
      new CheckBudget(Duration.ofMillis(2), Duration.ofMillis(100), Duration.ofSeconds(2));

  private final long perKibNanos;
  private final long minimumNanos;
  private final long ceilingNanos;

  private CheckBudget(Duration perKib, Duration minimum, Duration ceiling) {
    this.perKibNanos = perKib.toNanos();
    this.minimumNanos = minimum.toNanos();
    this.ceilingNanos = ceiling.toNanos();
  }

  /**
   * A budget.
   *
   * @param perKib time per KiB of text (1,024 UTF-16 characters), positive
   * @param minimum the least time any check gets, positive
   * @param ceiling the most time any check gets, at least {@code minimum}
   * @return the budget
   * @throws IllegalArgumentException naming the argument that is out of range
   */
  public static CheckBudget of(Duration perKib, Duration minimum, Duration ceiling) {
    Objects.requireNonNull(perKib, "perKib");
    Objects.requireNonNull(minimum, "minimum");
    Objects.requireNonNull(ceiling, "ceiling");
    if (perKib.isNegative() || perKib.isZero()) {
      throw new IllegalArgumentException("check budget per KiB must be positive, was " + perKib);
    }
    if (minimum.isNegative() || minimum.isZero()) {
      throw new IllegalArgumentException("check budget minimum must be positive, was " + minimum);
    }
    if (ceiling.compareTo(minimum) < 0) {
      throw new IllegalArgumentException("check budget ceiling " + ceiling + " is below its minimum " + minimum);
    }
    if (ceiling.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("check budget ceiling must be at most 1 h, was " + ceiling);
    }
    return new CheckBudget(perKib, minimum, ceiling);
  }

  /**
   * The time a check of a text of {@code chars} UTF-16 characters may take.
   *
   * @param chars the text's length
   * @return nanoseconds
   */
  public long nanosFor(int chars) {
    long kib = (chars + 1023L) / 1024L;
    long t = kib > ceilingNanos / perKibNanos ? ceilingNanos : kib * perKibNanos;
    return Math.min(ceilingNanos, Math.max(minimumNanos, t));
  }

  /**
   * Time per KiB.
   *
   * @return the duration
   */
  public Duration perKib() {
    return Duration.ofNanos(perKibNanos);
  }

  /**
   * The least time a check gets.
   *
   * @return the duration
   */
  public Duration minimum() {
    return Duration.ofNanos(minimumNanos);
  }

  /**
   * The most time a check gets.
   *
   * @return the duration
   */
  public Duration ceiling() {
    return Duration.ofNanos(ceilingNanos);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CheckBudget b && b.perKibNanos == perKibNanos && b.minimumNanos == minimumNanos
        && b.ceilingNanos == ceilingNanos;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(perKibNanos * 31 + minimumNanos) * 31 + Long.hashCode(ceilingNanos);
  }

  @Override
  public String toString() {
    return "CheckBudget[perKib=" + perKib() + ", minimum=" + minimum() + ", ceiling=" + ceiling() + "]";
  }
}
