package dev.guardrails4j.langchain4j;

import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.ToolCall;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One guarded exchange with a chat model: the invocation built from a request, the call started,
 * input checked, tools filtered; then the response checked. Used by one flow of control at a time.
 */
final class ChatExchange {

  final GuardedCall call;
  /** The request to send: redacted texts, allowed tools only. */
  final ChatRequest request;
  /** Tool calls already checked while streaming, by id (or by index when the provider gives no id). */
  private @Nullable Map<String, GuardedCall.ToolDecision> checkedTools;
  private @Nullable String refusal;

  private ChatExchange(GuardedCall call, ChatRequest request) {
    this.call = call;
    this.request = request;
  }

  /**
   * Starts the guarded call for a request: access, limits, input checks, tool filtering.
   *
   * @throws dev.guardrails4j.api.GuardrailViolationException if a phase blocks (the call is closed
   *     and audited)
   */
  static ChatExchange open(GuardedModelOptions.ModelSettings settings, @Nullable ModelProvider provider,
      @Nullable ChatRequestParameters defaults, ChatRequest request) {
    Guardrails guardrails = settings.guardrails();
    ModelRef model = ChatMapping.modelRef(settings.model(), provider, defaults, request);
    ChatMapping.Mapped mapped = ChatMapping.map(request.messages());
    List<ToolSpecification> offered = ChatMapping.offeredTools(request, defaults);
    List<String> offeredNames = ChatMapping.toolNames(offered);
    Invocation invocation = guardrails.invocation(model)
        .messages(mapped.messages())
        .tools(offeredNames)
        .tokenEstimate(ChatMapping.estimateTokens(settings.tokenCountEstimator(), request.messages(),
            mapped.messages(), offered))
        .build();
    GuardedCall call = guardrails.start(invocation);
    try {
      List<Message> checked = call.checkInput(mapped.messages());
      ChatRequest out = request;
      if (checked != mapped.messages()) {
        out = out.toBuilder().messages(ChatMapping.rebuild(request.messages(), mapped, checked)).build();
      }
      if (!offered.isEmpty()) {
        out = ChatMapping.withTools(out, defaults, offered, call.allowedTools(offeredNames));
      }
      return new ChatExchange(call, out);
    } catch (RuntimeException | Error e) {
      closeQuietly(call, e);
      throw e;
    }
  }

  /** Records the provider's token usage. */
  void recordUsage(@Nullable TokenUsage usage) {
    if (usage != null) {
      call.recordUsage(count(usage.inputTokenCount()), count(usage.outputTokenCount()));
    }
  }

  private static long count(@Nullable Integer n) {
    return n == null ? -1 : n;
  }

  /**
   * Checks one tool call the model requested.
   *
   * @param key the call's id, or its index when the provider gives none
   * @return the request to run, with the arguments policy allows, or {@code null} when a soft deny
   *     removes it
   * @throws dev.guardrails4j.api.GuardrailViolationException for a hard stop
   */
  @Nullable ToolExecutionRequest checkToolCall(String key, ToolExecutionRequest r) {
    if (checkedTools == null) {
      checkedTools = new HashMap<>(4);
    }
    GuardedCall.ToolDecision d = checkedTools.get(key);
    if (d == null) {
      String args = r.arguments() == null ? "" : r.arguments();
      d = call.checkToolCall(new ToolCall(r.id() == null ? "" : r.id(), r.name(), args));
      checkedTools.put(key, d);
    }
    if (!d.allowed()) {
      if (refusal == null) {
        refusal = d.message();
      }
      return null;
    }
    String args = r.arguments() == null ? "" : r.arguments();
    return d.arguments().equals(args) ? r : r.toBuilder().arguments(d.arguments()).build();
  }

  /**
   * Checks the tool calls of an answer: allowed ones stay (with their checked arguments), refused
   * ones are removed. When nothing remains of the answer, its text becomes the refusal message.
   */
  AiMessage checkToolCalls(AiMessage message) {
    if (!message.hasToolExecutionRequests()) {
      return message;
    }
    List<ToolExecutionRequest> requests = message.toolExecutionRequests();
    List<ToolExecutionRequest> kept = new ArrayList<>(requests.size());
    boolean changed = false;
    for (int i = 0; i < requests.size(); i++) {
      ToolExecutionRequest r = requests.get(i);
      ToolExecutionRequest checked = checkToolCall(key(r, i), r);
      if (checked != null) {
        kept.add(checked);
      }
      changed |= checked != r;
    }
    if (!changed) {
      return message;
    }
    AiMessage.Builder b = message.toBuilder().toolExecutionRequests(kept);
    if (kept.isEmpty() && (message.text() == null || message.text().isBlank()) && refusal != null) {
      b.text(refusal);
    }
    return b.build();
  }

  /** The refusal message of the first refused tool call, if any. */
  @Nullable String refusal() {
    return refusal;
  }

  static String key(ToolExecutionRequest r, int index) {
    return r.id() == null || r.id().isEmpty() ? "#" + index : r.id();
  }

  /** Checks a complete (non-streamed) response and rebuilds it. */
  ChatResponse checkResponse(ChatResponse response) {
    recordUsage(response.tokenUsage());
    AiMessage ai = response.aiMessage();
    AiMessage out = ai;
    if (ai.text() != null) {
      String text = call.checkOutput(ai.text());
      if (!text.equals(ai.text())) {
        out = ai.withText(text);
      }
    }
    out = checkToolCalls(out);
    return out == ai ? response : response.toBuilder().aiMessage(out).build();
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
