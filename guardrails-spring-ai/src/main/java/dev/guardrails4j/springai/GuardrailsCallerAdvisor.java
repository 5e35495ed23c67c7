package dev.guardrails4j.springai;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.core.Guardrails;
import java.util.Objects;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.core.Ordered;
import reactor.core.publisher.Flux;

/**
 * Pins the caller of a whole {@code ChatClient} exchange: it runs first, on the thread that makes
 * the call (where the {@link dev.guardrails4j.api.GuardContext} and Spring Security's context are
 * set), resolves the caller as the engine does, and puts it in the request context under {@link
 * GuardrailsAdvisor#CALLER}. Spring AI's tool-calling advisor copies that context into every round
 * of its loop, and in a stream runs the later rounds on Reactor threads; {@link GuardrailsAdvisor}
 * reads the caller from there, so every round is decided for the user who asked, not for whatever
 * the resolver finds on a pooled thread. It also puts the caller in the prompt's tool context,
 * where {@link GuardedToolCallback} reads it when Spring AI runs a tool on the loop's thread.
 *
 * <p>Register it with {@link GuardrailsAdvisor} (the Spring Boot starter adds both to every {@code
 * ChatClient.Builder}). It checks nothing itself and never calls the model.
 */
public final class GuardrailsCallerAdvisor implements CallAdvisor, StreamAdvisor {

  /** Before memory ({@code +200}) and tool-calling ({@code +300}) advisors. */
  public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

  private final Guardrails guardrails;

  private GuardrailsCallerAdvisor(Guardrails guardrails) {
    this.guardrails = guardrails;
  }

  /**
   * The advisor for an engine.
   *
   * @param guardrails the engine whose caller resolution applies
   * @return the advisor
   */
  public static GuardrailsCallerAdvisor of(Guardrails guardrails) {
    return new GuardrailsCallerAdvisor(Objects.requireNonNull(guardrails, "guardrails"));
  }

  @Override
  public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
    return chain.nextCall(pinned(request));
  }

  @Override
  public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
    return chain.nextStream(pinned(request));
  }

  private ChatClientRequest pinned(ChatClientRequest request) {
    if (request.context().get(GuardrailsAdvisor.CALLER) instanceof Caller) {
      return request;
    }
    Caller caller = guardrails.currentCaller();
    ChatClientRequest.Builder b = request.mutate().context(GuardrailsAdvisor.CALLER, caller);
    // tools run from Spring AI's tool-calling manager with the prompt's tool context, on the
    // loop's thread: GuardedToolCallback reads the caller from there
    if (request.prompt().getOptions() instanceof ToolCallingChatOptions o) {
      ToolCallingChatOptions withCaller = o.mutate().toolContext(GuardrailsAdvisor.CALLER, caller).build();
      b.prompt(request.prompt().mutate().chatOptions(withCaller).build());
    }
    return b.build();
  }

  @Override
  public String getName() {
    return "GuardrailsCallerAdvisor";
  }

  @Override
  public int getOrder() {
    return DEFAULT_ORDER;
  }

  @Override
  public String toString() {
    return "GuardrailsCallerAdvisor[order=" + DEFAULT_ORDER + "]";
  }
}
