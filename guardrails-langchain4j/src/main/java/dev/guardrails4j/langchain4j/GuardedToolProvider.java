package dev.guardrails4j.langchain4j;

import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.core.Guardrails;
import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import dev.langchain4j.service.tool.ToolService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A LangChain4j {@link ToolProvider} that gives each caller only the tools its policies allow,
 * each wrapped in a {@link GuardedToolExecutor}.
 *
 * <pre>{@code
 * Assistant assistant = AiServices.builder(Assistant.class)
 *     .chatModel(model)
 *     .toolProvider(GuardedToolProvider.builder(guardrails).tools(new OrderTools()).build())
 *     .toolExecutionErrorHandler(GuardedToolExecutor.rethrowingViolations())
 *     .build();
 * }</pre>
 *
 * <p>Tools come from objects with {@code @Tool} methods ({@link Builder#tools(Object...)}) and from
 * other tool providers ({@link Builder#toolProvider(ToolProvider)}), which may themselves be
 * dynamic. Give the tools to this provider only, not also to the AI service's {@code tools(...)},
 * or the AI service would offer and run them unguarded.
 *
 * <p>Per AI service call it lists the tools, asks the engine which of them the caller may use
 * ({@link Guardrails#allowedTools(Invocation, List)}: no access decision, no limits, no audit
 * event) and offers only those; tools denied by a policy in monitor mode stay offered. The caller
 * comes from {@link CallerParameters} in the call's invocation parameters, else the current
 * {@link dev.guardrails4j.api.GuardContext}; the model from the context, else {@link
 * Builder#model(ModelRef)}, else the AI service's model. A hidden tool that the model names anyway
 * is not run: LangChain4j treats it as a hallucinated tool name.
 */
public final class GuardedToolProvider implements ToolProvider {

  private final Guardrails guardrails;
  private final @Nullable ModelRef model;
  private final List<AiServiceTool> tools;
  private final List<ToolProvider> providers;
  private final boolean dynamic;

  private GuardedToolProvider(Builder b) {
    this.guardrails = b.guardrails;
    this.model = b.model;
    List<AiServiceTool> wrapped = new ArrayList<>(b.tools.size());
    for (AiServiceTool t : b.tools) {
      wrapped.add(guard(t));
    }
    this.tools = List.copyOf(wrapped);
    this.providers = List.copyOf(b.providers);
    boolean d = false;
    for (ToolProvider p : providers) {
      d |= p.isDynamic();
    }
    this.dynamic = d;
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
   * The tools this caller may use.
   *
   * @param request the AI service's request
   * @return the allowed tools, guarded
   */
  @Override
  public ToolProviderResult provideTools(ToolProviderRequest request) {
    Objects.requireNonNull(request, "request");
    List<AiServiceTool> all = new ArrayList<>(tools);
    for (ToolProvider p : providers) {
      ToolProviderResult r = p.provideTools(request);
      if (r != null) {
        for (AiServiceTool t : r.aiServiceTools()) {
          all.add(guard(t));
        }
      }
    }
    List<String> names = new ArrayList<>(all.size());
    for (AiServiceTool t : all) {
      names.add(t.name());
    }
    Invocation invocation = AiServiceCalls.invocation(guardrails, model, request.invocationContext())
        .tools(names).build();
    List<String> allowed = guardrails.allowedTools(invocation, names);
    ToolProviderResult.Builder out = ToolProviderResult.builder();
    for (AiServiceTool t : all) {
      if (allowed.contains(t.name())) {
        out.add(t);
      }
    }
    return out.build();
  }

  /**
   * Dynamic when one of the wrapped providers is.
   *
   * @return whether LangChain4j asks again before each model call
   */
  @Override
  public boolean isDynamic() {
    return dynamic;
  }

  private AiServiceTool guard(AiServiceTool t) {
    if (t.toolExecutor() instanceof GuardedToolExecutor) {
      return t;
    }
    GuardedToolExecutor executor = model == null
        ? GuardedToolExecutor.wrap(t.toolExecutor(), guardrails)
        : GuardedToolExecutor.wrap(t.toolExecutor(), guardrails, model);
    return t.toBuilder().toolExecutor(executor).build();
  }

  /** Builds a {@link GuardedToolProvider}. */
  public static final class Builder {
    private final Guardrails guardrails;
    private @Nullable ModelRef model;
    private final List<AiServiceTool> tools = new ArrayList<>();
    private final List<ToolProvider> providers = new ArrayList<>();

    private Builder(Guardrails guardrails) {
      this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
    }

    /**
     * Adds the {@code @Tool} methods of objects.
     *
     * @param objectsWithTools objects with {@code @Tool} methods
     * @return this
     * @throws dev.langchain4j.service.IllegalConfigurationException if an object has no tool
     */
    public Builder tools(Object... objectsWithTools) {
      for (Object o : objectsWithTools) {
        tools.addAll(ToolService.findTools(Objects.requireNonNull(o, "objectWithTools")));
      }
      return this;
    }

    /**
     * Adds tools already described.
     *
     * @param described tools
     * @return this
     */
    public Builder tools(List<AiServiceTool> described) {
      described.forEach(t -> tools.add(Objects.requireNonNull(t, "tool")));
      return this;
    }

    /**
     * Adds the tools of another provider (asked on every call).
     *
     * @param provider the provider
     * @return this
     */
    public Builder toolProvider(ToolProvider provider) {
      if (provider instanceof GuardedToolProvider) {
        throw new IllegalArgumentException("the tool provider is already guarded; add its tools once");
      }
      providers.add(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /**
     * The model as policies see it, instead of the AI service's model.
     *
     * @param model the model
     * @return this
     */
    public Builder model(ModelRef model) {
      if (this.model != null) {
        throw new IllegalStateException("model was already set");
      }
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * Builds the provider.
     *
     * @return the provider
     * @throws IllegalStateException if no tool or provider was added
     */
    public GuardedToolProvider build() {
      if (tools.isEmpty() && providers.isEmpty()) {
        throw new IllegalStateException("no tools: call tools(...) or toolProvider(...)");
      }
      return new GuardedToolProvider(this);
    }
  }
}
