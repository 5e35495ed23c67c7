package dev.guardrails4j.langchain4j;

import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.core.Guardrails;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The options {@link GuardedChatModel.Builder} and {@link GuardedStreamingChatModel.Builder} share:
 * the engine and the model as policies see it, set at most once. Used while building only.
 */
final class GuardedModelOptions {

  private final Guardrails guardrails;
  private @Nullable ModelRef model;

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

  Guardrails guardrails() {
    return guardrails;
  }

  @Nullable ModelRef model() {
    return model;
  }
}
