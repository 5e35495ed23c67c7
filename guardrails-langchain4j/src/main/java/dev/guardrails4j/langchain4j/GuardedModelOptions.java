package dev.guardrails4j.langchain4j;

import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.core.Guardrails;
import dev.langchain4j.model.TokenCountEstimator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The options {@link GuardedChatModel.Builder} and {@link GuardedStreamingChatModel.Builder} share:
 * the engine, the model as policies see it and the token count estimator, each set at most once.
 * Used while building only; {@link #settings()} gives the immutable result.
 */
final class GuardedModelOptions {

  private final Guardrails guardrails;
  private @Nullable ModelRef model;
  private @Nullable TokenCountEstimator tokenCountEstimator;

  /** Options for guarding {@code delegate}; refuses a model that is already guarded. */
  GuardedModelOptions(Object delegate, Guardrails guardrails) {
    Objects.requireNonNull(delegate, "delegate");
    this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
    if (delegate instanceof GuardedChatModel || delegate instanceof GuardedStreamingChatModel) {
      throw new IllegalArgumentException("the model is already guarded; wrap the underlying model once");
    }
  }

  /** Sets the model as policies see it; a second call throws {@link IllegalStateException}. */
  void model(ModelRef model) {
    if (this.model != null) {
      throw new IllegalStateException("model was already set");
    }
    this.model = Objects.requireNonNull(model, "model");
  }

  /** Sets the token count estimator; a second call throws {@link IllegalStateException}. */
  void tokenCountEstimator(TokenCountEstimator estimator) {
    if (this.tokenCountEstimator != null) {
      throw new IllegalStateException("tokenCountEstimator was already set");
    }
    this.tokenCountEstimator = Objects.requireNonNull(estimator, "tokenCountEstimator");
  }

  ModelSettings settings() {
    return new ModelSettings(guardrails, model, tokenCountEstimator);
  }

  /**
   * What a guarded model needs on every call.
   *
   * @param guardrails the engine
   * @param model the model as policies see it, or {@code null} to derive it from the wrapped model
   * @param tokenCountEstimator the tokenizer for token budget reservations, or {@code null} for the
   *     documented estimate
   */
  record ModelSettings(Guardrails guardrails, @Nullable ModelRef model,
      @Nullable TokenCountEstimator tokenCountEstimator) {}
}
