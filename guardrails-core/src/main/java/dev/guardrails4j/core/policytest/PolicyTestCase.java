package dev.guardrails4j.core.policytest;

import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.ToolCall;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One case of a policy test file: an invocation, optionally the model's answer and the tool calls
 * it requests, and what each phase is expected to decide.
 *
 * @param name the case's name, shown in reports
 * @param line the line where the case starts in its file (0 when unknown)
 * @param invocation the invocation to evaluate
 * @param answer the model's answer to check as output, or {@code null} to skip the output phase
 * @param toolCalls tool calls the model requests, checked in order after the output
 * @param repeat how many times the call is made; expectations apply to the last one (earlier calls
 *     stay open until the case ends, so concurrency limits count them)
 * @param expectations the expected outcome per phase; {@link Phase#TOOL} applies to every tool call
 *     that has no expectation of its own
 */
public record PolicyTestCase(
    String name,
    int line,
    Invocation invocation,
    @Nullable String answer,
    List<ToolCallCase> toolCalls,
    int repeat,
    Map<Phase, Expectation> expectations) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the name is blank or {@code repeat} is not positive
   */
  public PolicyTestCase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(invocation, "invocation");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a test case needs a name");
    }
    if (repeat < 1) {
      throw new IllegalArgumentException("repeat must be at least 1, got " + repeat);
    }
    toolCalls = List.copyOf(toolCalls);
    expectations = Map.copyOf(expectations);
  }

  /**
   * Reads a single invocation, written like one case of a test file (without {@code expect}, or
   * with it), from YAML or JSON. The {@code explain} command reads its {@code --json} input with
   * this.
   *
   * @param sourceName where the text comes from, for problems; a name ending in {@code .json} is
   *     read as JSON
   * @param content the text
   * @return the case, named {@code name} if the text gives one, else {@code invocation}
   * @throws PolicyTestException listing every problem with its line and column
   */
  public static PolicyTestCase parse(String sourceName, String content) {
    return new TestFileParser(sourceName).singleCase(content);
  }

  /**
   * A tool call the model requests, with what its check is expected to decide.
   *
   * @param call the tool call
   * @param expectation the expectation, or {@code null} to use the case's {@code tool} expectation
   */
  public record ToolCallCase(ToolCall call, @Nullable Expectation expectation) {

    /** Validates. */
    public ToolCallCase {
      Objects.requireNonNull(call, "call");
    }
  }
}
