package dev.guardrails4j.samples.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import reactor.core.publisher.Flux;

/**
 * An offline model that answers from a short script, so the sample runs without a key:
 * <ul>
 *   <li>after a tool ran: "Done: " and the tool's result;</li>
 *   <li>"close ..." asks for the {@code closeTicket} tool, "status ..." for {@code lookupTicket};</li>
 *   <li>"card ..." answers with a card number (which the output check redacts, in streams too);</li>
 *   <li>anything else: "You wrote: " and the text the model received (so the redaction shows).</li>
 * </ul>
 * Streams come in chunks of 6 characters.
 */
final class ScriptedChatModel implements ChatModel {

  /** Options that take tools, so that Spring AI's tool-calling advisor runs the tools it asks for. */
  @Override
  public ChatOptions getOptions() {
    return ToolCallingChatOptions.builder().build();
  }

  @Override
  public ChatResponse call(Prompt prompt) {
    List<Message> messages = prompt.getInstructions();
    Message last = messages.isEmpty() ? new UserMessage("") : messages.get(messages.size() - 1);
    if (last instanceof ToolResponseMessage tool) {
      return answer("Done: " + tool.getResponses().get(0).responseData());
    }
    String text = last.getText() == null ? "" : last.getText();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("close")) {
      return toolCall("closeTicket");
    }
    if (lower.startsWith("status")) {
      return toolCall("lookupTicket");
    }
    if (lower.startsWith("card")) {
      return answer("The card on file is 4111 1111 1111 1111, expiring next year.");
    }
    return answer("You wrote: " + text);
  }

  @Override
  public Flux<ChatResponse> stream(Prompt prompt) {
    ChatResponse whole = call(prompt);
    AssistantMessage message = whole.getResult().getOutput();
    if (message.hasToolCalls()) {
      return Flux.just(whole);
    }
    String text = message.getText() == null ? "" : message.getText();
    List<ChatResponse> chunks = new ArrayList<>();
    for (int i = 0; i < text.length(); i += 6) {
      chunks.add(new ChatResponse(List.of(new Generation(new AssistantMessage(text.substring(i, Math.min(text.length(), i + 6)))))));
    }
    return Flux.fromIterable(chunks);
  }

  private static ChatResponse answer(String text) {
    return new ChatResponse(List.of(new Generation(new AssistantMessage(text))));
  }

  private static ChatResponse toolCall(String tool) {
    return new ChatResponse(List.of(new Generation(AssistantMessage.builder().content("")
        .toolCalls(List.of(new AssistantMessage.ToolCall("call-1", "function", tool, "{\"id\":\"T-1038\"}"))).build())));
  }
}
