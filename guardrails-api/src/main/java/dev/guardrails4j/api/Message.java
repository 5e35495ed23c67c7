package dev.guardrails4j.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message of a model call.
 *
 * @param role who speaks
 * @param text the content
 * @param name the tool name for {@link Role#TOOL_RESULT} messages, otherwise usually {@code null}
 */
public record Message(Role role, String text, @Nullable String name) {

  /** Validates. */
  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(text, "text");
  }

  /**
   * A system message.
   *
   * @param text the text
   * @return the message
   */
  public static Message system(String text) {
    return new Message(Role.SYSTEM, text, null);
  }

  /**
   * A user message.
   *
   * @param text the text
   * @return the message
   */
  public static Message user(String text) {
    return new Message(Role.USER, text, null);
  }

  /**
   * An assistant message.
   *
   * @param text the text
   * @return the message
   */
  public static Message assistant(String text) {
    return new Message(Role.ASSISTANT, text, null);
  }

  /**
   * A tool result.
   *
   * @param toolName the tool
   * @param text the result
   * @return the message
   */
  public static Message toolResult(String toolName, String text) {
    return new Message(Role.TOOL_RESULT, text, Objects.requireNonNull(toolName, "toolName"));
  }

  /**
   * The same message with other text.
   *
   * @param newText the text
   * @return a message
   */
  public Message withText(String newText) {
    return new Message(role, newText, name);
  }

  @Override
  public String toString() {
    return "Message[role=" + role + ", text=<" + text.length() + " chars>]";
  }

  /** Who speaks in a message. */
  public enum Role {
    /** Instructions from the application. */
    SYSTEM,
    /** The end user's words. */
    USER,
    /** Earlier model answers. */
    ASSISTANT,
    /** What a tool returned. */
    TOOL_RESULT
  }
}
