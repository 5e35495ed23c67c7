package dev.guardrails4j.springai;

import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.StreamingOutput;
import dev.guardrails4j.core.limit.ProviderGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;

/**
 * Guards one streamed answer: every chunk's text goes through the engine's {@link StreamingOutput}
 * (a bounded look-behind window), so only text no finding can reach into is emitted; tool calls in
 * chunks are checked before they are emitted; usage reported in the chunks settles token budgets;
 * the held-back rest is emitted on completion, and the call is closed (audited) before the stream
 * completes. A check that blocks ends the stream with {@link GuardrailViolationException} and
 * cancels the provider's stream.
 *
 * <p>Reactor delivers the signals of one subscription one after another, so the state here needs
 * no locks; {@link #ended} guards against a late cancel racing the completion.
 *
 * @param <T> the element type: {@link ChatResponse} for a model, a {@code ChatClientResponse} for
 *     an advisor
 */
final class StreamGuard<T> {

  private final SpringAiExchange exchange;
  private final GuardedCall call;
  private final ProviderGuard.Permit permit;
  private final StreamingOutput output;
  private final Function<T, @Nullable ChatResponse> read;
  private final BiFunction<@Nullable T, ChatResponse, T> write;
  private final long started = System.nanoTime();
  private final AtomicBoolean ended = new AtomicBoolean();
  private @Nullable T last;
  private @Nullable ChatResponse lastResponse;

  private StreamGuard(SpringAiExchange exchange, ProviderGuard.Permit permit, StreamingOutput output,
      Function<T, @Nullable ChatResponse> read, BiFunction<@Nullable T, ChatResponse, T> write) {
    this.exchange = exchange;
    this.call = exchange.call;
    this.permit = permit;
    this.output = output;
    this.read = read;
    this.write = write;
  }

  /**
   * The guarded stream. The provider's circuit breaker is asked for a permit first; when it
   * refuses, the stream is that error and the model is not called.
   *
   * @param exchange the opened exchange (access, limits and input already passed)
   * @param send starts the model's stream with the checked prompt
   * @param read the chat response of an element, or {@code null} for elements without one
   * @param write an element with its chat response replaced; the first argument is {@code null}
   *     for the element emitted on completion (the previous element, if any, is passed instead)
   */
  static <T> Flux<T> guard(SpringAiExchange exchange, Function<SpringAiExchange, Flux<T>> send,
      Function<T, @Nullable ChatResponse> read, BiFunction<@Nullable T, ChatResponse, T> write) {
    ProviderGuard.Permit permit;
    StreamingOutput output;
    try {
      permit = exchange.call.modelPermit();
      output = exchange.call.streamOutput();
    } catch (RuntimeException | Error e) {
      SpringAiExchange.closeQuietly(exchange.call, e);
      return Flux.error(e);
    }
    StreamGuard<T> guard = new StreamGuard<>(exchange, permit, output, read, write);
    Flux<T> upstream;
    try {
      upstream = send.apply(exchange);
    } catch (RuntimeException | Error e) {
      guard.failed(e);
      throw e;
    }
    return upstream
        .<T>handle(guard::next)
        .concatWith(Flux.defer(guard::complete))
        .doOnError(guard::errored)
        .doOnCancel(guard::cancelled);
  }

  private void next(T element, SynchronousSink<T> sink) {
    if (ended.get()) {
      return;
    }
    last = element;
    ChatResponse response = read.apply(element);
    if (response == null) {
      sink.next(element);
      return;
    }
    lastResponse = response;
    exchange.recordUsage(response);
    List<Generation> generations = response.getResults();
    if (generations.isEmpty()) {
      sink.next(element);
      return;
    }
    List<Generation> out = new ArrayList<>(generations.size());
    boolean changed = false;
    boolean held = false;
    for (int i = 0; i < generations.size(); i++) {
      Generation g = generations.get(i);
      AssistantMessage ai = g.getOutput();
      AssistantMessage checked = ai;
      String text = ai.getText();
      if (i == 0 && text != null && !text.isEmpty()) {
        // the stream guard follows the first generation; providers stream one
        String safe = output.accept(text);
        if (!safe.equals(text)) {
          checked = ai.mutate().content(safe).build();
          held = safe.isEmpty();
        }
      }
      checked = exchange.checkToolCalls(checked);
      if (checked != ai) {
        changed = true;
        g = new Generation(checked, g.getMetadata());
      }
      out.add(g);
    }
    if (held && !out.get(0).getOutput().hasToolCalls() && generations.size() == 1) {
      // all of this chunk's text is held back, and it carries nothing else to forward yet
      return;
    }
    sink.next(changed ? write.apply(element, ChatResponse.builder().from(response).generations(out).build()) : element);
  }

  /** On completion: the held-back rest, then the call is settled and audited. */
  private Flux<T> complete() {
    if (!ended.compareAndSet(false, true)) {
      return Flux.empty();
    }
    String rest;
    try {
      rest = output.finish();
      permit.success(System.nanoTime() - started);
      // settle and audit before the rest reaches the caller: a failing audit withholds it
      call.close();
    } catch (RuntimeException | Error e) {
      if (!(e instanceof GuardrailViolationException)) {
        call.recordFailure(e);
      }
      SpringAiExchange.closeQuietly(call, e);
      return Flux.error(e);
    }
    if (rest.isEmpty()) {
      return Flux.empty();
    }
    ChatResponse previous = lastResponse;
    ChatResponse.Builder b = ChatResponse.builder();
    if (previous != null) {
      b.metadata(previous.getMetadata());
    }
    ChatResponse tail = b.generations(List.of(new Generation(new AssistantMessage(rest)))).build();
    return Flux.just(write.apply(last, tail));
  }

  /** The stream ended with an error: a block of ours, or the provider's failure. */
  private void errored(Throwable error) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    if (error instanceof GuardrailViolationException) {
      // the provider did its part; a guardrail block is not a provider failure
      permit.success(System.nanoTime() - started);
    } else {
      permit.failure(System.nanoTime() - started, error);
      call.recordFailure(error);
    }
    SpringAiExchange.closeQuietly(call, error);
  }

  /** The subscriber cancelled: settle the call without an error. */
  private void cancelled() {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    permit.success(System.nanoTime() - started);
    try {
      call.close();
    } catch (RuntimeException ignored) {
      // nobody is listening any more; the audit listener's failure was already logged by core
    }
  }

  /** The model failed before streaming. */
  private void failed(Throwable error) {
    if (ended.compareAndSet(false, true)) {
      permit.failure(System.nanoTime() - started, error);
      call.recordFailure(error);
      SpringAiExchange.closeQuietly(call, error);
    }
  }
}
