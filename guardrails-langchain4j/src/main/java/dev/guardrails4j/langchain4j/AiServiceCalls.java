package dev.guardrails4j.langchain4j;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.User;
import dev.guardrails4j.core.Guardrails;
import dev.langchain4j.invocation.InvocationContext;
import org.jspecify.annotations.Nullable;

/**
 * Builds invocations for checks made inside an AI service (guardrails, tools), where the request
 * is LangChain4j's {@link InvocationContext} rather than a model request.
 */
final class AiServiceCalls {

  private AiServiceCalls() {}

  /**
   * An invocation builder: caller, action, data labels and attributes from the current {@link
   * GuardContext}, overridden by {@link CallerParameters} in the invocation parameters; the model
   * from the context, else the configured one, else the AI service's model; the call site {@code
   * Interface#method} of the AI service when the context names none.
   */
  static Invocation.Builder invocation(Guardrails guardrails, @Nullable ModelRef configured,
      @Nullable InvocationContext context) {
    ModelRef model = configured;
    if (model == null) {
      model = context == null ? ModelRef.of("other", "unknown")
          : ChatMapping.modelRef(null, context.modelProvider(), context.defaultRequestParameters(), null);
    }
    Invocation.Builder b = guardrails.invocation(model);
    if (context == null) {
      return b;
    }
    User user = CallerParameters.user(context.invocationParameters());
    if (user != null) {
      b.caller(Caller.of(guardrails.workload(), user));
    }
    String action = CallerParameters.action(context.invocationParameters());
    if (action != null) {
      b.action(action);
    }
    if (GuardContext.current().callSite().isEmpty() && context.interfaceName() != null
        && context.methodName() != null) {
      String iface = context.interfaceName();
      b.callSite(iface.substring(Math.max(iface.lastIndexOf('.'), iface.lastIndexOf('$')) + 1) + "#" + context.methodName());
    }
    return b;
  }
}
