package dev.guardrails4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.User;
import dev.guardrails4j.core.Guardrails;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardedToolProviderTests {

  private final Guardrails guardrails = TestEngines.engine(new TestEngines.Recorder());

  private static ToolProvider provider(boolean dynamic, String... names) {
    return new ToolProvider() {
      @Override
      public ToolProviderResult provideTools(ToolProviderRequest request) {
        ToolProviderResult.Builder b = ToolProviderResult.builder();
        for (String n : names) {
          b.add(ToolSpecification.builder().name(n).build(), (r, id) -> "ran " + r.name() + " " + r.arguments());
        }
        return b.build();
      }

      @Override
      public boolean isDynamic() {
        return dynamic;
      }
    };
  }

  private static InvocationContext context(String subject, String role) {
    return InvocationContext.builder()
        .invocationParameters(CallerParameters.of(User.builder(subject).roles(role).build()))
        .modelProvider(ModelProvider.OPEN_AI)
        .defaultRequestParameters(ChatRequestParameters.builder().modelName("gpt-4o-mini").build())
        .build();
  }

  private static ToolProviderRequest request(String subject, String role) {
    return ToolProviderRequest.builder().invocationContext(context(subject, role))
        .userMessage(UserMessage.from("hi")).build();
  }

  @Test
  void offersEachCallerTheToolsItsPoliciesAllow() {
    GuardedToolProvider guarded = GuardedToolProvider.builder(guardrails)
        .toolProvider(provider(false, "lookupOrder", "sendEmail", "deleteAccount")).build();

    assertThat(guarded.provideTools(request("alice", "support")).aiServiceTools())
        .extracting(AiServiceTool::name).containsExactly("lookupOrder", "sendEmail");
    assertThat(guarded.provideTools(request("ivan", "intern")).aiServiceTools())
        .extracting(AiServiceTool::name).containsExactly("lookupOrder");
  }

  @Test
  void wrapsEveryExecutorItOffers() {
    GuardedToolProvider guarded = GuardedToolProvider.builder(guardrails)
        .toolProvider(provider(false, "lookupOrder")).build();

    AiServiceTool tool = guarded.provideTools(request("alice", "support")).aiServiceTools().get(0);
    ToolExecutionResult result = tool.toolExecutor().executeWithContext(
        ToolExecutionRequest.builder().id("c1").name("lookupOrder").arguments("{\"id\":\"42\"}").build(),
        context("alice", "support"));

    assertThat(tool.toolExecutor()).isInstanceOf(GuardedToolExecutor.class);
    assertThat(result.resultText()).isEqualTo("ran lookupOrder {\"id\":\"42\"}");
  }

  @Test
  void isDynamicWhenAWrappedProviderIs() {
    assertThat(GuardedToolProvider.builder(guardrails).toolProvider(provider(true, "a")).build().isDynamic())
        .isTrue();
    assertThat(GuardedToolProvider.builder(guardrails).toolProvider(provider(false, "a")).build().isDynamic())
        .isFalse();
  }

  @Test
  void needsAtLeastOneToolOrProvider() {
    assertThatThrownBy(() -> GuardedToolProvider.builder(guardrails).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("tools(");
  }

  @Test
  void refusesToGuardAGuardedProviderTwice() {
    GuardedToolProvider once = GuardedToolProvider.builder(guardrails).toolProvider(provider(false, "a")).build();

    assertThatThrownBy(() -> GuardedToolProvider.builder(guardrails).toolProvider(once))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already guarded");
  }

  @Test
  void refusesACallWithoutRunningTheToolWhenTheCallerMayNotUseIt() {
    GuardedToolExecutor executor = GuardedToolExecutor.wrap((r, id) -> {
      throw new AssertionError("the tool must not run");
    }, guardrails);

    ToolExecutionResult result = executor.executeWithContext(
        ToolExecutionRequest.builder().id("c1").name("deleteAccount").arguments("{}").build(),
        context("alice", "support"));

    assertThat(result.isError()).isTrue();
    assertThat(result.resultText()).startsWith("Tool call refused by policy").contains("deleteAccount");
  }

  @Test
  void letsOtherToolErrorsReachTheModelAsTheDefaultHandlerDoes() {
    assertThat(GuardedToolExecutor.rethrowingViolations().handle(new IllegalStateException("db down"), null).text())
        .isEqualTo("db down");
  }

  @Test
  void listsTheDescribedToolsItWasGiven() {
    AiServiceTool described = AiServiceTool.builder().toolSpecification(ToolSpecification.builder()
        .name("sendEmail").build()).toolExecutor((r, id) -> "sent").build();

    GuardedToolProvider guarded = GuardedToolProvider.builder(guardrails).tools(List.of(described)).build();

    assertThat(guarded.provideTools(request("alice", "support")).aiServiceTools())
        .extracting(AiServiceTool::name).containsExactly("sendEmail");
  }
}
