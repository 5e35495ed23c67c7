package dev.guardrails4j.springai;

import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.core.Guardrails;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;

/**
 * A Spring AI {@link ChatModel} that enforces Guardrails4j policies around every call and stream
 * of the model it wraps, for applications that call the model without a {@code ChatClient}.
 *
 * <pre>{@code
 * ChatModel model = GuardedChatModel.wrap(openAiChatModel, guardrails);
 * }</pre>
 *
 * <p>It does for each prompt what {@link GuardrailsAdvisor} does for each request: invocation from
 * the current {@link dev.guardrails4j.api.GuardContext} and the prompt (the model name, when the
 * prompt's options name none, from the wrapped model's {@link ChatModel#getOptions()}), access,
 * limits, input checks (the prompt sent carries the redacted texts and only the allowed tools),
 * the model call behind the provider's circuit breaker, output and tool-call checks, token usage
 * from the response's metadata, one audit event; streams through the same bounded window.
 *
 * <p>When a {@link GuardrailsAdvisor} is calling this model (a {@code ChatClient} built on a
 * guarded model bean: the advisor marks its thread for calls and the Reactor context of its
 * streams), the request was guarded already, and this model passes it straight to the wrapped
 * one.
 *
 * <p>{@link #getOptions()} is the wrapped model's. Thread-safe if the wrapped model is.
 */
public final class GuardedChatModel implements ChatModel {

  private final ChatModel delegate;
  private final SpringAiExchange.Settings settings;

  private GuardedChatModel(ChatModel delegate, SpringAiExchange.Settings settings) {
    this.delegate = delegate;
    this.settings = settings;
  }

  /**
   * Wraps a model, deriving the model name from each prompt and the model's options.
   *
   * @param delegate the model to guard
   * @param guardrails the engine
   * @return the guarded model
   * @throws IllegalArgumentException if the model is already guarded
   */
  public static GuardedChatModel wrap(ChatModel delegate, Guardrails guardrails) {
    return wrap(delegate, guardrails, null);
  }

  /**
   * Wraps a model, naming it as policies see it.
   *
   * @param delegate the model to guard
   * @param guardrails the engine
   * @param model the model, for example {@code ModelRef.of("openai", "gpt-4o")}; {@code null} to
   *     derive it from each prompt
   * @return the guarded model
   * @throws IllegalArgumentException if the model is already guarded
   */
  public static GuardedChatModel wrap(ChatModel delegate, Guardrails guardrails,
      @org.jspecify.annotations.Nullable ModelRef model) {
    Objects.requireNonNull(delegate, "delegate");
    Objects.requireNonNull(guardrails, "guardrails");
    if (delegate instanceof GuardedChatModel) {
      throw new IllegalArgumentException("the model is already guarded; wrap the underlying model once");
    }
    return new GuardedChatModel(delegate, new SpringAiExchange.Settings(guardrails, model, null));
  }

  /**
   * The guarded call.
   *
   * @param prompt the prompt
   * @return the checked response
   * @throws GuardrailViolationException if a phase blocks
   */
  @Override
  public ChatResponse call(Prompt prompt) {
    Objects.requireNonNull(prompt, "prompt");
    if (AdvisedCalls.active()) {
      return delegate.call(prompt);
    }
    SpringAiExchange exchange = SpringAiExchange.open(settings, prompt, delegate.getOptions(), null, List.of());
    ChatResponse checked;
    try {
      ChatResponse response = exchange.call.callModel(() -> delegate.call(exchange.prompt));
      checked = exchange.checkResponse(response);
    } catch (RuntimeException | Error e) {
      SpringAiExchange.closeQuietly(exchange.call, e);
      throw e;
    }
    exchange.call.close();
    return checked;
  }

  /**
   * The guarded stream, checked when it is subscribed (on the subscribing thread, whose {@link
   * dev.guardrails4j.api.GuardContext} names the caller); a denial is its error signal.
   *
   * @param prompt the prompt
   * @return the checked stream
   */
  @Override
  public Flux<ChatResponse> stream(Prompt prompt) {
    Objects.requireNonNull(prompt, "prompt");
    return Flux.deferContextual(ctx -> {
      if (ctx.hasKey(AdvisedCalls.STREAM_KEY)) {
        return delegate.stream(prompt);
      }
      SpringAiExchange exchange;
      try {
        exchange = SpringAiExchange.open(settings, prompt, delegate.getOptions(), null, List.of());
      } catch (GuardrailViolationException e) {
        return Flux.error(e);
      }
      return StreamGuard.guard(exchange, ex -> delegate.stream(ex.prompt), r -> r, (element, chat) -> chat);
    });
  }

  /**
   * The wrapped model's options.
   *
   * @return the options
   */
  @Override
  public ChatOptions getOptions() {
    return delegate.getOptions();
  }

  /**
   * The wrapped model.
   *
   * @return the delegate
   */
  public ChatModel delegate() {
    return delegate;
  }

  /**
   * The configured model reference, when one was set; otherwise it is derived per prompt.
   *
   * @return the model reference
   */
  public Optional<ModelRef> configuredModel() {
    return Optional.ofNullable(settings.model());
  }

  @Override
  public String toString() {
    return "GuardedChatModel[" + delegate.getClass().getSimpleName() + "]";
  }
}
