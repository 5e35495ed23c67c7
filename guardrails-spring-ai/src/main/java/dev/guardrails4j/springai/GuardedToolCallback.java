package dev.guardrails4j.springai;

import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.ToolCall;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.metadata.ToolMetadata;

/**
 * A Spring AI {@link ToolCallback} that checks each call against Guardrails4j policies before the
 * tool runs, and its result before the model sees it. Works for any callback: methods annotated
 * with {@code @Tool}, functions, and the tool callbacks of MCP clients.
 *
 * <p>Per call it starts a guarded call ({@link Guardrails#startChecks(Invocation)}: access, no
 * limits) with the caller from the current {@link dev.guardrails4j.api.GuardContext} (or the
 * engine's caller resolver); the model from the context, else the one configured here, else the
 * model of the last guarded model request on this thread (Spring AI runs the tools a model asked
 * for on the thread that made the request, right after it), else {@code unknown:unknown}; and the
 * tool's name as the invocation's one offered tool. Then:
 * <ul>
 *   <li>the call is checked ({@code tools.allow/deny} and {@code tools.arguments} checks): a
 *       refusal under {@code on-deny: error} does not run the tool and returns the refusal message
 *       as the tool's result, which the model sees and can react to; under {@code on-deny: stop} a
 *       {@link GuardrailViolationException} is thrown, which Spring AI's tool calling passes to the
 *       application (it handles only {@code ToolExecutionException}). Arguments redacted by policy
 *       are what the tool receives;</li>
 *   <li>the tool runs;</li>
 *   <li>its result is checked ({@code tools.results} checks): redactions are applied, a block
 *       throws {@link GuardrailViolationException}.</li>
 * </ul>
 *
 * <p>The definition and metadata are the wrapped callback's, so the model sees the same tool.
 * Spring AI may run tools on another thread than the caller's (streams): the caller then comes
 * from the engine's caller resolver, or is the workload alone, and the model is the configured
 * one; configure it with {@link #wrap(ToolCallback, Guardrails, ModelRef)} for streamed tool
 * calls.
 */
public final class GuardedToolCallback implements ToolCallback {

  private final ToolCallback delegate;
  private final Guardrails guardrails;
  private final @Nullable ModelRef model;

  private GuardedToolCallback(ToolCallback delegate, Guardrails guardrails, @Nullable ModelRef model) {
    this.delegate = delegate;
    this.guardrails = guardrails;
    this.model = model;
  }

  /**
   * Guards a tool callback.
   *
   * @param delegate the callback
   * @param guardrails the engine
   * @return the guarded callback; the same one when it is already guarded
   */
  public static ToolCallback wrap(ToolCallback delegate, Guardrails guardrails) {
    return wrap(delegate, guardrails, null);
  }

  /**
   * Guards a tool callback, naming the model as policies see it.
   *
   * @param delegate the callback
   * @param guardrails the engine
   * @param model the model the tool is offered to; {@code null} to use the model of the last
   *     guarded model request on the calling thread
   * @return the guarded callback; the same one when it is already guarded
   */
  public static ToolCallback wrap(ToolCallback delegate, Guardrails guardrails, @Nullable ModelRef model) {
    Objects.requireNonNull(delegate, "delegate");
    Objects.requireNonNull(guardrails, "guardrails");
    if (delegate instanceof GuardedToolCallback) {
      return delegate;
    }
    return new GuardedToolCallback(delegate, guardrails, model);
  }

  /**
   * The wrapped callback's definition.
   *
   * @return the definition
   */
  @Override
  public ToolDefinition getToolDefinition() {
    return delegate.getToolDefinition();
  }

  /**
   * The wrapped callback's metadata.
   *
   * @return the metadata
   */
  @Override
  public ToolMetadata getToolMetadata() {
    return delegate.getToolMetadata();
  }

  /**
   * Checks the call, runs the tool, checks its result.
   *
   * @param toolInput the arguments, as JSON
   * @return the result for the model, or the refusal message
   * @throws GuardrailViolationException when a policy stops the call or blocks the result
   */
  @Override
  public String call(String toolInput) {
    return guarded(toolInput, null);
  }

  /**
   * Checks the call, runs the tool with its context, checks its result.
   *
   * @param toolInput the arguments, as JSON
   * @param toolContext the tool context
   * @return the result for the model, or the refusal message
   * @throws GuardrailViolationException when a policy stops the call or blocks the result
   */
  @Override
  public String call(String toolInput, @Nullable ToolContext toolContext) {
    return guarded(toolInput, toolContext);
  }

  private String guarded(String toolInput, @Nullable ToolContext toolContext) {
    String name = delegate.getToolDefinition().name();
    String args = toolInput == null ? "" : toolInput;
    Invocation.Builder b = guardrails.invocation(AdvisedCalls.toolModel(model)).tools(name);
    // on the tool loop's thread no GuardContext is set: the caller pinned for the exchange counts
    if (toolContext != null && dev.guardrails4j.api.GuardContext.current().caller() == null
        && toolContext.getContext().get(GuardrailsAdvisor.CALLER) instanceof dev.guardrails4j.api.Caller c) {
      b.caller(c);
    }
    Invocation invocation = b.build();
    try (GuardedCall call = guardrails.startChecks(invocation)) {
      GuardedCall.ToolDecision d = call.checkToolCall(new ToolCall("", name, args));
      if (!d.allowed()) {
        return d.message();
      }
      String result;
      try {
        result = toolContext == null ? delegate.call(d.arguments()) : delegate.call(d.arguments(), toolContext);
      } catch (RuntimeException | Error e) {
        call.recordFailure(e);
        throw e;
      }
      return result == null ? "" : call.checkToolResult(name, result);
    }
  }

  /**
   * The wrapped callback.
   *
   * @return the delegate
   */
  public ToolCallback delegate() {
    return delegate;
  }

  @Override
  public String toString() {
    return "GuardedToolCallback[" + delegate.getToolDefinition().name() + "]";
  }
}
