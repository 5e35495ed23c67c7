package dev.guardrails4j.api;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The guarded scope of the current thread: who calls, for which action and model, with which data
 * labels. Adapters read it when they build an {@link Invocation}, so that application code only
 * opens a scope and calls its model as usual.
 *
 * <pre>{@code
 * try (GuardContext.Scope scope = GuardContext.builder()
 *     .caller(Caller.of(workload, user))
 *     .action("summarize-ticket")
 *     .open()) {
 *   String summary = guardedModel.chat(prompt);
 * }
 * }</pre>
 *
 * <p>Scopes nest: a nested scope starts from the enclosing one and overrides what it sets. When
 * work hops threads, carry the scope with {@link #wrap(Runnable)}, {@link #wrap(Callable)} or
 * {@link #wrap(Executor)}.
 */
public final class GuardContext {

  private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();

  private GuardContext() {}

  /**
   * The current frame, or {@link Frame#EMPTY} outside any scope.
   *
   * @return the frame
   */
  public static Frame current() {
    Frame f = CURRENT.get();
    return f == null ? Frame.EMPTY : f;
  }

  /**
   * Starts a scope builder seeded with the current frame.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder(current());
  }

  /**
   * Makes a frame current until the returned scope is closed.
   *
   * @param frame the frame
   * @return the scope; close it on the same thread
   */
  public static Scope open(Frame frame) {
    Objects.requireNonNull(frame, "frame");
    Frame previous = CURRENT.get();
    CURRENT.set(frame);
    Thread owner = Thread.currentThread();
    return () -> {
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException("a GuardContext scope must be closed on the thread that opened it");
      }
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /**
   * A task that runs with the frame current at the time of wrapping.
   *
   * @param task the task
   * @return the wrapped task
   */
  public static Runnable wrap(Runnable task) {
    Objects.requireNonNull(task, "task");
    Frame captured = current();
    return () -> {
      try (Scope ignored = open(captured)) {
        task.run();
      }
    };
  }

  /**
   * A task that runs with the frame current at the time of wrapping.
   *
   * @param task the task
   * @param <T> the result type
   * @return the wrapped task
   */
  public static <T> Callable<T> wrap(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    Frame captured = current();
    return () -> {
      try (Scope ignored = open(captured)) {
        return task.call();
      }
    };
  }

  /**
   * An executor that carries the submitting thread's frame into each task.
   *
   * @param executor the executor
   * @return the wrapping executor
   */
  public static Executor wrap(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    return task -> executor.execute(wrap(task));
  }

  /** Closes a scope. Unlike {@link AutoCloseable}, closing throws no checked exception. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    /** Restores the enclosing frame. */
    @Override
    void close();
  }

  /**
   * What a scope says about the calls made inside it. Fields are {@code null} when the scope does
   * not set them.
   *
   * @param caller the caller
   * @param action the action
   * @param model the model, overriding the one adapters derive
   * @param callSite the call site, or an empty string
   * @param dataLabels labels of the data used in the scope
   * @param attributes free attributes
   * @param checked content already checked in this scope, so that it is not checked twice
   */
  public record Frame(
      @Nullable Caller caller,
      @Nullable String action,
      @Nullable ModelRef model,
      String callSite,
      Set<String> dataLabels,
      Map<String, String> attributes,
      CheckedContent checked) {

    /** The frame outside any scope. */
    public static final Frame EMPTY =
        new Frame(null, null, null, "", Set.of(), Map.of(), new CheckedContent());

    /** Validates and copies. */
    public Frame {
      Objects.requireNonNull(callSite, "callSite");
      Objects.requireNonNull(checked, "checked");
      dataLabels = Set.copyOf(dataLabels);
      attributes = Map.copyOf(attributes);
    }
  }

  /**
   * Texts already checked in a scope, per phase. Shared by a scope and the calls inside it; cleared
   * with the scope. Texts are compared by equality, never by hash alone, so an unchecked text can
   * never pass as checked.
   */
  public static final class CheckedContent {
    private final Set<String> input = ConcurrentHashMap.newKeySet();
    private final Set<String> output = ConcurrentHashMap.newKeySet();

    /** Creates an empty registry. */
    public CheckedContent() {}

    /**
     * Records that a text passed the checks of a phase.
     *
     * @param phase {@link Phase#INPUT} or {@link Phase#OUTPUT}
     * @param text the text as it passed
     */
    public void markChecked(Phase phase, String text) {
      setFor(phase).add(text);
    }

    /**
     * Whether a text already passed the checks of a phase in this scope.
     *
     * @param phase the phase
     * @param text the text
     * @return true if checked
     */
    public boolean isChecked(Phase phase, String text) {
      Set<String> set = setFor(phase);
      return !set.isEmpty() && set.contains(text);
    }

    private Set<String> setFor(Phase phase) {
      return switch (phase) {
        case INPUT -> input;
        case OUTPUT -> output;
        default -> throw new IllegalArgumentException("only INPUT and OUTPUT content is tracked, got " + phase);
      };
    }
  }

  /** Builds a frame from the enclosing one. */
  public static final class Builder {
    private @Nullable Caller caller;
    private @Nullable String action;
    private @Nullable ModelRef model;
    private String callSite;
    private final Set<String> dataLabels;
    private final Map<String, String> attributes;
    private CheckedContent checked;

    private Builder(Frame base) {
      this.caller = base.caller();
      this.action = base.action();
      this.model = base.model();
      this.callSite = base.callSite();
      this.dataLabels = new LinkedHashSet<>(base.dataLabels());
      this.attributes = new LinkedHashMap<>(base.attributes());
      this.checked = base == Frame.EMPTY ? new CheckedContent() : base.checked();
    }

    /**
     * Sets the caller. @param caller caller @return this
     */
    public Builder caller(Caller caller) {
      this.caller = Objects.requireNonNull(caller, "caller");
      return this;
    }

    /**
     * Sets the action. @param action action @return this
     */
    public Builder action(String action) {
      Objects.requireNonNull(action, "action");
      if (action.isBlank()) {
        throw new IllegalArgumentException("action must not be blank");
      }
      this.action = action;
      return this;
    }

    /**
     * Sets the model. @param model model @return this
     */
    public Builder model(ModelRef model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * Sets the call site. @param callSite call site @return this
     */
    public Builder callSite(String callSite) {
      this.callSite = Objects.requireNonNull(callSite, "callSite");
      return this;
    }

    /**
     * Adds data labels. @param labels labels @return this
     */
    public Builder dataLabels(String... labels) {
      for (String l : labels) {
        dataLabels.add(Objects.requireNonNull(l, "label"));
      }
      return this;
    }

    /**
     * Adds an attribute. @param name name @param value value @return this
     */
    public Builder attribute(String name, String value) {
      attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Starts a fresh checked-content registry instead of sharing the enclosing one.
     *
     * @return this
     */
    public Builder freshChecks() {
      this.checked = new CheckedContent();
      return this;
    }

    /**
     * Builds the frame without opening it. @return the frame
     */
    public Frame build() {
      return new Frame(caller, action, model, callSite, dataLabels, attributes, checked);
    }

    /**
     * Builds the frame and makes it current. @return the scope
     */
    public Scope open() {
      return GuardContext.open(build());
    }
  }
}
