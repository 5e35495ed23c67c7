package dev.guardrails4j.langchain4j;

import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.StreamingOutput;
import dev.guardrails4j.core.limit.ProviderGuard;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Sits between a streaming model and the caller's handler: feeds partial texts through the
 * stream guard, checks tool calls, settles the guarded call on completion or error. Callbacks
 * arrive one after another (possibly on different threads); after the stream ends (completion,
 * error or a block) every further event is dropped.
 *
 * <p>Never throws from a callback: LangChain4j providers turn a handler's exception into a call
 * of its {@code onError}, so every failure is reported to the caller's handler here, once.
 */
final class GuardingStreamHandler implements StreamingChatResponseHandler {

  private final ChatExchange exchange;
  private final GuardedCall call;
  private final ProviderGuard.Permit permit;
  private final StreamingOutput output;
  private final StreamingChatResponseHandler handler;
  private final GuardContext.Frame frame = GuardContext.current();
  private final long started = System.nanoTime();
  private final StringBuilder released = new StringBuilder();
  private @Nullable Map<String, Boolean> toolVisible;
  private volatile boolean ended;
  private volatile @Nullable StreamingHandle streamingHandle;
  private boolean accepted;

  private GuardingStreamHandler(ChatExchange exchange, ProviderGuard.Permit permit, StreamingOutput output,
      StreamingChatResponseHandler handler) {
    this.exchange = exchange;
    this.call = exchange.call;
    this.permit = permit;
    this.output = output;
    this.handler = handler;
  }

  /**
   * Opens the guarded call and starts the stream; a denial before the model is called goes to the
   * handler's {@code onError}.
   */
  static void start(GuardedModelOptions.ModelSettings settings, @Nullable ModelProvider provider,
      @Nullable ChatRequestParameters defaults, ChatRequest request, StreamingChatResponseHandler handler,
      BiConsumer<ChatRequest, StreamingChatResponseHandler> send) {
    ChatExchange exchange;
    try {
      exchange = ChatExchange.open(settings, provider, defaults, request);
    } catch (GuardrailViolationException e) {
      handler.onError(e);
      return;
    }
    ProviderGuard.Permit permit;
    StreamingOutput output;
    try {
      permit = exchange.call.modelPermit();
      output = exchange.call.streamOutput();
    } catch (GuardrailViolationException e) {
      ChatExchange.closeQuietly(exchange.call, e);
      handler.onError(e);
      return;
    } catch (RuntimeException | Error e) {
      ChatExchange.closeQuietly(exchange.call, e);
      throw e;
    }
    GuardingStreamHandler guarding = new GuardingStreamHandler(exchange, permit, output, handler);
    try {
      send.accept(exchange.request, guarding);
    } catch (RuntimeException | Error e) {
      // the wrapped model failed before streaming (for example a request it rejects): keep its
      // behaviour of throwing, after settling the call
      if (!guarding.ended) {
        guarding.ended = true;
        permit.failure(System.nanoTime() - guarding.started, e);
        exchange.call.recordFailure(e);
        ChatExchange.closeQuietly(exchange.call, e);
      }
      throw e;
    }
  }

  // ---- text --------------------------------------------------------------------------------

  @Override
  public void onPartialResponse(String partialResponse) {
    String out = accept(partialResponse);
    if (out != null && !out.isEmpty()) {
      forwardSafely(() -> handler.onPartialResponse(out));
    }
  }

  @Override
  public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
    remember(context == null ? null : context.streamingHandle());
    String out = accept(partialResponse.text());
    if (out != null && !out.isEmpty()) {
      forwardSafely(() -> handler.onPartialResponse(new PartialResponse(out), context));
    }
  }

  /** Keeps the provider's handle to cancel the stream if a check blocks. */
  private void remember(@Nullable StreamingHandle handle) {
    if (handle != null && streamingHandle == null) {
      streamingHandle = handle;
    }
  }

  /** The text now safe to emit, or null when the stream ended or was just blocked. */
  private @Nullable String accept(String chunk) {
    if (ended) {
      return null;
    }
    try {
      accepted = true;
      String out = output.accept(chunk);
      released.append(out);
      return out;
    } catch (GuardrailViolationException e) {
      block(e);
      return null;
    } catch (RuntimeException e) {
      fail(e);
      return null;
    }
  }

  // ---- passed through -----------------------------------------------------------------------

  @Override
  public void onPartialThinking(PartialThinking partialThinking) {
    if (!ended) {
      forwardSafely(() -> handler.onPartialThinking(partialThinking));
    }
  }

  @Override
  public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
    remember(context == null ? null : context.streamingHandle());
    if (!ended) {
      forwardSafely(() -> handler.onPartialThinking(partialThinking, context));
    }
  }

  @Override
  public void onPartialToolCall(PartialToolCall partialToolCall) {
    if (!ended && visible(partialToolCall.name())) {
      forwardSafely(() -> handler.onPartialToolCall(partialToolCall));
    }
  }

  @Override
  public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
    remember(context == null ? null : context.streamingHandle());
    if (!ended && visible(partialToolCall.name())) {
      forwardSafely(() -> handler.onPartialToolCall(partialToolCall, context));
    }
  }

  private boolean visible(@Nullable String tool) {
    if (tool == null || tool.isEmpty()) {
      return false;
    }
    if (toolVisible == null) {
      toolVisible = new HashMap<>(4);
    }
    return toolVisible.computeIfAbsent(tool, t -> !call.allowedTools(List.of(t)).isEmpty());
  }

  @Override
  public void onUnmappedRawEvent(Object rawEvent) {
    if (!ended) {
      forwardSafely(() -> handler.onUnmappedRawEvent(rawEvent));
    }
  }

  // ---- tools ---------------------------------------------------------------------------------

  @Override
  public void onCompleteToolCall(CompleteToolCall completeToolCall) {
    if (ended) {
      return;
    }
    ToolExecutionRequest r = completeToolCall.toolExecutionRequest();
    ToolExecutionRequest checked;
    try {
      checked = exchange.checkToolCall(ChatExchange.key(r, completeToolCall.index()), r);
    } catch (GuardrailViolationException e) {
      block(e);
      return;
    } catch (RuntimeException e) {
      fail(e);
      return;
    }
    if (checked != null) {
      CompleteToolCall out = checked == r ? completeToolCall : new CompleteToolCall(completeToolCall.index(), checked);
      forwardSafely(() -> handler.onCompleteToolCall(out));
    }
  }

  // ---- the end -------------------------------------------------------------------------------

  @Override
  public void onCompleteResponse(ChatResponse completeResponse) {
    if (ended) {
      return;
    }
    ChatResponse out;
    String rest;
    try {
      AiMessage ai = completeResponse.aiMessage();
      if (!accepted && ai.text() != null && !ai.text().isEmpty()) {
        // the provider streamed no text but completed with some: check it as one chunk
        rest = output.accept(ai.text()) + output.finish();
      } else {
        rest = output.finish();
      }
      released.append(rest);
      exchange.recordUsage(completeResponse.tokenUsage());
      permit.success(System.nanoTime() - started);
      AiMessage checked = ai.text() == null && released.isEmpty() ? ai : ai.withText(released.toString());
      AiMessage withTools = exchange.checkToolCalls(checked);
      if (withTools.text() != null && released.isEmpty() && !withTools.text().isEmpty()) {
        // the text of refused tool calls: the caller sees it streamed too
        rest = withTools.text();
      }
      out = withTools == ai ? completeResponse : completeResponse.toBuilder().aiMessage(withTools).build();
      // settle and audit before anything more reaches the caller: a failing audit withholds it
      call.close();
    } catch (GuardrailViolationException e) {
      block(e);
      return;
    } catch (RuntimeException e) {
      fail(e);
      return;
    }
    if (!rest.isEmpty()) {
      emit(rest);
    }
    if (!ended) {
      ended = true;
      try {
        deliver(() -> handler.onCompleteResponse(out));
      } catch (RuntimeException e) {
        // as providers do: a handler that fails on completion gets its own error (an AI service
        // whose next round or tool fails reports it this way); the call is already settled
        deliver(() -> handler.onError(e));
      }
    }
  }

  private void emit(String text) {
    StreamingHandle h = streamingHandle;
    if (h != null) {
      forwardSafely(() -> handler.onPartialResponse(new PartialResponse(text), new PartialResponseContext(h)));
    } else {
      forwardSafely(() -> handler.onPartialResponse(text));
    }
  }

  @Override
  public void onError(Throwable error) {
    if (ended) {
      return;
    }
    ended = true;
    permit.failure(System.nanoTime() - started, error);
    call.recordFailure(error);
    ChatExchange.closeQuietly(call, error);
    deliver(() -> handler.onError(error));
  }

  /** A check blocked: stop forwarding, cancel the stream, tell the caller. */
  private void block(GuardrailViolationException e) {
    end(e, false);
  }

  /** The guard itself failed: fail closed. */
  private void fail(RuntimeException e) {
    end(e, true);
  }

  /*
   * Ends the stream with an error: cancels the provider's stream, counts the provider's part as a
   * success for its circuit breaker (the provider did its part; a guardrail block or a guard
   * failure is not a provider failure), closes the call (recording a guard failure as the call's
   * failure) and tells the caller's handler.
   */
  private void end(RuntimeException e, boolean guardFailed) {
    ended = true;
    StreamingHandle h = streamingHandle;
    if (h != null && !h.isCancelled()) {
      try {
        h.cancel();
      } catch (RuntimeException cancelFailure) {
        e.addSuppressed(cancelFailure);
      }
    }
    permit.success(System.nanoTime() - started);
    if (guardFailed) {
      call.recordFailure(e);
    }
    ChatExchange.closeQuietly(call, e);
    deliver(() -> handler.onError(e));
  }

  /** Runs a callback of the caller's handler; if it throws, the stream ends with its error. */
  private void forwardSafely(Runnable callback) {
    try {
      deliver(callback);
    } catch (RuntimeException e) {
      if (!ended) {
        ended = true;
        call.recordFailure(e);
        ChatExchange.closeQuietly(call, e);
        deliver(() -> handler.onError(e));
      }
    }
  }

  /**
   * Runs a callback of the caller's handler with the caller's {@link GuardContext} current, so that
   * what the handler does next on the provider's thread (an AI service running a tool, asking the
   * model again) is guarded for the same caller.
   */
  private void deliver(Runnable callback) {
    if (frame == GuardContext.Frame.EMPTY || GuardContext.current() == frame) {
      callback.run();
      return;
    }
    try (GuardContext.Scope ignored = GuardContext.open(frame)) {
      callback.run();
    }
  }
}
