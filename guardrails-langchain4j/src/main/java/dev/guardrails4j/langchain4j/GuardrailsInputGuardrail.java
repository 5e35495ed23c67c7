package dev.guardrails4j.langchain4j;

import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailRequest;
import dev.langchain4j.guardrail.InputGuardrailResult;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.TokenCountEstimator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A LangChain4j {@link InputGuardrail} that applies Guardrails4j policies to an AI service's user
 * message: access, limits and input checks, as a guarded model call would.
 *
 * <pre>{@code
 * @InputGuardrails(GuardrailsInputGuardrail.class)      // engine from DefaultGuardrails
 * String chat(@UserMessage String message, InvocationParameters parameters);
 *
 * AiServices.builder(Assistant.class).chatModel(model)
 *     .inputGuardrails(new GuardrailsInputGuardrail(guardrails))   // or an explicit engine
 *     .build();
 * }</pre>
 *
 * <p>The caller comes from {@link CallerParameters} in the call's {@code InvocationParameters},
 * else the current {@link dev.guardrails4j.api.GuardContext}; the model from the context, else the
 * configured one, else the AI service's model ({@code provider()} and default model name).
 *
 * <p>Results: no finding or monitor-only findings give {@code success()}; enforced redactions give
 * {@code successWith(redacted text)}, so the model receives the redacted message; a block, a denied
 * access or a reached limit gives {@code fatal(...)} with the {@link GuardrailViolationException} as
 * cause (LangChain4j throws an {@code InputGuardrailException} carrying it). Each validation is one
 * guarded call with its own audit event. Reversible redactions are not restored in the answer:
 * the output guardrail runs as a separate call; use {@link GuardedChatModel} when answers must get
 * the originals back. A user message with several text parts that needs redacting fails closed,
 * since LangChain4j can rewrite only all text parts at once.
 *
 * <p>Use either these guardrails or a {@link GuardedChatModel} for an AI service: with both, limits
 * count each request twice.
 */
public final class GuardrailsInputGuardrail implements InputGuardrail {

  private final @Nullable Guardrails guardrails;
  private final @Nullable ModelRef model;
  private final @Nullable TokenCountEstimator tokenCountEstimator;

  /** Uses the engine registered with {@link DefaultGuardrails#use(Guardrails)}, looked up per call. */
  public GuardrailsInputGuardrail() {
    this.guardrails = null;
    this.model = null;
    this.tokenCountEstimator = null;
  }

  private GuardrailsInputGuardrail(@Nullable Guardrails guardrails, @Nullable ModelRef model,
      @Nullable TokenCountEstimator tokenCountEstimator) {
    this.guardrails = guardrails;
    this.model = model;
    this.tokenCountEstimator = tokenCountEstimator;
  }

  /**
   * These guardrails with a tokenizer for token budget reservations, instead of the documented
   * estimate (one token per four characters plus four per message); for example {@code new
   * OpenAiTokenCountEstimator("gpt-4o")}. The reservation covers the user message; budgets are
   * settled with the usage the provider reports. An estimator that throws falls back to the
   * documented estimate with a warning.
   *
   * @param estimator the estimator
   * @return new guardrails with the same engine and model
   */
  public GuardrailsInputGuardrail withTokenCountEstimator(TokenCountEstimator estimator) {
    return new GuardrailsInputGuardrail(guardrails, model, Objects.requireNonNull(estimator, "estimator"));
  }

  /**
   * Uses an engine.
   *
   * @param guardrails the engine
   */
  public GuardrailsInputGuardrail(Guardrails guardrails) {
    this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
    this.model = null;
    this.tokenCountEstimator = null;
  }

  /**
   * Uses an engine and names the model as policies see it.
   *
   * @param guardrails the engine
   * @param model the model
   */
  public GuardrailsInputGuardrail(Guardrails guardrails, ModelRef model) {
    this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
    this.model = Objects.requireNonNull(model, "model");
    this.tokenCountEstimator = null;
  }

  /**
   * Checks the user message.
   *
   * @param request the request
   * @return success, success with the redacted text, or a fatal failure
   */
  @Override
  public InputGuardrailResult validate(InputGuardrailRequest request) {
    Objects.requireNonNull(request, "request");
    Guardrails g = guardrails != null ? guardrails : DefaultGuardrails.find().orElse(null);
    if (g == null) {
      return fatal("no Guardrails engine: register one with DefaultGuardrails.use(guardrails)");
    }
    UserMessage user = request.userMessage();
    InvocationContext context = request.requestParams() == null ? null : request.requestParams().invocationContext();
    ChatMapping.Mapped mapped = ChatMapping.map(List.of((ChatMessage) user));
    Invocation invocation = AiServiceCalls.invocation(g, model, context)
        .messages(mapped.messages())
        .tokenEstimate(ChatMapping.estimateTokens(tokenCountEstimator, List.of((ChatMessage) user),
            mapped.messages(), List.of()))
        .build();
    try (GuardedCall call = g.start(invocation)) {
      List<Message> checked = call.checkInput(mapped.messages());
      if (checked == mapped.messages()) {
        return success();
      }
      if (checked.size() != 1) {
        return fatal("the user message has several text parts and one of them must be redacted; "
            + "LangChain4j input guardrails can only rewrite all text parts at once");
      }
      String text = checked.get(0).text();
      return text.equals(mapped.messages().get(0).text()) ? success() : successWith(text);
    } catch (GuardrailViolationException e) {
      return fatal(e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "GuardrailsInputGuardrail";
  }
}
