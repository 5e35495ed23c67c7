package dev.guardrails4j.langchain4j;

import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.ToolCall;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import dev.langchain4j.service.tool.ToolExecutionErrorHandler;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ToolExecutor} that checks each tool call against Guardrails4j policies before the tool
 * runs, and its result before the model sees it.
 *
 * <p>Per call it starts a guarded call ({@link Guardrails#startChecks(Invocation)}: access, no
 * limits) with the caller from {@link CallerParameters} in the AI service's invocation parameters,
 * else the current {@link dev.guardrails4j.api.GuardContext}, and the model configured here, else
 * the AI service's model; the tool's name is the invocation's one offered tool. Then:
 * <ul>
 *   <li>the call is checked ({@code tools.allow/deny} and {@code tools.arguments} checks): a
 *       refusal under {@code on-deny: error} does not run the tool and returns an error result
 *       whose text is the refusal message, which the model sees and can react to; under {@code
 *       on-deny: stop} a {@link GuardrailViolationException} is thrown. Arguments redacted by policy
 *       are what the tool receives;</li>
 *   <li>the tool runs;</li>
 *   <li>its text result is checked ({@code tools.results} checks): redactions are applied, a block
 *       throws {@link GuardrailViolationException}.</li>
 * </ul>
 *
 * <p>LangChain4j's AI services catch exceptions a tool throws and, by default, give their message
 * to the model. For {@code on-deny: stop} and blocked results to end the AI service call, register
 * {@link #rethrowingViolations()} as the AI service's {@code toolExecutionErrorHandler}.
 *
 * <p>Tools that AI services run on other threads ({@code executeToolsConcurrently}) do not see the
 * calling thread's {@code GuardContext}: name the caller with {@link CallerParameters} there.
 */
public final class GuardedToolExecutor implements ToolExecutor {

  private final ToolExecutor delegate;
  private final Guardrails guardrails;
  private final @Nullable ModelRef model;

  private GuardedToolExecutor(ToolExecutor delegate, Guardrails guardrails, @Nullable ModelRef model) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
    this.model = model;
  }

  /**
   * Guards a tool executor.
   *
   * @param delegate the executor
   * @param guardrails the engine
   * @return the guarded executor
   */
  public static GuardedToolExecutor wrap(ToolExecutor delegate, Guardrails guardrails) {
    return new GuardedToolExecutor(delegate, guardrails, null);
  }

  /**
   * Guards a tool executor, naming the model as policies see it.
   *
   * @param delegate the executor
   * @param guardrails the engine
   * @param model the model the AI service uses
   * @return the guarded executor
   */
  public static GuardedToolExecutor wrap(ToolExecutor delegate, Guardrails guardrails, ModelRef model) {
    return new GuardedToolExecutor(delegate, guardrails, Objects.requireNonNull(model, "model"));
  }

  /**
   * An AI service {@code toolExecutionErrorHandler} that lets a {@link GuardrailViolationException}
   * end the AI service call, and gives the model the message of any other error, as LangChain4j's
   * default does.
   *
   * @return the handler
   */
  public static ToolExecutionErrorHandler rethrowingViolations() {
    return (error, context) -> {
      if (error instanceof GuardrailViolationException v) {
        throw v;
      }
      String message = error == null ? null : error.getMessage();
      return ToolErrorHandlerResult.text(message == null || message.isBlank()
          ? (error == null ? "unknown error" : error.getClass().getName()) : message);
    };
  }

  /**
   * Runs the tool without an AI service context: the caller comes from the current {@link
   * dev.guardrails4j.api.GuardContext}.
   *
   * @param request the tool call
   * @param memoryId the chat memory id
   * @return the result text for the model
   */
  @Override
  public String execute(ToolExecutionRequest request, Object memoryId) {
    ToolExecutionResult r = executeWithContext(request, InvocationContext.builder().chatMemoryId(memoryId).build());
    return r.resultText();
  }

  /**
   * Checks the call, runs the tool, checks its result.
   *
   * @param request the tool call
   * @param context the AI service invocation context
   * @return the result for the model, or an error result with the refusal message
   * @throws GuardrailViolationException when a policy stops the call or blocks the result
   */
  @Override
  public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
    Objects.requireNonNull(request, "request");
    String name = request.name();
    Invocation invocation = AiServiceCalls.invocation(guardrails, model, context).tools(name).build();
    try (GuardedCall call = guardrails.startChecks(invocation)) {
      String args = request.arguments() == null ? "" : request.arguments();
      GuardedCall.ToolDecision d = call.checkToolCall(new ToolCall(request.id() == null ? "" : request.id(), name, args));
      if (!d.allowed()) {
        return ToolExecutionResult.builder().isError(true).resultText(d.message()).build();
      }
      ToolExecutionRequest run = d.arguments().equals(args) ? request : request.toBuilder().arguments(d.arguments()).build();
      ToolExecutionResult result;
      try {
        result = delegate.executeWithContext(run, context);
      } catch (RuntimeException | Error e) {
        call.recordFailure(e);
        throw e;
      }
      return checkResult(call, name, result);
    }
  }

  private static ToolExecutionResult checkResult(GuardedCall call, String tool, ToolExecutionResult result) {
    List<Content> contents = result.resultContents();
    List<Content> checked = null;
    for (int i = 0; i < contents.size(); i++) {
      if (contents.get(i) instanceof TextContent t) {
        String out = call.checkToolResult(tool, t.text());
        if (!out.equals(t.text())) {
          if (checked == null) {
            checked = new ArrayList<>(contents);
          }
          checked.set(i, TextContent.from(out));
        }
      }
    }
    if (checked == null) {
      return result;
    }
    return ToolExecutionResult.builder().isError(result.isError()).result(result.result())
        .attributes(result.attributes()).resultContents(checked).build();
  }

  @Override
  public String toString() {
    return "GuardedToolExecutor[" + delegate + "]";
  }
}
