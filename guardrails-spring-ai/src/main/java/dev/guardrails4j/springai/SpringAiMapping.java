package dev.guardrails4j.springai;

import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.ModelRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * Maps between Spring AI prompts and the Guardrails4j model: model names, messages and tools.
 * Stateless.
 */
final class SpringAiMapping {

  private SpringAiMapping() {}

  /** The tool name used for a tool result whose response names no tool. */
  static final String UNNAMED_TOOL = "unknown";

  // ---- models --------------------------------------------------------------------------------

  /**
   * The provider name policies use, from the class of the prompt's options: {@code
   * OpenAiChatOptions} is {@code openai}, {@code AzureOpenAiChatOptions} {@code azure-openai},
   * {@code AnthropicChatOptions} {@code anthropic}, {@code OllamaChatOptions} {@code ollama}, other
   * names in lower case with {@code -} between words ({@code MistralAiChatOptions} is {@code
   * mistral-ai}); {@code other} when the options are Spring AI's generic ones or absent.
   */
  static String providerName(@Nullable ChatOptions options) {
    if (options == null) {
      return "other";
    }
    String name = options.getClass().getSimpleName();
    int end = name.indexOf("ChatOptions");
    if (end <= 0 || name.startsWith("Default")) {
      return "other";
    }
    String stem = name.substring(0, end);
    switch (stem) {
      case "OpenAi", "OpenAiSdk":
        return "openai";
      case "AzureOpenAi":
        return "azure-openai";
      default:
        break;
    }
    StringBuilder s = new StringBuilder(stem.length() + 4);
    for (int i = 0; i < stem.length(); i++) {
      char c = stem.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        s.append('-');
      }
      s.append(Character.toLowerCase(c));
    }
    return s.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * The model a prompt goes to: the configured one, else the provider of the prompt's options (of
   * the model's default options when the prompt's are Spring AI's generic ones) and the prompt's
   * model name, else the default options' one, else {@code unknown}.
   */
  static ModelRef modelRef(@Nullable ModelRef configured, Prompt prompt, @Nullable ChatOptions defaults) {
    if (configured != null) {
      return configured;
    }
    ChatOptions options = prompt.getOptions();
    String name = options == null ? null : options.getModel();
    if ((name == null || name.isBlank()) && defaults != null) {
      name = defaults.getModel();
    }
    String provider = providerName(options);
    if ("other".equals(provider) && defaults != null) {
      // generic options on the prompt (ChatOptions.builder()): the model's own options say which provider
      provider = providerName(defaults);
    }
    return ModelRef.of(provider, name == null || name.isBlank() ? "unknown" : name);
  }

  // ---- messages ------------------------------------------------------------------------------

  /**
   * Where a checked text lives in the prompt: the message index and, for tool responses, the
   * response index ({@code -1} for a message with a single text).
   */
  record Slot(int message, int part) {}

  /** The texts of a prompt as Guardrails4j messages, and where each came from. */
  record Mapped(List<Message> messages, List<Slot> slots) {}

  /**
   * The texts of a conversation as Guardrails4j messages: system, user and assistant texts and
   * each tool response. Media carry no text the detectors can read and are not mapped.
   */
  static Mapped map(List<org.springframework.ai.chat.messages.Message> chat) {
    List<Message> messages = new ArrayList<>(chat.size());
    List<Slot> slots = new ArrayList<>(chat.size());
    for (int i = 0; i < chat.size(); i++) {
      org.springframework.ai.chat.messages.Message m = chat.get(i);
      if (m instanceof ToolResponseMessage r) {
        List<ToolResponseMessage.ToolResponse> responses = r.getResponses();
        for (int k = 0; k < responses.size(); k++) {
          ToolResponseMessage.ToolResponse tr = responses.get(k);
          String tool = tr.name() == null || tr.name().isBlank() ? UNNAMED_TOOL : tr.name();
          messages.add(Message.toolResult(tool, tr.responseData() == null ? "" : tr.responseData()));
          slots.add(new Slot(i, k));
        }
        continue;
      }
      String text = m.getText();
      if (text == null) {
        continue;
      }
      if (m instanceof SystemMessage) {
        messages.add(Message.system(text));
      } else if (m instanceof UserMessage) {
        messages.add(Message.user(text));
      } else if (m instanceof AssistantMessage) {
        if (text.isEmpty()) {
          continue;
        }
        messages.add(Message.assistant(text));
      } else {
        // a message type of the application's own: its text is what the model sees as the user's
        messages.add(Message.user(text));
      }
      slots.add(new Slot(i, -1));
    }
    return new Mapped(messages, slots);
  }

  /**
   * The conversation with the checked texts put back; messages whose texts did not change are the
   * same instances.
   */
  static List<org.springframework.ai.chat.messages.Message> rebuild(
      List<org.springframework.ai.chat.messages.Message> chat, Mapped mapped, List<Message> checked) {
    if (checked == mapped.messages()) {
      return chat;
    }
    List<org.springframework.ai.chat.messages.Message> out = null;
    for (int k = 0; k < checked.size(); k++) {
      String before = mapped.messages().get(k).text();
      String after = checked.get(k).text();
      if (before.equals(after)) {
        continue;
      }
      if (out == null) {
        out = new ArrayList<>(chat);
      }
      Slot slot = mapped.slots().get(k);
      out.set(slot.message(), withText(out.get(slot.message()), slot.part(), after));
    }
    return out == null ? chat : out;
  }

  private static org.springframework.ai.chat.messages.Message withText(
      org.springframework.ai.chat.messages.Message m, int part, String text) {
    if (m instanceof SystemMessage s) {
      return s.mutate().text(text).build();
    }
    if (m instanceof UserMessage u) {
      return u.mutate().text(text).build();
    }
    if (m instanceof AssistantMessage a) {
      return a.mutate().content(text).build();
    }
    if (m instanceof ToolResponseMessage r) {
      List<ToolResponseMessage.ToolResponse> responses = new ArrayList<>(r.getResponses());
      ToolResponseMessage.ToolResponse tr = responses.get(part);
      responses.set(part, new ToolResponseMessage.ToolResponse(tr.id(), tr.name(), text));
      return ToolResponseMessage.builder().responses(responses).metadata(r.getMetadata()).build();
    }
    // a message of the application's own type: the model sees the checked text as the user's
    return new UserMessage(text);
  }

  // ---- tools ---------------------------------------------------------------------------------

  /** The tool callbacks a prompt offers. */
  static List<ToolCallback> offeredTools(Prompt prompt) {
    if (prompt.getOptions() instanceof ToolCallingChatOptions o && o.getToolCallbacks() != null) {
      return o.getToolCallbacks();
    }
    return List.of();
  }

  static List<String> toolNames(List<ToolCallback> tools) {
    List<String> names = new ArrayList<>(tools.size());
    for (ToolCallback t : tools) {
      names.add(t.getToolDefinition().name());
    }
    return names;
  }

  /** The prompt offering only the allowed tools. */
  static Prompt withTools(Prompt prompt, List<ToolCallback> offered, List<String> allowed) {
    if (allowed.size() == offered.size() || !(prompt.getOptions() instanceof ToolCallingChatOptions o)) {
      return prompt;
    }
    List<ToolCallback> keep = new ArrayList<>(allowed.size());
    for (ToolCallback t : offered) {
      if (allowed.contains(t.getToolDefinition().name())) {
        keep.add(t);
      }
    }
    ToolCallingChatOptions options = o.mutate().toolCallbacks(keep).build();
    return prompt.mutate().chatOptions(options).build();
  }

  /**
   * A rough input token estimate: one token per four characters of message text and tool
   * definitions, plus four per message for the chat format (the engine's documented estimate).
   */
  static long estimateTokens(List<Message> messages, List<ToolCallback> tools) {
    long chars = 0;
    for (Message m : messages) {
      chars += m.text().length();
    }
    for (ToolCallback t : tools) {
      chars += t.getToolDefinition().name().length() + t.getToolDefinition().description().length();
    }
    return (chars + 3) / 4 + 4L * messages.size();
  }
}
