package dev.guardrails4j.langchain4j;

import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.core.Guardrails;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StreamingChatModel} that enforces Guardrails4j policies around every streamed call of
 * the model it wraps.
 *
 * <pre>{@code
 * StreamingChatModel model = GuardedStreamingChatModel.wrap(openAiStreamingModel, guardrails);
 * }</pre>
 *
 * <p>Before the call it does what {@link GuardedChatModel} does: invocation from the current
 * {@link dev.guardrails4j.api.GuardContext} and the wrapped model, access, limits, input checks
 * (the request sent carries the redacted texts and only the allowed tools), and a permit from the
 * provider's circuit breaker.
 *
 * <p>While the answer streams, each partial text goes through the engine's {@link
 * dev.guardrails4j.core.StreamingOutput}: text is held back in a window (the engine option {@code
 * streamWindow}, 256 characters by default) and forwarded to the handler only once no finding can
 * reach into it, so a value up to the window's length that must be redacted or blocked is never
 * emitted in clear, even when split across chunks. The handler therefore sees fewer, later
 * partial responses than the provider sends; the rest is released on completion. The complete
 * response's text is exactly what was forwarded.
 *
 * <p>When a check blocks mid-stream, the handler's {@code onError} receives the {@link
 * dev.guardrails4j.api.GuardrailViolationException}, nothing further is forwarded, and the stream
 * is cancelled through the {@link dev.langchain4j.model.chat.response.StreamingHandle} the
 * provider passes with each partial response (providers that pass none are read to the end and
 * their events dropped). A denial before the model is called (access, limits, input) is also
 * reported through {@code onError}, and the wrapped model is not called.
 *
 * <p>Tool calls: each complete tool call is checked before it is forwarded (an AI service may
 * start running a tool as soon as it sees one): an allowed call is forwarded with its checked
 * arguments; a soft-denied call ({@code on-deny: error}) is not forwarded and is removed from the
 * complete response, whose text becomes the refusal message when nothing else remains; a hard
 * stop ({@code on-deny: stop}) ends the stream with {@code onError}. Partial tool calls are
 * forwarded only for tools the caller may use; their argument fragments are not checked, the
 * complete call is. Partial thinking and unmapped raw events are forwarded unchanged.
 *
 * <p>The handler's callbacks run with the {@link dev.guardrails4j.api.GuardContext} that was
 * current when {@code chat} was called, although they arrive on the provider's thread: an AI
 * service that runs tools and asks the model again from inside {@code onCompleteResponse} is
 * guarded for the same caller.
 *
 * <p>{@link #defaultRequestParameters()}, {@link #provider()} and {@link #supportedCapabilities()}
 * are the wrapped model's; {@link #listeners()} is empty so that the wrapped model's listeners fire
 * exactly once. The provider's time limit is not applied to streams.
 */
public final class GuardedStreamingChatModel implements StreamingChatModel {

  private final StreamingChatModel delegate;
  private final GuardedModelOptions.ModelSettings settings;

  private GuardedStreamingChatModel(Builder b) {
    this.delegate = b.delegate;
    this.settings = b.options.settings();
  }

  /**
   * Wraps a streaming model, deriving the model name from it.
   *
   * @param delegate the model to guard
   * @param guardrails the engine
   * @return the guarded model
   */
  public static GuardedStreamingChatModel wrap(StreamingChatModel delegate, Guardrails guardrails) {
    return builder(delegate, guardrails).build();
  }

  /**
   * Starts a builder for options such as an explicit model name.
   *
   * @param delegate the model to guard
   * @param guardrails the engine
   * @return a builder
   */
  public static Builder builder(StreamingChatModel delegate, Guardrails guardrails) {
    return new Builder(delegate, guardrails);
  }

  /**
   * The guarded streaming call.
   *
   * @param request the request
   * @param options listener attributes, passed to the wrapped model
   * @param handler receives the checked stream
   */
  @Override
  public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(handler, "handler");
    ChatRequestOptions opts = options == null ? ChatRequestOptions.EMPTY : options;
    GuardingStreamHandler.start(settings, delegate.provider(), delegate.defaultRequestParameters(),
        request, handler, (r, h) -> delegate.chat(r, opts, h));
  }

  /**
   * Guards a call that bypasses listeners; the wrapped model's {@code doChat} receives the checked
   * request.
   *
   * @param request the request
   * @param handler receives the checked stream
   */
  @Override
  public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(handler, "handler");
    GuardingStreamHandler.start(settings, delegate.provider(), delegate.defaultRequestParameters(),
        request, handler, delegate::doChat);
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
  public StreamingChatModel delegate() {
    return delegate;
  }

  /**
   * The configured model reference, when one was set; otherwise it is derived per request.
   *
   * @return the model reference
   */
  public Optional<ModelRef> configuredModel() {
    return Optional.ofNullable(settings.model());
  }

  @Override
  public String toString() {
    return "GuardedStreamingChatModel[" + delegate.getClass().getSimpleName() + "]";
  }

  /** Builds a {@link GuardedStreamingChatModel}. Each option may be set once. */
  public static final class Builder {
    private final StreamingChatModel delegate;
    private final GuardedModelOptions options;

    private Builder(StreamingChatModel delegate, Guardrails guardrails) {
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
    public GuardedStreamingChatModel build() {
      return new GuardedStreamingChatModel(this);
    }
  }
}
