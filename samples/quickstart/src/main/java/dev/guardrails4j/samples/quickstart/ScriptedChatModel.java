package dev.guardrails4j.samples.quickstart;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An in-process LangChain4j {@link ChatModel} that answers from a script, so that the quickstart
 * runs offline and without an API key. It answers the last user message with the first rule whose
 * cue it contains, asks for a tool when a rule says so, and confirms a tool result. It stands in
 * for a hosted model: {@link #defaultRequestParameters()} names the model it replaces.
 *
 * <p>Thread-safe: the script is immutable.
 */
public final class ScriptedChatModel implements ChatModel {

  private final String modelName;
  private final List<Rule> rules;
  private final String otherwise;

  private ScriptedChatModel(Builder b) {
    this.modelName = b.modelName;
    this.rules = List.copyOf(b.rules);
    this.otherwise = b.otherwise;
  }

  /**
   * Starts a script.
   *
   * @param modelName the name of the model this script stands in for, for example
   *     {@code gpt-4o-mini}
   * @return a builder
   */
  public static Builder builder(String modelName) {
    return new Builder(modelName);
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    @Nullable ChatMessage last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
    AiMessage answer;
    if (last instanceof ToolExecutionResultMessage result) {
      answer = AiMessage.from("Done: " + result.toolName() + " returned \"" + result.text() + "\".");
    } else {
      answer = answer(lastUserText(messages));
    }
    int in = 0;
    for (ChatMessage m : messages) {
      in += m.toString().length() / 4;
    }
    int out = answer.text() == null ? 8 : answer.text().length() / 4;
    return ChatResponse.builder()
        .aiMessage(answer)
        .modelName(modelName)
        .tokenUsage(new TokenUsage(in, out))
        .finishReason(answer.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
        .build();
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return ChatRequestParameters.builder().modelName(modelName).build();
  }

  @Override
  public ModelProvider provider() {
    return ModelProvider.OTHER;
  }

  private AiMessage answer(String userText) {
    String lower = userText.toLowerCase(Locale.ROOT);
    for (Rule r : rules) {
      if (lower.contains(r.cue)) {
        return r.tool != null ? AiMessage.from(r.tool) : AiMessage.from(Objects.requireNonNull(r.text));
      }
    }
    return AiMessage.from(otherwise);
  }

  private static String lastUserText(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof UserMessage u && u.hasSingleText()) {
        return u.singleText();
      }
    }
    return "";
  }

  private record Rule(String cue, @Nullable String text, @Nullable ToolExecutionRequest tool) {}

  /** Builds a {@link ScriptedChatModel}; rules are tried in the order they are added. */
  public static final class Builder {
    private final String modelName;
    private final List<Rule> rules = new ArrayList<>();
    private String otherwise = "I can help with support tickets.";

    private Builder(String modelName) {
      Objects.requireNonNull(modelName, "modelName");
      if (modelName.isBlank()) {
        throw new IllegalArgumentException("modelName must not be blank");
      }
      this.modelName = modelName;
    }

    /**
     * Answers with a text when the last user message contains a cue (ignoring case).
     *
     * @param cue the cue
     * @param answer the answer
     * @return this
     */
    public Builder answer(String cue, String answer) {
      rules.add(new Rule(cue(cue), Objects.requireNonNull(answer, "answer"), null));
      return this;
    }

    /**
     * Asks for a tool when the last user message contains a cue (ignoring case).
     *
     * @param cue the cue
     * @param tool the tool name
     * @param argumentsJson the arguments, as JSON
     * @return this
     */
    public Builder callTool(String cue, String tool, String argumentsJson) {
      ToolExecutionRequest request = ToolExecutionRequest.builder()
          .id("call_" + (rules.size() + 1)).name(tool).arguments(argumentsJson).build();
      rules.add(new Rule(cue(cue), null, request));
      return this;
    }

    /**
     * The answer when no cue matches.
     *
     * @param answer the answer
     * @return this
     */
    public Builder otherwise(String answer) {
      this.otherwise = Objects.requireNonNull(answer, "answer");
      return this;
    }

    /**
     * Builds the model.
     *
     * @return the model
     */
    public ScriptedChatModel build() {
      return new ScriptedChatModel(this);
    }

    private static String cue(String cue) {
      Objects.requireNonNull(cue, "cue");
      if (cue.isBlank()) {
        throw new IllegalArgumentException("a cue must not be blank");
      }
      return cue.toLowerCase(Locale.ROOT);
    }
  }
}
