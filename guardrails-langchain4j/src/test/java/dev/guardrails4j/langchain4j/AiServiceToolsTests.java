package dev.guardrails4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.test.OpenAiStubServer;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.ToolService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tool calling round trips through a LangChain4j AI service with {@code @Tool} methods, the real
 * OpenAI client and a local stub: hidden tools, refused calls the model sees, stops, argument and
 * result checks.
 */
class AiServiceToolsTests {

  interface Assistant {
    String chat(@UserMessage String message, InvocationParameters parameters);
  }

  interface StreamingAssistant {
    TokenStream chat(@UserMessage String message);
  }

  /** The application's tools; records what actually ran. */
  static final class OrderTools {
    final List<String> ran = new CopyOnWriteArrayList<>();

    @Tool("Looks up an order by id")
    String lookupOrder(String orderId) {
      ran.add("lookupOrder:" + orderId);
      return "Order " + orderId + " shipped to jane.doe@example.com";
    }

    @Tool("Sends an e-mail to the customer")
    String sendEmail(String body) {
      ran.add("sendEmail");
      return "sent";
    }

    @Tool("Deletes a customer account")
    String deleteAccount(String accountId) {
      ran.add("deleteAccount:" + accountId);
      return "deleted";
    }
  }

  private final TestEngines.Recorder recorder = new TestEngines.Recorder();
  private final Guardrails guardrails = TestEngines.engine(recorder);
  private final OrderTools tools = new OrderTools();
  private OpenAiStubServer stub;
  private ChatModel openAi;

  @BeforeEach
  void start() {
    stub = OpenAiStubServer.start();
    openAi = OpenAiChatModel.builder().baseUrl(stub.baseUrl()).apiKey("test-key").modelName("gpt-4o-mini")
        .maxRetries(0).build();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private Assistant withToolProvider(ChatModel model) {
    return AiServices.builder(Assistant.class).chatModel(model)
        .toolProvider(GuardedToolProvider.builder(guardrails).tools(tools).build())
        .toolExecutionErrorHandler(GuardedToolExecutor.rethrowingViolations())
        .build();
  }

  /** Every tool offered, each behind a guarded executor: nothing hidden, every call checked. */
  private Assistant withGuardedExecutors() {
    Map<dev.langchain4j.agent.tool.ToolSpecification, dev.langchain4j.service.tool.ToolExecutor> map =
        new LinkedHashMap<>();
    for (AiServiceTool t : ToolService.findTools(tools)) {
      map.put(t.toolSpecification(), GuardedToolExecutor.wrap(t.toolExecutor(), guardrails));
    }
    return AiServices.builder(Assistant.class).chatModel(openAi).tools(map)
        .toolExecutionErrorHandler(GuardedToolExecutor.rethrowingViolations())
        .build();
  }

  private static InvocationParameters as(String subject, String role) {
    return CallerParameters.of(User.builder(subject).tenant("acme").roles(role).build(), "answer-customer");
  }

  @Test
  void runsAnAllowedToolAndRedactsItsResultBeforeTheModelSeesIt() {
    stub.replyWithToolCall("call_1", "lookupOrder", "{\"orderId\":\"42\"}").reply("Order 42 has shipped.");

    String answer = withToolProvider(openAi).chat("Where is order 42?", as("alice", "support"));

    assertThat(answer).isEqualTo("Order 42 has shipped.");
    assertThat(tools.ran).containsExactly("lookupOrder:42");
    JsonNode toolMessage = toolMessage(stub.request(1));
    assertThat(toolMessage.path("content").asText()).isEqualTo("Order 42 shipped to <EMAIL_ADDRESS_1>");
    assertThat(stub.requests().get(1)).doesNotContain("jane.doe@example.com");
  }

  @Test
  void offersOnlyTheToolsTheCallerMayUse() {
    stub.reply("Hello.");

    withToolProvider(openAi).chat("Hi", as("alice", "support"));
    stub.reply("Hi again.");
    withToolProvider(openAi).chat("Hi", as("ivan", "intern"));

    assertThat(stub.toolNames(0)).containsExactlyInAnyOrder("lookupOrder", "sendEmail");
    assertThat(stub.toolNames(1)).containsExactly("lookupOrder");
  }

  @Test
  void refusesADeniedToolWithAMessageTheModelSees() {
    stub.replyWithToolCall("call_1", "deleteAccount", "{\"accountId\":\"42\"}")
        .reply("I am not allowed to delete accounts.");

    String answer = withGuardedExecutors().chat("Delete account 42", as("alice", "support"));

    assertThat(answer).isEqualTo("I am not allowed to delete accounts.");
    assertThat(tools.ran).isEmpty();
    assertThat(toolMessage(stub.request(1)).path("content").asText())
        .startsWith("Tool call refused by policy").contains("deleteAccount");
  }

  @Test
  void refusesAToolCallWithAnApiKeyInItsArguments() {
    stub.replyWithToolCall("call_1", "sendEmail", "{\"body\":\"your key is sk-abcdefghijklmnop1234\"}")
        .reply("I cannot send secrets by e-mail.");

    String answer = withToolProvider(openAi).chat("Mail my key to me", as("alice", "support"));

    assertThat(answer).isEqualTo("I cannot send secrets by e-mail.");
    assertThat(tools.ran).isEmpty();
    assertThat(toolMessage(stub.request(1)).path("content").asText()).contains("arguments were blocked");
  }

  @Test
  void stopsTheAiServiceCallWhenAStopPolicyRefusesATool() {
    stub.replyWithToolCall("call_1", "deleteAccount", "{\"accountId\":\"42\"}").reply("never sent");

    assertThatThrownBy(() -> withGuardedExecutors().chat("Delete account 42", as("ivan", "intern")))
        .isInstanceOfSatisfying(GuardrailViolationException.class,
            e -> assertThat(e.decision().phase()).isEqualTo(Phase.TOOL));
    assertThat(tools.ran).isEmpty();
    assertThat(stub.requestCount()).isEqualTo(1);
  }

  @Test
  void worksWithAGuardedModelInTheSameAiService() {
    stub.replyWithToolCall("call_1", "lookupOrder", "{\"orderId\":\"42\"}").reply("It went to <EMAIL_ADDRESS_1>.");

    String answer;
    // the guarded model sees no InvocationParameters: it reads the caller from the GuardContext,
    // and so do the tools, which the AI service runs on this thread
    try (GuardContext.Scope s = TestEngines.as("alice", "support")) {
      answer = withToolProvider(GuardedChatModel.wrap(openAi, guardrails))
          .chat("Where did order 42 go? I am jane.doe@example.com", new InvocationParameters());
    }

    assertThat(tools.ran).containsExactly("lookupOrder:42");
    assertThat(stub.requests()).noneSatisfy(r -> assertThat(r).contains("jane.doe@example.com"));
    assertThat(answer).isEqualTo("It went to jane.doe@example.com.");
  }

  @Test
  void streamsAToolRoundTripForTheCallerOfTheOpeningThread() throws Exception {
    stub.streamToolCall("call_1", "lookupOrder", "{\"orderId\"", ":\"42\"}")
        .stream("Order 42 ", "has shipped ", "to <EMAIL_ADDRESS_1>.");
    StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
        .streamingChatModel(GuardedStreamingChatModel.wrap(OpenAiStreamingChatModel.builder()
            .baseUrl(stub.baseUrl()).apiKey("test-key").modelName("gpt-4o-mini").build(), guardrails))
        .toolProvider(GuardedToolProvider.builder(guardrails).tools(tools).build())
        .build();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    StringBuilder streamed = new StringBuilder();

    // the second model call and the tool run on the HTTP client's thread: the guarded model
    // carries the opening thread's GuardContext into its callbacks
    try (GuardContext.Scope s = TestEngines.as("alice", "support")) {
      assistant.chat("Where is order 42? Mail jane.doe@example.com")
          .onPartialResponse(streamed::append)
          .onCompleteResponse(done::complete)
          .onError(done::completeExceptionally)
          .start();
    }

    ChatResponse response = done.get(10, TimeUnit.SECONDS);
    assertThat(tools.ran).containsExactly("lookupOrder:42");
    assertThat(streamed.toString()).isEqualTo("Order 42 has shipped to jane.doe@example.com.");
    assertThat(response.aiMessage().text()).isEqualTo(streamed.toString());
    assertThat(stub.requests()).noneSatisfy(r -> assertThat(r).contains("jane.doe@example.com"));
    assertThat(recorder.audits).extracting(a -> a.outcome()).doesNotContain(Verdict.DENY);
  }

  @Test
  void endsAStreamingAiServiceCallWhenTheModelAsksForAToolAStopPolicyRefuses() throws Exception {
    stub.streamToolCall("call_1", "deleteAccount", "{\"accountId\":\"42\"}").stream("never sent");
    StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
        .streamingChatModel(GuardedStreamingChatModel.wrap(OpenAiStreamingChatModel.builder()
            .baseUrl(stub.baseUrl()).apiKey("test-key").modelName("gpt-4o-mini").build(), guardrails))
        .tools(tools)
        .build();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();

    try (GuardContext.Scope s = TestEngines.as("ivan", "intern")) {
      assistant.chat("Delete account 42")
          .onPartialResponse(text -> { })
          .onCompleteResponse(done::complete)
          .onError(done::completeExceptionally)
          .start();
    }

    assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS))
        .cause().isInstanceOfSatisfying(GuardrailViolationException.class,
            e -> assertThat(e.decision().phase()).isEqualTo(Phase.TOOL));
    assertThat(tools.ran).isEmpty();
    assertThat(stub.requestCount()).isEqualTo(1);
  }

  private static JsonNode toolMessage(JsonNode request) {
    for (JsonNode m : request.path("messages")) {
      if ("tool".equals(m.path("role").asText())) {
        return m;
      }
    }
    throw new AssertionError("no tool message in " + request);
  }
}
