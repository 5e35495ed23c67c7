package dev.guardrails4j.langchain4j;

import static dev.guardrails4j.langchain4j.TestEngines.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.test.OpenAiStubServer;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;
import dev.langchain4j.service.AiServices;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Token budget reservations with a LangChain4j {@link TokenCountEstimator} (the real OpenAI
 * tokenizer, offline), and the documented estimate without one.
 */
class TokenCountEstimatorTests {

  /** Digits tokenise very differently from one token per four characters. */
  private static final String PROMPT = "Order numbers 8237 4410 9981 2263 5507 and 1190 3374 were both refunded twice.";

  private final TestEngines.Recorder recorder = new TestEngines.Recorder();
  private final Guardrails guardrails = TestEngines.engine(recorder);
  private final TokenCountEstimator openAiTokenizer = new OpenAiTokenCountEstimator("gpt-4o-mini");
  private OpenAiStubServer stub;

  @BeforeEach
  void start() {
    stub = OpenAiStubServer.start();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private ChatModel openAi() {
    return OpenAiChatModel.builder().baseUrl(stub.baseUrl()).apiKey("test-key").modelName("gpt-4o-mini")
        .maxRetries(0).build();
  }

  private long reserved() {
    return recorder.invocations.get(0).tokenEstimate();
  }

  @Test
  void reservesTheDocumentedEstimateWithoutAnEstimator() {
    stub.reply("Done.");
    ChatModel model = GuardedChatModel.wrap(openAi(), guardrails);

    try (GuardContext.Scope s = as("alice", "support")) {
      model.chat(UserMessage.from(PROMPT));
    }

    assertThat(reserved()).isEqualTo((PROMPT.length() + 3) / 4 + 4);
  }

  @Test
  void reservesWhatTheTokenizerCountsForEveryMessage() {
    stub.reply("Done.");
    ChatModel model = GuardedChatModel.builder(openAi(), guardrails).tokenCountEstimator(openAiTokenizer).build();
    List<ChatMessage> messages = List.of(SystemMessage.from("You answer questions about refunds."),
        UserMessage.from(PROMPT));

    try (GuardContext.Scope s = as("alice", "support")) {
      model.chat(messages);
    }

    long expected = openAiTokenizer.estimateTokenCountInMessages(messages);
    assertThat(reserved()).isEqualTo(expected)
        .isNotEqualTo((PROMPT.length() + "You answer questions about refunds.".length() + 3) / 4 + 8);
  }

  @Test
  void refusesACallTheTokenizerSaysExceedsTheBudgetWithoutCallingTheModel() {
    Guardrails budgeted = TestEngines.engine("""
        version: 1
        defaults: { access: deny }
        policies:
          - id: support
            match: { user: { roles: [support] } }
            access: allow
            limits: { tokens: 60/1d per user }
        """, recorder);
    ChatModel model = GuardedChatModel.builder(openAi(), budgeted).tokenCountEstimator(new FixedEstimator(100)).build();

    try (GuardContext.Scope s = as("alice", "support")) {
      assertThatThrownBy(() -> model.chat(UserMessage.from("Hi")))
          .isInstanceOfSatisfying(GuardrailViolationException.class, e -> {
            assertThat(e.decision().phase()).isEqualTo(Phase.LIMITS);
            assertThat(e.decision().policyIds()).containsExactly("support");
          });
    }
    assertThat(stub.requestCount()).isZero();
  }

  @Test
  void fallsBackToTheDocumentedEstimateWhenTheTokenizerFails() {
    stub.reply("Done.");
    ChatModel model = GuardedChatModel.builder(openAi(), guardrails).tokenCountEstimator(new FixedEstimator(-1)).build();

    String answer;
    try (GuardContext.Scope s = as("alice", "support")) {
      answer = model.chat(PROMPT);
    }

    assertThat(answer).isEqualTo("Done.");
    assertThat(reserved()).isEqualTo((PROMPT.length() + 3) / 4 + 4);
  }

  @Test
  void fallsBackToTheDocumentedEstimateWhenTheTokenizerThrows() {
    stub.reply("Done.");
    TokenCountEstimator broken = new FixedEstimator(0) {
      @Override
      public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        throw new IllegalStateException("no vocabulary");
      }
    };
    ChatModel model = GuardedChatModel.builder(openAi(), guardrails).tokenCountEstimator(broken).build();

    try (GuardContext.Scope s = as("alice", "support")) {
      assertThat(model.chat(PROMPT)).isEqualTo("Done.");
    }

    assertThat(reserved()).isEqualTo((PROMPT.length() + 3) / 4 + 4);
  }

  @Test
  void streamingModelsReserveWhatTheTokenizerCounts() throws Exception {
    stub.stream("Done", ".");
    StreamingChatModel model = GuardedStreamingChatModel.builder(OpenAiStreamingChatModel.builder()
        .baseUrl(stub.baseUrl()).apiKey("test-key").modelName("gpt-4o-mini").build(), guardrails)
        .tokenCountEstimator(openAiTokenizer).build();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();

    try (GuardContext.Scope s = as("alice", "support")) {
      model.chat(PROMPT, new StreamingChatResponseHandler() {
        @Override
        public void onPartialResponse(String partial) {}

        @Override
        public void onCompleteResponse(ChatResponse response) {
          done.complete(response);
        }

        @Override
        public void onError(Throwable error) {
          done.completeExceptionally(error);
        }
      });
    }

    assertThat(done.get(10, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("Done.");
    assertThat(reserved()).isEqualTo(openAiTokenizer.estimateTokenCountInMessages(List.of(UserMessage.from(PROMPT))));
  }

  interface Assistant {
    String chat(String message);
  }

  @Test
  void aiServiceInputGuardrailsReserveWhatTheTokenizerCountsForTheUserMessage() {
    stub.reply("Done.");
    Assistant assistant = AiServices.builder(Assistant.class).chatModel(openAi())
        .inputGuardrails(new GuardrailsInputGuardrail(guardrails).withTokenCountEstimator(openAiTokenizer))
        .build();

    try (GuardContext.Scope s = as("alice", "support")) {
      assertThat(assistant.chat(PROMPT)).isEqualTo("Done.");
    }

    assertThat(reserved()).isEqualTo(openAiTokenizer.estimateTokenCountInMessages(List.of(UserMessage.from(PROMPT))));
  }

  @Test
  void takesOneEstimatorPerModel() {
    GuardedChatModel.Builder b = GuardedChatModel.builder(openAi(), guardrails).tokenCountEstimator(openAiTokenizer);

    assertThatThrownBy(() -> b.tokenCountEstimator(openAiTokenizer))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("tokenCountEstimator");
  }

  /** Counts every text and message as a fixed number of tokens. */
  private static class FixedEstimator implements TokenCountEstimator {
    private final int tokens;

    FixedEstimator(int tokens) {
      this.tokens = tokens;
    }

    @Override
    public int estimateTokenCountInText(String text) {
      return tokens;
    }

    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
      return tokens;
    }

    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
      return tokens;
    }
  }
}
