package dev.guardrails4j.langchain4j;

import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChatModel} that enforces Guardrails4j policies around every call of the model it wraps.
 *
 * <pre>{@code
 * ChatModel model = GuardedChatModel.wrap(openAiModel, guardrails);
 * }</pre>
 *
 * <p>For each request it:
 * <ol>
 *   <li>builds an {@link dev.guardrails4j.api.Invocation} with {@link Guardrails#invocation(ModelRef)}:
 *       caller, action, data labels and attributes from the current {@link
 *       dev.guardrails4j.api.GuardContext}; the model from the context, else {@link
 *       Builder#model(ModelRef)}, else derived from the wrapped model ({@code provider()} as a lower-case name
 *       such as {@code openai}, {@code ollama}, {@code anthropic}, or {@code other}; the request's
 *       model name, else the default parameters' one); the texts of system, user, assistant and
 *       tool-result messages; the names of the tools offered; a token estimate;</li>
 *   <li>starts the guarded call (access and limits) and checks the input; the request actually
 *       sent carries the redacted texts, and only the tools the caller may use;</li>
 *   <li>calls the wrapped model behind the provider's circuit breaker and time limit, if the
 *       policies configure them, and records the provider's token usage;</li>
 *   <li>checks the answer's text (redactions, blocks, and reversible input redactions restored
 *       for the caller) and each tool call the model requested: an allowed call keeps its
 *       (possibly redacted) arguments; a call refused by a policy with {@code on-deny: stop}
 *       throws; a call refused with {@code on-deny: error} is removed from the answer, and when
 *       nothing else remains of the answer its text becomes the refusal message (the model is not
 *       asked again; use {@link GuardedToolProvider} in AI services to give the model the refusal
 *       as a tool result instead);</li>
 *   <li>closes the call, which emits the audit event, before returning.</li>
 * </ol>
 *
 * <p>A phase that blocks throws {@link dev.guardrails4j.api.GuardrailViolationException}; the
 * wrapped model is not called when access, limits or input checks block.
 *
 * <p>The decorator keeps the wrapped model's behaviour: {@link #defaultRequestParameters()},
 * {@link #provider()} and {@link #supportedCapabilities()} are the wrapped model's, and {@link
 * #listeners()} is empty so that the wrapped model's own listeners fire exactly once per call
 * (they see the request as sent, after redaction). Thread-safe if the wrapped model is.
 */
public final class GuardedChatModel implements ChatModel {

  private final ChatModel delegate;
  private final GuardedModelOptions.ModelSettings settings;

  private GuardedChatModel(Builder b) {
    this.delegate = b.delegate;
    this.settings = b.options.settings();
  }

  /**
   * Wraps a model, deriving the model name from it.
   *
   * @param delegate the model to guard
   * @param guardrails the engine
   * @return the guarded model
   */
  public static GuardedChatModel wrap(ChatModel delegate, Guardrails guardrails) {
    return builder(delegate, guardrails).build();
  }

  /**
   * Starts a builder for options such as an explicit model name.
   *
   * @param delegate the model to guard
   * @param guardrails the engine
   * @return a builder
   */
  public static Builder builder(ChatModel delegate, Guardrails guardrails) {
    return new Builder(delegate, guardrails);
  }

  /**
   * The guarded request-response call.
   *
   * @param chatRequest the request
   * @param options listener attributes, passed to the wrapped model
   * @return the checked response
   * @throws dev.guardrails4j.api.GuardrailViolationException if a phase blocks
   */
  @Override
  public ChatResponse chat(ChatRequest chatRequest, ChatRequestOptions options) {
    Objects.requireNonNull(chatRequest, "chatRequest");
    ChatRequestOptions opts = options == null ? ChatRequestOptions.EMPTY : options;
    return guarded(chatRequest, r -> delegate.chat(r, opts));
  }

  /**
   * Guards a call that bypasses listeners, as some frameworks make it; the wrapped model's {@code
   * doChat} receives the checked request.
   *
   * @param chatRequest the request
   * @return the checked response
   * @throws dev.guardrails4j.api.GuardrailViolationException if a phase blocks
   */
  @Override
  public ChatResponse doChat(ChatRequest chatRequest) {
    Objects.requireNonNull(chatRequest, "chatRequest");
    return guarded(chatRequest, delegate::doChat);
  }

  private ChatResponse guarded(ChatRequest chatRequest, java.util.function.Function<ChatRequest, ChatResponse> send) {
    ChatExchange exchange = ChatExchange.open(settings, delegate.provider(),
        delegate.defaultRequestParameters(), chatRequest);
    GuardedCall call = exchange.call;
    ChatResponse checked;
    try {
      ChatResponse response = call.callModel(() -> send.apply(exchange.request));
      checked = exchange.checkResponse(response);
    } catch (RuntimeException | Error e) {
      ChatExchange.closeQuietly(call, e);
      throw e;
    }
    call.close();
    return checked;
  }

  /**
   * The wrapped model's default parameters.
   *
   * @return the parameters
   */
  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return delegate.defaultRequestParameters();
  }

  /**
   * No listeners: the wrapped model notifies its own.
   *
   * @return an empty list
   */
  @Override
  public List<ChatModelListener> listeners() {
    return List.of();
  }

  /**
   * The wrapped model's provider.
   *
   * @return the provider
   */
  @Override
  public ModelProvider provider() {
    return delegate.provider();
  }

  /**
   * The wrapped model's capabilities.
   *
   * @return the capabilities
   */
  @Override
  public Set<Capability> supportedCapabilities() {
    return delegate.supportedCapabilities();
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
   * The configured model reference, when one was set; otherwise it is derived per request.
   *
   * @return the model reference
   */
  public java.util.Optional<ModelRef> configuredModel() {
    return java.util.Optional.ofNullable(settings.model());
  }

  @Override
  public String toString() {
    return "GuardedChatModel[" + delegate.getClass().getSimpleName() + "]";
  }

  /** Builds a {@link GuardedChatModel}. Each option may be set once. */
  public static final class Builder {
    private final ChatModel delegate;
    private final GuardedModelOptions options;

    private Builder(ChatModel delegate, Guardrails guardrails) {
      this.options = new GuardedModelOptions(delegate, guardrails);
      this.delegate = delegate;
    }

    /**
     * The model as policies see it, instead of deriving it from the wrapped model. A model set in
     * the current {@link dev.guardrails4j.api.GuardContext} still wins.
     *
     * @param model the model, for example {@code ModelRef.of("openai", "gpt-4o")}
     * @return this
     */
    public Builder model(ModelRef model) {
      options.model(model);
      return this;
    }

    /**
     * The model as policies see it, written {@code provider:name}.
     *
     * @param model for example {@code "openai:gpt-4o"}
     * @return this
     * @throws IllegalArgumentException if the text is not {@code provider:name}
     */
    public Builder model(String model) {
      return model(ModelRef.parse(model));
    }

    /**
     * A tokenizer for the wrapped model, used to reserve token budgets before each call instead of
     * the documented estimate (one token per four characters plus four per message). Use the one
     * LangChain4j offers for your provider, for example {@code new OpenAiTokenCountEstimator("gpt-4o")}.
     * Budgets are settled with the usage the provider reports either way; if the estimator
     * throws, the call falls back to the documented estimate and logs a warning (the exception
     * class only).
     *
     * @param estimator the estimator
     * @return this
     * @throws IllegalStateException if an estimator was already set
     */
    public Builder tokenCountEstimator(TokenCountEstimator estimator) {
      options.tokenCountEstimator(estimator);
      return this;
    }

    /**
     * Builds the guarded model.
     *
     * @return the guarded model
     */
    public GuardedChatModel build() {
      return new GuardedChatModel(this);
    }
  }
}
