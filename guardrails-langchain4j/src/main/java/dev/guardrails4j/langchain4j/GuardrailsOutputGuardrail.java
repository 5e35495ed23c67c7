package dev.guardrails4j.langchain4j;

import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailRequest;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A LangChain4j {@link OutputGuardrail} that applies Guardrails4j output checks to an AI service's
 * answer.
 *
 * <pre>{@code
 * @OutputGuardrails(GuardrailsOutputGuardrail.class)    // engine from DefaultGuardrails
 * String chat(@UserMessage String message, InvocationParameters parameters);
 * }</pre>
 *
 * <p>The caller and model are found as for {@link GuardrailsInputGuardrail}. Each validation is a
 * guarded call started with {@link Guardrails#startChecks(Invocation)}: access is evaluated again,
 * limits are not (the request was counted by the input guardrail or the guarded model). Results:
 * nothing to change gives {@code success()}; enforced redactions give {@code successWith(message)}
 * with the rewritten text (tool calls, thinking and attributes kept); a block gives {@code
 * fatal(...)} with the {@link GuardrailViolationException} as cause, which LangChain4j throws as an
 * {@code OutputGuardrailException}. The answer is never retried or re-prompted: a policy's verdict
 * on content does not change by asking again.
 */
public final class GuardrailsOutputGuardrail implements OutputGuardrail {

  private final @Nullable Guardrails guardrails;
  private final @Nullable ModelRef model;

  /** Uses the engine registered with {@link DefaultGuardrails#use(Guardrails)}, looked up per call. */
  public GuardrailsOutputGuardrail() {
    this.guardrails = null;
    this.model = null;
  }

  /**
   * Uses an engine.
   *
   * @param guardrails the engine
   */
  public GuardrailsOutputGuardrail(Guardrails guardrails) {
    this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
    this.model = null;
  }

  /**
   * Uses an engine and names the model as policies see it.
   *
   * @param guardrails the engine
   * @param model the model
   */
  public GuardrailsOutputGuardrail(Guardrails guardrails, ModelRef model) {
    this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
    this.model = Objects.requireNonNull(model, "model");
  }

  /**
   * Checks the answer.
   *
   * @param request the request
   * @return success, success with the rewritten answer, or a fatal failure
   */
  @Override
  public OutputGuardrailResult validate(OutputGuardrailRequest request) {
    Objects.requireNonNull(request, "request");
    Guardrails g = guardrails != null ? guardrails : DefaultGuardrails.find().orElse(null);
    if (g == null) {
      return fatal("no Guardrails engine: register one with DefaultGuardrails.use(guardrails)");
    }
    ChatResponse response = request.responseFromLLM();
    AiMessage ai = response.aiMessage();
    InvocationContext context = request.requestParams() == null ? null : request.requestParams().invocationContext();
    Invocation invocation = AiServiceCalls.invocation(g, model, context).build();
    try (GuardedCall call = g.startChecks(invocation)) {
      TokenUsage usage = response.tokenUsage();
      if (usage != null) {
        call.recordUsage(usage.inputTokenCount() == null ? -1 : usage.inputTokenCount(),
            usage.outputTokenCount() == null ? -1 : usage.outputTokenCount());
      }
      if (ai.text() == null) {
        return success();
      }
      String checked = call.checkOutput(ai.text());
      return checked.equals(ai.text()) ? success() : successWith(ai.withText(checked));
    } catch (GuardrailViolationException e) {
      return fatal(e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "GuardrailsOutputGuardrail";
  }
}
