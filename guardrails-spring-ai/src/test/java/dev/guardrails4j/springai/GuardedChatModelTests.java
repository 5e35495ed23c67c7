package dev.guardrails4j.springai;

import static dev.guardrails4j.springai.TestEngines.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.test.OpenAiStubServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatOptions;

/** {@link GuardedChatModel} around Spring AI's real OpenAI model, against the local stub. */
class GuardedChatModelTests {

  private final TestEngines.Recorder recorder = new TestEngines.Recorder();
  private final Guardrails guardrails = TestEngines.engine(recorder);
  private OpenAiStubServer stub;
  private ChatModel model;

  @BeforeEach
  void start() {
    stub = OpenAiStubServer.start();
    model = GuardedChatModel.wrap(TestEngines.openAi(stub), guardrails);
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void guardsAPlainCallTakingTheModelNameFromTheModelsOptions() {
    stub.reply("I will write to <EMAIL_ADDRESS_1> today.");

    String answer;
    try (GuardContext.Scope s = as("alice", "support")) {
      answer = model.call("Please contact jane.doe@example.com about order 42");
    }

    assertThat(stub.lastUserMessage()).isEqualTo("Please contact <EMAIL_ADDRESS_1> about order 42");
    assertThat(answer).isEqualTo("I will write to jane.doe@example.com today.");
    assertThat(recorder.audits).singleElement().satisfies(a -> {
      assertThat(a.model().toString()).isEqualTo("openai:gpt-4o-mini");
      assertThat(a.outputTokens()).isPositive();
    });
  }

  @Test
  void deniesACallerNoPolicyAllows() {
    try (GuardContext.Scope s = as("mallory", "guest")) {
      assertThatThrownBy(() -> model.call("Hello")).isInstanceOf(GuardrailViolationException.class);
    }
    assertThat(stub.requestCount()).isZero();
  }

  @Test
  void neverStreamsACardNumberSplitAcrossChunks() {
    stub.stream("The card on file is 4111 11", "11 1111 1", "111, expiring ", "next year. Anything else ",
        "I can help you with today?");

    List<String> chunks;
    try (GuardContext.Scope s = as("alice", "support")) {
      chunks = model.stream("Which card is on file?").collectList().block();
    }

    assertThat(chunks).isNotEmpty().allSatisfy(p -> assertThat(p).doesNotContainPattern("\\d{2}"));
    assertThat(String.join("", chunks)).isEqualTo(
        "The card on file is <CREDIT_CARD_1>, expiring next year. Anything else I can help you with today?");
  }

  @Test
  void removesAStreamedToolCallThePolicyRefuses() {
    stub.streamToolCall("call_1", "deleteAccount", "{\"id\":", "\"42\"}");
    OpenAiChatOptions options = OpenAiChatOptions.builder().model("gpt-4o-mini")
        .toolCallbacks(TestTools.named("lookupOrder", in -> "ok"), TestTools.named("deleteAccount", in -> "gone"))
        .build();

    List<ChatResponse> responses;
    try (GuardContext.Scope s = as("alice", "support")) {
      responses = model.stream(new Prompt("Delete my account", options)).collectList().block();
    }

    assertThat(stub.toolNames(0)).containsExactly("lookupOrder");
    assertThat(responses).noneSatisfy(r -> assertThat(r.getResults())
        .anySatisfy(g -> assertThat(g.getOutput().getToolCalls()).isNotEmpty()));
    assertThat(recorder.decisions).anySatisfy(d -> {
      assertThat(d.phase()).isEqualTo(Phase.TOOL);
      assertThat(d.verdict()).isEqualTo(Verdict.DENY);
    });
  }

  @Test
  void keepsAnAllowedToolCallInTheAnswer() {
    stub.replyWithToolCall("call_1", "lookupOrder", "{\"id\":\"42\"}");
    OpenAiChatOptions options = OpenAiChatOptions.builder().model("gpt-4o-mini")
        .toolCallbacks(TestTools.named("lookupOrder", in -> "ok")).build();

    ChatResponse response;
    try (GuardContext.Scope s = as("alice", "support")) {
      response = model.call(new Prompt("Where is order 42?", options));
    }

    List<AssistantMessage.ToolCall> calls = response.getResult().getOutput().getToolCalls();
    assertThat(calls).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("lookupOrder");
      assertThat(c.arguments()).isEqualTo("{\"id\":\"42\"}");
    });
  }

  @Test
  void aChatClientWithTheAdvisorOnAGuardedModelIsGuardedOnce() {
    ChatClient client = ChatClient.builder(model).defaultAdvisors(GuardrailsAdvisor.of(guardrails)).build();
    stub.reply("Fine.").stream("Fine ", "again.");

    try (GuardContext.Scope s = as("alice", "support")) {
      assertThat(client.prompt().user("How are you?").call().content()).isEqualTo("Fine.");
      assertThat(String.join("", client.prompt().user("And now?").stream().content().collectList().block()))
          .isEqualTo("Fine again.");
    }

    assertThat(recorder.audits).hasSize(2).extracting(AuditEvent::outcome).containsOnly(Verdict.ALLOW);
  }

  @Test
  void refusesToWrapAModelTwice() {
    assertThatThrownBy(() -> GuardedChatModel.wrap(model, guardrails))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already guarded");
  }
}
