package dev.guardrails4j.springai;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/** A tool callback that records what it received and answers with a fixed function. */
final class TestTools implements ToolCallback {

  final List<String> inputs = new CopyOnWriteArrayList<>();
  private final ToolDefinition definition;
  private final UnaryOperator<String> answer;

  private TestTools(String name, UnaryOperator<String> answer) {
    this.definition = ToolDefinition.builder().name(name).description("The " + name + " tool")
        .inputSchema("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}}}").build();
    this.answer = answer;
  }

  static TestTools named(String name, UnaryOperator<String> answer) {
    return new TestTools(name, answer);
  }

  @Override
  public ToolDefinition getToolDefinition() {
    return definition;
  }

  @Override
  public String call(String toolInput) {
    inputs.add(toolInput);
    return answer.apply(toolInput);
  }
}
