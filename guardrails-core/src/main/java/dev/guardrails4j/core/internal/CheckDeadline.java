package dev.guardrails4j.core.internal;

/**
 * The deadline of the content check running on this thread, for the checks whose cost a policy
 * author controls (user patterns). The engine sets it around each check; a check reads its text
 * through {@link #guard(String)}, which throws {@link Exceeded} once the deadline has passed, so a
 * runaway match stops where it is instead of holding the thread.
 *
 * <p>One {@code long[]} per thread holds the deadline: setting and clearing it allocate nothing.
 */
public final class CheckDeadline {

  private static final ThreadLocal<long[]> CURRENT = ThreadLocal.withInitial(() -> new long[2]);

  private CheckDeadline() {}

  /**
   * Sets the deadline of the check about to run on this thread.
   *
   * @param deadlineNanos a {@link System#nanoTime()} value
   * @param budgetNanos the budget it was computed from, for the message
   */
  public static void set(long deadlineNanos, long budgetNanos) {
    long[] d = CURRENT.get();
    d[0] = deadlineNanos;
    d[1] = budgetNanos;
  }

  /** Clears this thread's deadline. */
  public static void clear() {
    long[] d = CURRENT.get();
    d[0] = 0;
    d[1] = 0;
  }

  /**
   * The text to match against: the text itself when no deadline is set, else a view that checks
   * the deadline every few thousand character reads.
   *
   * @param text the text
   * @return what to read instead
   */
  public static CharSequence guard(String text) {
    long[] d = CURRENT.get();
    return d[1] == 0 ? text : new Bounded(text, d[0], d[1]);
  }

  /** A check ran out of its time budget. Carries no stack trace and no content. */
  public static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exceeded(long budgetNanos) {
      super("ran out of its time budget of " + Math.max(1, budgetNanos / 1_000_000) + " ms", null, false, false);
    }
  }

  /** Reads through to the text and checks the clock every 4,096 reads. */
  private static final class Bounded implements CharSequence {
    private final String text;
    private final long deadline;
    private final long budget;
    private int reads;

    Bounded(String text, long deadline, long budget) {
      this.text = text;
      this.deadline = deadline;
      this.budget = budget;
    }

    @Override
    public char charAt(int index) {
      if ((++reads & 4095) == 0 && System.nanoTime() - deadline > 0) {
        throw new Exceeded(budget);
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
