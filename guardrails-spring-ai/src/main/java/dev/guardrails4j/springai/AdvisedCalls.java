package dev.guardrails4j.springai;

import dev.guardrails4j.api.ModelRef;
import org.jspecify.annotations.Nullable;

/**
 * Marks the thread on which a {@link GuardrailsAdvisor} is calling the rest of its chain, so that a
 * {@link GuardedChatModel} at the end of that chain does not guard the same request a second time
 * (the starter both adds the advisor to every {@code ChatClient} and guards {@code ChatModel} beans
 * used without one). The model advisor at the end of Spring AI's chain calls the model on the
 * thread that called it; streams are created when they are subscribed, so a guarded stream carries
 * {@link #STREAM_KEY} in its Reactor context instead.
 *
 * <p>It also remembers the model of the last guarded model request made on each thread: Spring
 * AI's {@code ToolCallingAdvisor} runs the tools the model asked for on the thread that made the
 * request, right after it, with no way to pass the model along, and a {@link GuardedToolCallback}
 * without a configured model checks the call for that model.
 */
final class AdvisedCalls {

  /** The Reactor context key that marks a stream a guardrails advisor subscribes to. */
  static final String STREAM_KEY = AdvisedCalls.class.getName();

  private static final ThreadLocal<Boolean> ADVISED = new ThreadLocal<>();
  private static final ThreadLocal<ModelRef> LAST_MODEL = new ThreadLocal<>();

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

  /** Remembers the model of the guarded model request this thread is making. */
  static void requested(ModelRef model) {
    LAST_MODEL.set(model);
  }

  /** The model of the last guarded model request made on this thread, if any. */
  static @Nullable ModelRef lastModel() {
    return LAST_MODEL.get();
  }

  /** The model a tool call is checked for: the configured one, else the last requested, else unknown. */
  static ModelRef toolModel(@Nullable ModelRef configured) {
    if (configured != null) {
      return configured;
    }
    ModelRef last = LAST_MODEL.get();
    return last != null ? last : ModelRef.UNKNOWN;
  }
}
