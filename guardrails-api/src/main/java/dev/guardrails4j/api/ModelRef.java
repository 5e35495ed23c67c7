package dev.guardrails4j.api;

import java.util.Objects;

/**
 * A model as policies see it: a provider and a model name, written {@code provider:name} (for
 * example {@code openai:gpt-4o} or {@code ollama:llama3.1}).
 *
 * @param provider the provider, lower case by convention; never blank, no {@code ':'}
 * @param name the model name; never blank
 */
public record ModelRef(String provider, String name) {

  /** Used when nothing names the model. */
  public static final ModelRef UNKNOWN = new ModelRef("unknown", "unknown");

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if either part is blank or the provider holds a colon
   */
  public ModelRef {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(name, "name");
    if (provider.isBlank() || name.isBlank()) {
      throw new IllegalArgumentException(
          "model provider and name must not be blank, got '" + provider + ":" + name + "'");
    }
    if (provider.indexOf(':') >= 0) {
      throw new IllegalArgumentException("model provider must not contain ':', got '" + provider + "'");
    }
  }

  /**
   * A model reference.
   *
   * @param provider provider
   * @param name name
   * @return the reference
   */
  public static ModelRef of(String provider, String name) {
    return new ModelRef(provider, name);
  }

  /**
   * Parses {@code provider:name}.
   *
   * @param text the text
   * @return the reference
   * @throws IllegalArgumentException if the text has no colon or a blank part
   */
  public static ModelRef parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException(
          "model must be written 'provider:name' (for example 'openai:gpt-4o'), got '" + text + "'");
    }
    return new ModelRef(text.substring(0, colon), text.substring(colon + 1));
  }

  @Override
  public String toString() {
    return provider + ":" + name;
  }
}
