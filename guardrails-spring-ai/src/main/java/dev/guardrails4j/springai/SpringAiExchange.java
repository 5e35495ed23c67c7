package dev.guardrails4j.springai;

import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.ToolCall;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.ToolCallback;

/**
 * One guarded exchange with a chat model: the invocation built from a prompt, the call started,
 * input checked, tools filtered; then the response checked. Used by one flow of control at a time.
 */
final class SpringAiExchange {

  /**
   * What every exchange of one advisor or decorator shares.
   *
   * @param guardrails the engine
   * @param model the model as policies see it, or {@code null} to derive it from the prompt
   * @param action the action when neither the context nor the request names one, or {@code null}
   */
  record Settings(Guardrails guardrails, @Nullable ModelRef model, @Nullable String action) {}

  final GuardedCall call;
  /** The prompt to send: redacted texts, allowed tools only. */
  final Prompt prompt;
  private @Nullable Map<String, GuardedCall.ToolDecision> checkedTools;
  private @Nullable String refusal;

  private SpringAiExchange(GuardedCall call, Prompt prompt) {
    this.call = call;
    this.prompt = prompt;
  }

  /**
   * Starts the guarded call for a prompt: access, limits, input checks, tool filtering.
   *
   * @param action the action the request names (an advisor parameter), or {@code null}
   * @param dataLabels data labels the request names, added to the context's
   * @throws dev.guardrails4j.api.GuardrailViolationException if a phase blocks (the call is closed
   *     and audited)
   */
  static SpringAiExchange open(Settings settings, Prompt prompt, @Nullable ChatOptions defaults,
      @Nullable String action, Collection<String> dataLabels) {
    return open(settings, prompt, defaults, action, dataLabels, null);
  }

  /**
   * As {@link #open(Settings, Prompt, ChatOptions, String, Collection)}, for the caller carried in
   * the request ({@code captured}) when the current thread's {@code GuardContext} names none: a
   * later round of a tool loop runs on a Reactor thread where neither it nor Spring Security's
   * context is set.
   */
  static SpringAiExchange open(Settings settings, Prompt prompt, @Nullable ChatOptions defaults,
      @Nullable String action, Collection<String> dataLabels, dev.guardrails4j.api.@Nullable Caller captured) {
    Guardrails guardrails = settings.guardrails();
    ModelRef model = SpringAiMapping.modelRef(settings.model(), prompt, defaults);
    SpringAiMapping.Mapped mapped = SpringAiMapping.map(prompt.getInstructions());
    List<ToolCallback> offered = SpringAiMapping.offeredTools(prompt);
    List<String> offeredNames = SpringAiMapping.toolNames(offered);
    Invocation.Builder b = guardrails.invocation(model)
        .messages(mapped.messages())
        .tools(offeredNames)
        .tokenEstimate(SpringAiMapping.estimateTokens(mapped.messages(), offered));
    if (captured != null && dev.guardrails4j.api.GuardContext.current().caller() == null) {
      b.caller(captured);
    }
    if (action != null && !action.isBlank()) {
      b.action(action);
    } else if (settings.action() != null && dev.guardrails4j.api.GuardContext.current().action() == null) {
      b.action(settings.action());
    }
    if (!dataLabels.isEmpty()) {
      List<String> labels = new ArrayList<>(dev.guardrails4j.api.GuardContext.current().dataLabels());
      labels.addAll(dataLabels);
      b.dataLabels(labels);
    }
    Invocation invocation = b.build();
    AdvisedCalls.requested(invocation.model());
    GuardedCall call = guardrails.start(invocation);
    try {
      List<Message> checked = call.checkInput(mapped.messages());
      Prompt out = prompt;
      if (checked != mapped.messages()) {
        out = out.mutate().messages(SpringAiMapping.rebuild(prompt.getInstructions(), mapped, checked)).build();
      }
      if (!offered.isEmpty()) {
        out = SpringAiMapping.withTools(out, offered, call.allowedTools(offeredNames));
      }
      return new SpringAiExchange(call, out);
    } catch (RuntimeException | Error e) {
      closeQuietly(call, e);
      throw e;
    }
  }

  /** Records the provider's token usage from a response's metadata, when it reports any. */
  void recordUsage(@Nullable ChatResponse response) {
    if (response == null) {
      return;
    }
    ChatResponseMetadata metadata = response.getMetadata();
    Usage usage = metadata == null ? null : metadata.getUsage();
    if (usage == null) {
      return;
    }
    Integer in = usage.getPromptTokens();
    Integer out = usage.getCompletionTokens();
    long input = in == null ? -1 : in;
    long output = out == null ? -1 : out;
    if (input > 0 || output > 0) {
      call.recordUsage(input, output);
    }
  }

  /**
   * Checks one tool call the model requested.
   *
   * @param key the call's id, or its index when the provider gives none
   * @return the call to run, with the arguments policy allows, or {@code null} when a soft deny
   *     removes it
   * @throws dev.guardrails4j.api.GuardrailViolationException for a hard stop
   */
  AssistantMessage.@Nullable ToolCall checkToolCall(String key, AssistantMessage.ToolCall t) {
    if (checkedTools == null) {
      checkedTools = new HashMap<>(4);
    }
    String args = t.arguments() == null ? "" : t.arguments();
    GuardedCall.ToolDecision d = checkedTools.get(key);
    if (d == null) {
      d = call.checkToolCall(new ToolCall(t.id() == null ? "" : t.id(), t.name(), args));
      checkedTools.put(key, d);
    }
    if (!d.allowed()) {
      if (refusal == null) {
        refusal = d.message();
      }
      return null;
    }
    return d.arguments().equals(args) ? t : new AssistantMessage.ToolCall(t.id(), t.type(), t.name(), d.arguments());
  }

  static String key(AssistantMessage.ToolCall t, int index) {
    return t.id() == null || t.id().isEmpty() ? "#" + index : t.id();
  }

  /**
   * Checks the tool calls of an answer: allowed ones stay (with their checked arguments), refused
   * ones are removed. When nothing remains of the answer, its text becomes the refusal message.
   */
  AssistantMessage checkToolCalls(AssistantMessage message) {
    if (!message.hasToolCalls()) {
      return message;
    }
    List<AssistantMessage.ToolCall> calls = message.getToolCalls();
    List<AssistantMessage.ToolCall> kept = new ArrayList<>(calls.size());
    boolean changed = false;
    for (int i = 0; i < calls.size(); i++) {
      AssistantMessage.ToolCall t = calls.get(i);
      AssistantMessage.ToolCall checked = checkToolCall(key(t, i), t);
      if (checked != null) {
        kept.add(checked);
      }
      changed |= checked != t;
    }
    if (!changed) {
      return message;
    }
    String text = message.getText();
    if (kept.isEmpty() && (text == null || text.isBlank()) && refusal != null) {
      text = refusal;
    }
    return message.mutate().toolCalls(kept).content(text).build();
  }

  /** Checks a complete (not streamed) response: usage, answer texts, tool calls. */
  ChatResponse checkResponse(ChatResponse response) {
    recordUsage(response);
    List<Generation> generations = response.getResults();
    List<Generation> out = null;
    for (int i = 0; i < generations.size(); i++) {
      Generation g = generations.get(i);
      AssistantMessage ai = g.getOutput();
      AssistantMessage checked = ai;
      String text = ai.getText();
      if (text != null && !text.isEmpty()) {
        String safe = call.checkOutput(text);
        if (!safe.equals(text)) {
          checked = ai.mutate().content(safe).build();
        }
      }
      checked = checkToolCalls(checked);
      if (checked != ai) {
        if (out == null) {
          out = new ArrayList<>(generations);
        }
        out.set(i, new Generation(checked, g.getMetadata()));
      }
    }
    return out == null ? response : ChatResponse.builder().from(response).generations(out).build();
  }

  /** Closes the call after a failure without hiding the failure. */
  static void closeQuietly(GuardedCall call, Throwable failure) {
    try {
      call.close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
