package dev.guardrails4j.api;

import java.util.Objects;

/**
 * A tool call requested by a model.
 *
 * @param id the provider's id for the call, or an empty string
 * @param name the tool name
 * @param arguments the arguments as the model wrote them (usually JSON)
 */
public record ToolCall(String id, String name, String arguments) {

  /** Validates. */
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
    if (name.isBlank()) {
      throw new IllegalArgumentException("tool name must not be blank");
    }
  }

  /**
   * A tool call without an id.
   *
   * @param name tool
   * @param arguments arguments
   * @return the call
   */
  public static ToolCall of(String name, String arguments) {
    return new ToolCall("", name, arguments);
  }

  @Override
  public String toString() {
    return "ToolCall[name=" + name + ", arguments=<" + arguments.length() + " chars>]";
  }
}
