package dev.guardrails4j.springai;

import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.core.Guardrails;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;

/**
 * A {@link ToolCallbackProvider} that offers each caller only the tools its policies allow, each
 * guarded by {@link GuardedToolCallback}. Wrap an MCP client's provider (for example {@code
 * SyncMcpToolCallbackProvider}) to guard every MCP tool:
 *
 * <pre>{@code
 * ToolCallbackProvider tools = GuardedToolCallbackProvider.wrap(mcpToolCallbacks, guardrails);
 * chatClient.prompt().user(question).tools(tools).call().content();
 * }</pre>
 *
 * <p>{@link #getToolCallbacks()} asks the wrapped provider each time (MCP servers may change their
 * tools) and decides visibility for the caller of the current thread ({@link
 * Guardrails#allowedTools(dev.guardrails4j.api.Invocation, List)}: no access decision, no limits,
 * no audit event); the {@link GuardrailsAdvisor} hides denied tools from the model again per
 * request, and the guarded callbacks check every call.
 */
public final class GuardedToolCallbackProvider implements ToolCallbackProvider {

  private final ToolCallbackProvider delegate;
  private final Guardrails guardrails;
  private final @Nullable ModelRef model;

  private GuardedToolCallbackProvider(ToolCallbackProvider delegate, Guardrails guardrails, @Nullable ModelRef model) {
    this.delegate = delegate;
    this.guardrails = guardrails;
    this.model = model;
  }

  /**
   * Guards a provider.
   *
   * @param delegate the provider
   * @param guardrails the engine
   * @return the guarded provider
   */
  public static GuardedToolCallbackProvider wrap(ToolCallbackProvider delegate, Guardrails guardrails) {
    return wrap(delegate, guardrails, null);
  }

  /**
   * Guards a provider, naming the model as policies see it.
   *
   * @param delegate the provider
   * @param guardrails the engine
   * @param model the model the tools are offered to; {@code null} to use the model of the last
   *     guarded model request on the calling thread (as {@link GuardedToolCallback} does)
   * @return the guarded provider
   */
  public static GuardedToolCallbackProvider wrap(ToolCallbackProvider delegate, Guardrails guardrails,
      @Nullable ModelRef model) {
    return new GuardedToolCallbackProvider(Objects.requireNonNull(delegate, "delegate"),
        Objects.requireNonNull(guardrails, "guardrails"), model);
  }

  /**
   * The wrapped provider's tools that the current caller may use, each guarded.
   *
   * @return the tools
   */
  @Override
  public ToolCallback[] getToolCallbacks() {
    ToolCallback[] all = delegate.getToolCallbacks();
    List<String> names = new ArrayList<>(all.length);
    for (ToolCallback t : all) {
      names.add(t.getToolDefinition().name());
    }
    List<String> allowed = guardrails.allowedTools(
        guardrails.invocation(AdvisedCalls.toolModel(model)).tools(names).build(), names);
    List<ToolCallback> out = new ArrayList<>(allowed.size());
    for (ToolCallback t : all) {
      if (allowed.contains(t.getToolDefinition().name())) {
        out.add(GuardedToolCallback.wrap(t, guardrails, model));
      }
    }
    return out.toArray(new ToolCallback[0]);
  }

  @Override
  public String toString() {
    return "GuardedToolCallbackProvider[" + delegate + "]";
  }
}
