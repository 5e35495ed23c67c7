package dev.guardrails4j.langchain4j;

import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.ModelRef;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps between LangChain4j requests and the Guardrails4j model: model names, messages and tools.
 * Stateless.
 */
final class ChatMapping {

  private static final Logger log = LoggerFactory.getLogger(ChatMapping.class);

  private ChatMapping() {}

  /** The tool name used for a tool result whose message names no tool. */
  static final String UNNAMED_TOOL = "unknown";

  // ---- models --------------------------------------------------------------------------------

  /**
   * The provider name policies use: {@code openai}, {@code azure-openai}, {@code ollama},
   * {@code anthropic}, {@code mistral-ai}, {@code google-ai-gemini}, ... (the enum constant in lower
   * case with {@code -} for {@code _}); {@code other} when the model does not say.
   */
  static String providerName(@Nullable ModelProvider provider) {
    if (provider == null) {
      return "other";
    }
    return switch (provider.name()) {
      case "OPEN_AI" -> "openai";
      case "AZURE_OPEN_AI" -> "azure-openai";
      default -> provider.name().toLowerCase(Locale.ROOT).replace('_', '-');
    };
  }

  /**
   * The model a request goes to: the configured one, else the provider of the model and the model
   * name of the request, else of the model's default parameters, else {@code unknown}.
   */
  static ModelRef modelRef(@Nullable ModelRef configured, @Nullable ModelProvider provider,
      @Nullable ChatRequestParameters defaults, @Nullable ChatRequest request) {
    if (configured != null) {
      return configured;
    }
    String name = null;
    if (request != null && request.parameters() != null) {
      name = request.parameters().modelName();
    }
    if ((name == null || name.isBlank()) && defaults != null) {
      name = defaults.modelName();
    }
    return ModelRef.of(providerName(provider), name == null || name.isBlank() ? "unknown" : name);
  }

  // ---- messages ------------------------------------------------------------------------------

  /**
   * Where a checked text lives in the request: the message index and, for multi-part messages,
   * the content index ({@code -1} for a message with a single text).
   */
  record Slot(int message, int content) {}

  /** The texts of a request as Guardrails4j messages, and where each came from. */
  record Mapped(List<Message> messages, List<Slot> slots) {}

  /**
   * The texts of a conversation as Guardrails4j messages: system texts, each text part of a user
   * message, assistant texts and the text parts of tool results. Images, audio, video, PDFs and
   * custom messages carry no text the detectors can read and are not mapped.
   */
  static Mapped map(List<ChatMessage> chat) {
    List<Message> messages = new ArrayList<>(chat.size());
    List<Slot> slots = new ArrayList<>(chat.size());
    for (int i = 0; i < chat.size(); i++) {
      ChatMessage m = chat.get(i);
      if (m instanceof SystemMessage s) {
        messages.add(Message.system(s.text()));
        slots.add(new Slot(i, -1));
      } else if (m instanceof UserMessage u) {
        List<Content> contents = u.contents();
        for (int c = 0; c < contents.size(); c++) {
          if (contents.get(c) instanceof TextContent t) {
            messages.add(Message.user(t.text()));
            slots.add(new Slot(i, c));
          }
        }
      } else if (m instanceof AiMessage a) {
        if (a.text() != null) {
          messages.add(Message.assistant(a.text()));
          slots.add(new Slot(i, -1));
        }
      } else if (m instanceof ToolExecutionResultMessage r) {
        String tool = r.toolName() == null || r.toolName().isBlank() ? UNNAMED_TOOL : r.toolName();
        List<Content> contents = r.contents();
        for (int c = 0; c < contents.size(); c++) {
          if (contents.get(c) instanceof TextContent t) {
            messages.add(Message.toolResult(tool, t.text()));
            slots.add(new Slot(i, c));
          }
        }
      }
    }
    return new Mapped(messages, slots);
  }

  /**
   * The conversation with the checked texts put back; messages whose texts did not change are the
   * same instances.
   */
  static List<ChatMessage> rebuild(List<ChatMessage> chat, Mapped mapped, List<Message> checked) {
    if (checked == mapped.messages()) {
      return chat;
    }
    List<ChatMessage> out = null;
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
      out.set(slot.message(), withText(out.get(slot.message()), slot.content(), after));
    }
    return out == null ? chat : out;
  }

  private static ChatMessage withText(ChatMessage m, int content, String text) {
    if (m instanceof SystemMessage) {
      return SystemMessage.from(text);
    }
    if (m instanceof AiMessage a) {
      return a.withText(text);
    }
    if (m instanceof UserMessage u) {
      List<Content> contents = new ArrayList<>(u.contents());
      contents.set(content, TextContent.from(text));
      return u.toBuilder().contents(contents).build();
    }
    if (m instanceof ToolExecutionResultMessage r) {
      List<Content> contents = new ArrayList<>(r.contents());
      contents.set(content, TextContent.from(text));
      return r.toBuilder().contents(contents).build();
    }
    throw new IllegalStateException("no text slot in " + m.type());
  }

  // ---- tools ---------------------------------------------------------------------------------

  /** The tools a request offers once the model's defaults are applied. */
  static List<ToolSpecification> offeredTools(ChatRequest request, @Nullable ChatRequestParameters defaults) {
    List<ToolSpecification> tools = request.parameters() == null ? null : request.parameters().toolSpecifications();
    if ((tools == null || tools.isEmpty()) && defaults != null) {
      tools = defaults.toolSpecifications();
    }
    return tools == null ? List.of() : tools;
  }

  static List<String> toolNames(List<ToolSpecification> tools) {
    List<String> names = new ArrayList<>(tools.size());
    for (ToolSpecification t : tools) {
      names.add(t.name());
    }
    return names;
  }

  /**
   * The request offering only the allowed tools. A non-empty list overrides the request's tools
   * and the model's default tools. An empty list cannot clear tools through LangChain4j's merge
   * rules (it treats an empty list as "not set"), so the parameters are rebuilt without tools when
   * they are plain {@link DefaultChatRequestParameters}; provider-specific parameters cannot be
   * copied field by field, so there, and when the model's own defaults carry tools, the request
   * keeps the definitions and sets {@link ToolChoice#NONE} so that the model calls none of them.
   * Every tool call that comes back is checked anyway.
   */
  static ChatRequest withTools(ChatRequest request, @Nullable ChatRequestParameters defaults,
      List<ToolSpecification> offered, List<String> allowed) {
    if (allowed.size() == offered.size()) {
      return request;
    }
    if (!allowed.isEmpty()) {
      List<ToolSpecification> keep = new ArrayList<>(allowed.size());
      for (ToolSpecification t : offered) {
        if (allowed.contains(t.name())) {
          keep.add(t);
        }
      }
      return request.toBuilder().toolSpecifications(keep).build();
    }
    ChatRequestParameters p = request.parameters();
    boolean defaultsHaveTools = defaults != null && defaults.toolSpecifications() != null
        && !defaults.toolSpecifications().isEmpty();
    if (!defaultsHaveTools && (p == null || p.getClass() == DefaultChatRequestParameters.class)) {
      DefaultChatRequestParameters.Builder<?> b = DefaultChatRequestParameters.builder();
      if (p != null) {
        b.overrideWith(p);
      }
      b.toolSpecifications((List<ToolSpecification>) null).toolChoice(null);
      return ChatRequest.builder().messages(request.messages()).parameters(b.build()).build();
    }
    return request.toBuilder().toolChoice(ToolChoice.NONE).build();
  }

  /**
   * The input tokens to reserve: the estimator's count of the messages and tool definitions when
   * there is an estimator, else {@link #estimateTokens(List, List)}. An estimator that throws or
   * returns a negative count falls back to the documented estimate, with a warning naming the
   * exception class only (never the content).
   */
  static long estimateTokens(@Nullable TokenCountEstimator estimator, List<ChatMessage> original,
      List<Message> mapped, List<ToolSpecification> tools) {
    if (estimator != null) {
      try {
        long n = estimator.estimateTokenCountInMessages(original);
        for (ToolSpecification t : tools) {
          n += estimator.estimateTokenCountInText(t.description() == null ? t.name() : t.name() + "\n" + t.description());
        }
        if (n >= 0) {
          return n;
        }
        log.warn("Guardrails: token count estimator {} returned a negative count; using the documented "
            + "estimate (one token per four characters) for this call", estimator.getClass().getName());
      } catch (RuntimeException e) {
        log.warn("Guardrails: token count estimator {} failed ({}); using the documented estimate (one token "
            + "per four characters) for this call", estimator.getClass().getName(), e.getClass().getName());
      }
    }
    return estimateTokens(mapped, tools);
  }

  /**
   * A rough input token estimate: one token per four characters of message text and tool
   * definitions, plus four per message for the chat format (the engine's documented estimate).
   */
  static long estimateTokens(List<Message> messages, List<ToolSpecification> tools) {
    long chars = 0;
    for (Message m : messages) {
      chars += m.text().length();
    }
    for (ToolSpecification t : tools) {
      chars += t.name().length() + (t.description() == null ? 0 : t.description().length());
    }
    return (chars + 3) / 4 + 4L * messages.size();
  }
}
