package dev.guardrails4j.springai;

import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.core.Guardrails;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.core.Ordered;
import reactor.core.publisher.Flux;

/**
 * A Spring AI advisor that enforces Guardrails4j policies around every model request a {@code
 * ChatClient} makes, called or streamed.
 *
 * <pre>{@code
 * ChatClient client = ChatClient.builder(chatModel)
 *     .defaultAdvisors(GuardrailsCallerAdvisor.of(guardrails), GuardrailsAdvisor.builder(guardrails).build())
 *     .build();
 * String answer = client.prompt()
 *     .user(question)
 *     .advisors(a -> a.param(GuardrailsAdvisor.ACTION, "summarize-ticket"))
 *     .call().content();
 * }</pre>
 *
 * <p>For each request that reaches it, it:
 * <ol>
 *   <li>builds an {@link dev.guardrails4j.api.Invocation} with {@link Guardrails#invocation(ModelRef)}:
 *       the caller from the current {@link dev.guardrails4j.api.GuardContext} or the engine's caller
 *       resolver (the starter's resolves it from Spring Security); the action from the request's
 *       {@link #ACTION} parameter, else the context (for example {@code @GuardedModelCall}), else
 *       {@link Builder#action(String)}; data labels from the context plus the request's {@link
 *       #DATA_LABELS} parameter; the model from the context, else {@link Builder#model(ModelRef)},
 *       else the prompt's options (the provider from the options class, such as {@code openai} for
 *       {@code OpenAiChatOptions}, and the model name); the texts of every message the model will
 *       receive (system text, chat memory, retrieved documents, tool results) and the names of the
 *       tools offered;</li>
 *   <li>starts the guarded call (access and limits) and checks the input; the prompt passed down
 *       the chain carries the redacted texts, and only the tools the caller may use;</li>
 *   <li>calls the rest of the chain (the model) behind the provider's circuit breaker and time
 *       limit, if the policies configure them, and settles token budgets with the usage in the
 *       response's metadata;</li>
 *   <li>checks the answer (redactions, blocks, reversible input redactions restored for the caller)
 *       and each tool call the model requested: an allowed call keeps its (possibly redacted)
 *       arguments; a call refused with {@code on-deny: stop} throws; a call refused with {@code
 *       on-deny: error} is removed, and when nothing else remains the answer's text is the refusal
 *       message. To give the model the refusal as a tool result instead, guard the tool callbacks
 *       with {@link GuardedToolCallback};</li>
 *   <li>closes the call, which emits the audit event.</li>
 * </ol>
 *
 * <p>Streams: each chunk's text goes through the engine's stream window (the engine option {@code
 * streamWindow}, 256 characters by default) and is emitted only once no finding can reach into
 * it, so a value up to the window's length that must be redacted or blocked is never emitted in
 * clear, even split across chunks; the rest is emitted on completion. A check that blocks ends
 * the stream with {@link GuardrailViolationException} and cancels the model's stream.
 *
 * <p>A phase that blocks throws {@link GuardrailViolationException} from {@code call()} (for
 * streams: the error signal), and the model is not called when access, limits or input checks
 * block.
 *
 * <p><b>Order.</b> {@link #DEFAULT_ORDER} is {@code Ordered.LOWEST_PRECEDENCE - 1000}: later than
 * (inside) the advisors Spring AI ships (chat memory at {@code HIGHEST_PRECEDENCE + 200}, the
 * {@code ToolCallingAdvisor} at {@code HIGHEST_PRECEDENCE + 300}, retrieval advisors well before
 * the end) and just before the model advisors at {@code LOWEST_PRECEDENCE}. So it checks the prompt as the
 * model receives it, with the memory and the retrieved documents earlier advisors added, and it
 * runs once per model request inside the tool-calling loop: each round's tool results are checked
 * as input, each round's tool calls before the loop runs them, and each round counts against
 * request limits like any other model request.
 *
 * <p>Thread-safe; one instance serves every client.
 */
public final class GuardrailsAdvisor implements CallAdvisor, StreamAdvisor {

  /**
   * The advisor parameter naming the action of one request, for example {@code
   * .advisors(a -> a.param(GuardrailsAdvisor.ACTION, "summarize-ticket"))}.
   */
  public static final String ACTION = "guardrails.action";

  /**
   * The advisor parameter adding data labels to one request: a string, or a collection of
   * strings, for example {@code .advisors(a -> a.param(GuardrailsAdvisor.DATA_LABELS,
   * List.of("confidential")))}.
   */
  public static final String DATA_LABELS = "guardrails.data-labels";

  /**
   * The request context key under which {@link GuardrailsCallerAdvisor} carries the caller of the
   * whole exchange (a {@link dev.guardrails4j.api.Caller}), so that rounds of a tool-calling loop
   * run on other threads are decided for the same caller. A caller in the current {@link
   * dev.guardrails4j.api.GuardContext} wins over it.
   */
  public static final String CALLER = "guardrails.caller";

  /** The default order: inside memory, retrieval and tool-calling advisors, before the model. */
  public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 1000;

  private final SpringAiExchange.Settings settings;
  private final int order;

  private GuardrailsAdvisor(Builder b) {
    this.settings = new SpringAiExchange.Settings(b.guardrails, b.model, b.action);
    this.order = b.order;
  }

  /**
   * An advisor with the default order, deriving the model from each prompt.
   *
   * @param guardrails the engine
   * @return the advisor
   */
  public static GuardrailsAdvisor of(Guardrails guardrails) {
    return builder(guardrails).build();
  }

  /**
   * Starts a builder.
   *
   * @param guardrails the engine
   * @return a builder
   */
  public static Builder builder(Guardrails guardrails) {
    return new Builder(guardrails);
  }

  /**
   * The guarded call.
   *
   * @param request the request as earlier advisors left it
   * @param chain the rest of the chain
   * @return the checked response
   * @throws GuardrailViolationException if a phase blocks
   */
  @Override
  public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
    Objects.requireNonNull(request, "request");
    SpringAiExchange exchange = open(request);
    ChatClientRequest checked = request.mutate().prompt(exchange.prompt).build();
    ChatClientResponse response;
    try {
      response = exchange.call.callModel(() -> {
        boolean before = AdvisedCalls.begin();
        try {
          return chain.nextCall(checked);
        } finally {
          AdvisedCalls.end(before);
        }
      });
      ChatResponse chat = response.chatResponse();
      if (chat != null) {
        ChatResponse out = exchange.checkResponse(chat);
        if (out != chat) {
          response = response.mutate().chatResponse(out).build();
        }
      }
    } catch (RuntimeException | Error e) {
      SpringAiExchange.closeQuietly(exchange.call, e);
      throw e;
    }
    exchange.call.close();
    return response;
  }

  /**
   * The guarded stream.
   *
   * @param request the request as earlier advisors left it
   * @param chain the rest of the chain
   * @return the checked stream; a denial is its error signal
   */
  @Override
  public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
    Objects.requireNonNull(request, "request");
    SpringAiExchange exchange;
    try {
      exchange = open(request);
    } catch (GuardrailViolationException e) {
      return Flux.error(e);
    }
    return StreamGuard.guard(exchange,
        ex -> chain.nextStream(request.mutate().prompt(ex.prompt).build())
            .contextWrite(ctx -> ctx.put(AdvisedCalls.STREAM_KEY, Boolean.TRUE)),
        ChatClientResponse::chatResponse,
        (element, chat) -> element == null
            ? ChatClientResponse.builder().chatResponse(chat).context(request.context()).build()
            : element.mutate().chatResponse(chat).build());
  }

  private SpringAiExchange open(ChatClientRequest request) {
    Map<String, @Nullable Object> context = request.context();
    Object action = context.get(ACTION);
    Object caller = context.get(CALLER);
    return SpringAiExchange.open(settings, request.prompt(), null,
        action == null ? null : action.toString(), labels(context.get(DATA_LABELS)),
        caller instanceof dev.guardrails4j.api.Caller c ? c : null);
  }

  private static Collection<String> labels(@Nullable Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof Collection<?> c) {
      return c.stream().map(String::valueOf).toList();
    }
    if (value instanceof String[] a) {
      return List.of(a);
    }
    return List.of(value.toString());
  }

  /**
   * The advisor's name.
   *
   * @return {@code guardrails}
   */
  @Override
  public String getName() {
    return "guardrails";
  }

  /**
   * The advisor's order, {@link #DEFAULT_ORDER} unless the builder set another.
   *
   * @return the order
   */
  @Override
  public int getOrder() {
    return order;
  }

  @Override
  public String toString() {
    return "GuardrailsAdvisor[order=" + order + "]";
  }

  /** Builds a {@link GuardrailsAdvisor}. Each option may be set once. */
  public static final class Builder {
    private final Guardrails guardrails;
    private @Nullable ModelRef model;
    private @Nullable String action;
    private int order = DEFAULT_ORDER;
    private boolean orderSet;

    private Builder(Guardrails guardrails) {
      this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
    }

    /**
     * The model as policies see it, instead of deriving it from each prompt. A model set in the
     * current {@link dev.guardrails4j.api.GuardContext} still wins.
     *
     * @param model the model, for example {@code ModelRef.of("openai", "gpt-4o")}
     * @return this
     * @throws IllegalStateException if the model was already set
     */
    public Builder model(ModelRef model) {
      if (this.model != null) {
        throw new IllegalStateException("model was already set");
      }
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * The model as policies see it, written {@code provider:name}.
     *
     * @param model for example {@code "openai:gpt-4o"}
     * @return this
     * @throws IllegalArgumentException if the text is not {@code provider:name}
     */
    public Builder model(String model) {
      return model(ModelRef.parse(model));
    }

    /**
     * The action of requests that name none (neither through {@link #ACTION} nor the context).
     *
     * @param action for example {@code "support-chat"}
     * @return this
     * @throws IllegalArgumentException if the action is blank
     * @throws IllegalStateException if the action was already set
     */
    public Builder action(String action) {
      Objects.requireNonNull(action, "action");
      if (action.isBlank()) {
        throw new IllegalArgumentException("action must not be blank");
      }
      if (this.action != null) {
        throw new IllegalStateException("action was already set");
      }
      this.action = action;
      return this;
    }

    /**
     * The advisor's order; see the class documentation before moving it outside the memory,
     * retrieval or tool-calling advisors.
     *
     * @param order the order, strictly between {@code HIGHEST_PRECEDENCE} and {@code
     *     LOWEST_PRECEDENCE} (the model advisors' place)
     * @return this
     * @throws IllegalArgumentException if the order is out of range
     * @throws IllegalStateException if the order was already set
     */
    public Builder order(int order) {
      if (order <= Ordered.HIGHEST_PRECEDENCE || order >= Ordered.LOWEST_PRECEDENCE) {
        throw new IllegalArgumentException("order must be between HIGHEST_PRECEDENCE and LOWEST_PRECEDENCE "
            + "(exclusive), got " + order);
      }
      if (orderSet) {
        throw new IllegalStateException("order was already set");
      }
      this.order = order;
      this.orderSet = true;
      return this;
    }

    /**
     * Builds the advisor.
     *
     * @return the advisor
     */
    public GuardrailsAdvisor build() {
      return new GuardrailsAdvisor(this);
    }
  }
}
