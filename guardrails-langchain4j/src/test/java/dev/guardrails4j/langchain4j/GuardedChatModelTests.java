package dev.guardrails4j.langchain4j;

import static dev.guardrails4j.langchain4j.TestEngines.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.test.OpenAiStubServer;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link GuardedChatModel} around LangChain4j's real OpenAI client, against a local stub. */
class GuardedChatModelTests {

  private final TestEngines.Recorder recorder = new TestEngines.Recorder();
  private final Guardrails guardrails = TestEngines.engine(recorder);
  private OpenAiStubServer stub;
  private ChatModel model;

  @BeforeEach
  void start() {
    stub = OpenAiStubServer.start();
    model = GuardedChatModel.wrap(OpenAiChatModel.builder().baseUrl(stub.baseUrl()).apiKey("test-key")
        .modelName("gpt-4o-mini").maxRetries(0).build(), guardrails);
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void answersAnAllowedCallerAndAuditsTheCall() {
    stub.reply("Your order shipped yesterday.");

    String answer;
    try (GuardContext.Scope s = as("alice", "support")) {
      answer = model.chat("Where is order 42?");
    }

    assertThat(answer).isEqualTo("Your order shipped yesterday.");
    assertThat(stub.lastUserMessage()).isEqualTo("Where is order 42?");
    assertThat(recorder.audits).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo(Verdict.ALLOW);
      assertThat(a.model()).isEqualTo("openai:gpt-4o-mini");
      assertThat(a.action()).isEqualTo("answer-customer");
      assertThat(a.inputTokens()).isEqualTo(12);
      assertThat(a.outputTokens()).isEqualTo(7);
    });
  }

  @Test
  void deniesACallerNoPolicyAllowsWithoutCallingTheModel() {
    try (GuardContext.Scope s = as("mallory", "guest")) {
      assertThatThrownBy(() -> model.chat("Where is order 42?"))
          .isInstanceOfSatisfying(GuardrailViolationException.class,
              e -> assertThat(e.decision().phase()).isEqualTo(Phase.ACCESS));
    }
    assertThat(stub.requestCount()).isZero();
    assertThat(recorder.audits).singleElement().extracting(AuditEvent::outcome).isEqualTo(Verdict.DENY);
  }

  @Test
  void sendsThePlaceholderInsteadOfTheEmailAndRestoresItInTheAnswer() {
    stub.reply("I will write to <EMAIL_ADDRESS_1> today.");

    String answer;
    try (GuardContext.Scope s = as("alice", "support")) {
      answer = model.chat("Please contact jane.doe@example.com about order 42");
    }

    assertThat(stub.lastUserMessage()).isEqualTo("Please contact <EMAIL_ADDRESS_1> about order 42");
    assertThat(stub.requests().get(0)).doesNotContain("jane.doe@example.com");
    assertThat(answer).isEqualTo("I will write to jane.doe@example.com today.");
  }

  @Test
  void blocksAPromptWithAnApiKeyBeforeItLeaves() {
    try (GuardContext.Scope s = as("alice", "support")) {
      assertThatThrownBy(() -> model.chat("my key is sk-abcdefghijklmnop1234, why does it fail?"))
          .isInstanceOfSatisfying(GuardrailViolationException.class,
              e -> assertThat(e.decision().phase()).isEqualTo(Phase.INPUT));
    }
    assertThat(stub.requestCount()).isZero();
  }

  @Test
  void redactsACardNumberInTheAnswer() {
    stub.reply("The card on file is 4111 1111 1111 1111.");

    String answer;
    try (GuardContext.Scope s = as("alice", "support")) {
      answer = model.chat("Which card is on file?");
    }

    assertThat(answer).doesNotContain("4111 1111 1111 1111").contains("<CREDIT_CARD_1>");
  }

  @Test
  void offersOnlyTheToolsTheCallerMayUse() {
    stub.reply("Done.");
    ChatRequest request = ChatRequest.builder().messages(UserMessage.from("Look up order 42"))
        .toolSpecifications(tool("lookupOrder"), tool("deleteAccount"), tool("exportCustomers"))
        .build();

    try (GuardContext.Scope s = as("alice", "support")) {
      model.chat(request);
    }

    assertThat(stub.toolNames(0)).containsExactly("lookupOrder");
  }

  @Test
  void removesARefusedToolCallAndAnswersWithTheRefusal() {
    stub.replyWithToolCall("call_1", "deleteAccount", "{\"id\":\"42\"}");
    ChatRequest request = ChatRequest.builder().messages(UserMessage.from("Delete account 42"))
        .toolSpecifications(tool("lookupOrder")).build();

    ChatResponse response;
    try (GuardContext.Scope s = as("alice", "support")) {
      response = model.chat(request);
    }

    assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
    assertThat(response.aiMessage().text()).startsWith("Tool call refused by policy")
        .contains("deleteAccount");
  }

  @Test
  void stopsTheCallWhenTheModelAsksForAToolThePolicyStopsOn() {
    stub.replyWithToolCall("call_1", "deleteAccount", "{\"id\":\"42\"}");
    ChatRequest request = ChatRequest.builder().messages(UserMessage.from("Delete account 42"))
        .toolSpecifications(tool("lookupOrder")).build();

    try (GuardContext.Scope s = as("ivan", "intern")) {
      assertThatThrownBy(() -> model.chat(request))
          .isInstanceOfSatisfying(GuardrailViolationException.class,
              e -> assertThat(e.decision().phase()).isEqualTo(Phase.TOOL));
    }
    assertThat(recorder.audits).singleElement().extracting(AuditEvent::outcome).isEqualTo(Verdict.DENY);
  }

  @Test
  void keepsAnAllowedToolCall() {
    stub.replyWithToolCall("call_1", "lookupOrder", "{\"id\":\"42\"}");
    ChatRequest request = ChatRequest.builder().messages(UserMessage.from("Where is order 42?"))
        .toolSpecifications(tool("lookupOrder")).build();

    ChatResponse response;
    try (GuardContext.Scope s = as("alice", "support")) {
      response = model.chat(request);
    }

    assertThat(response.aiMessage().toolExecutionRequests()).singleElement().satisfies(r -> {
      assertThat(r.name()).isEqualTo("lookupOrder");
      assertThat(r.arguments()).isEqualTo("{\"id\":\"42\"}");
    });
  }

  @Test
  void refusesAToolCallWhoseArgumentsCarryAnApiKey() {
    stub.replyWithToolCall("call_1", "sendEmail", "{\"body\":\"key sk-abcdefghijklmnop1234\"}");
    ChatRequest request = ChatRequest.builder().messages(UserMessage.from("Mail the customer"))
        .toolSpecifications(tool("sendEmail")).build();

    ChatResponse response;
    try (GuardContext.Scope s = as("alice", "support")) {
      response = model.chat(request);
    }

    assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
    assertThat(response.aiMessage().text()).contains("arguments were blocked");
  }

  @Test
  void usesTheConfiguredModelName() {
    stub.reply("ok");
    ChatModel configured = GuardedChatModel.builder(OpenAiChatModel.builder().baseUrl(stub.baseUrl())
        .apiKey("test-key").modelName("gpt-4o-mini").maxRetries(0).build(), guardrails)
        .model(ModelRef.of("ollama", "llama3.1")).build();

    try (GuardContext.Scope s = as("alice", "support")) {
      assertThatThrownBy(() -> configured.chat("hello"))
          .isInstanceOf(GuardrailViolationException.class)
          .hasMessageContaining("ollama:llama3.1");
    }
  }

  private static ToolSpecification tool(String name) {
    return ToolSpecification.builder().name(name).description("the " + name + " tool").build();
  }
}
