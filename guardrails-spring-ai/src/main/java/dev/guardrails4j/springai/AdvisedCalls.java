package dev.guardrails4j.springai;

/**
 * Marks the thread on which a {@link GuardrailsAdvisor} is calling the rest of its chain, so that a
 * {@link GuardedChatModel} at the end of that chain does not guard the same request a second time
 * (the starter both adds the advisor to every {@code ChatClient} and guards {@code ChatModel} beans
 * used without one). The model advisors at the end of Spring AI's chain call the model on the
 * thread that called them, for streams too (the stream is created there and subscribed later).
 */
final class AdvisedCalls {

  private static final ThreadLocal<Boolean> ADVISED = new ThreadLocal<>();

  private AdvisedCalls() {}

  /** Whether a guardrails advisor is calling down its chain on this thread. */
  static boolean active() {
    return ADVISED.get() != null;
  }

  /** Marks the thread; returns whether it was marked before (restore with {@link #end(boolean)}). */
  static boolean begin() {
    boolean before = ADVISED.get() != null;
    if (!before) {
      ADVISED.set(Boolean.TRUE);
    }
    return before;
  }

  /** Restores the mark as {@link #begin()} found it. */
  static void end(boolean before) {
    if (!before) {
      ADVISED.remove();
    }
  }
}
