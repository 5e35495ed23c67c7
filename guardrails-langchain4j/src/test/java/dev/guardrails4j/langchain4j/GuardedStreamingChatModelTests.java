package dev.guardrails4j.langchain4j;

import static dev.guardrails4j.langchain4j.TestEngines.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.test.OpenAiStubServer;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GuardedStreamingChatModel} around LangChain4j's real OpenAI streaming client, against a
 * local stub that streams server-sent events. The engine's stream window is 32 characters here.
 */
class GuardedStreamingChatModelTests {

  private final TestEngines.Recorder recorder = new TestEngines.Recorder();
  private final Guardrails guardrails = TestEngines.engine(recorder);
  private OpenAiStubServer stub;
  private StreamingChatModel model;

  @BeforeEach
  void start() {
    stub = OpenAiStubServer.start();
    model = GuardedStreamingChatModel.wrap(OpenAiStreamingChatModel.builder().baseUrl(stub.baseUrl())
        .apiKey("test-key").modelName("gpt-4o-mini").build(), guardrails);
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void streamsAnAllowedAnswerAndCompletesWithWhatWasStreamed() throws Exception {
    stub.stream("Your order ", "shipped ", "yesterday ", "and should arrive ", "on Monday.");

    Collector c = chat("alice", "support", "Where is order 42?");

    ChatResponse done = c.completion();
    assertThat(c.text()).isEqualTo("Your order shipped yesterday and should arrive on Monday.");
    assertThat(done.aiMessage().text()).isEqualTo(c.text());
    assertThat(c.events).last().isEqualTo("complete");
    assertThat(recorder.audits).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo(Verdict.ALLOW);
      assertThat(a.outputTokens()).isEqualTo(7);
    });
  }

  @Test
  void neverEmitsACardNumberSplitAcrossChunks() throws Exception {
    stub.stream("The card on file is 4111 11", "11 1111 1", "111, expiring ", "next year. Anything else ",
        "I can help you with today?");

    Collector c = chat("alice", "support", "Which card is on file?");

    c.completion();
    assertThat(c.partials).isNotEmpty().allSatisfy(p -> assertThat(p).doesNotContainPattern("\\d{2}"));
    assertThat(c.text()).isEqualTo(
        "The card on file is <CREDIT_CARD_1>, expiring next year. Anything else I can help you with today?");
  }

  @Test
  void restoresAnEmailPlaceholderSplitAcrossChunks() throws Exception {
    stub.stream("I will write to <EMAIL_", "ADDRESS_1> today.");

    Collector c = chat("alice", "support", "Please contact jane.doe@example.com about order 42");

    c.completion();
    assertThat(stub.lastUserMessage()).isEqualTo("Please contact <EMAIL_ADDRESS_1> about order 42");
    assertThat(c.text()).isEqualTo("I will write to jane.doe@example.com today.");
  }

  @Test
  void endsTheStreamWithTheViolationWhenABlockedValueAppearsMidStream() throws Exception {
    stub.stream("Here is a long preamble about your account ", "settings and what they mean. ",
        "The key is sk-abcdef", "ghijklmnop1234 and", " some more text after it", " and even more.");

    Collector c = chat("alice", "support", "What is my API key?");

    Throwable error = c.failure();
    assertThat(error).isInstanceOfSatisfying(GuardrailViolationException.class,
        e -> assertThat(e.decision().phase()).isEqualTo(Phase.OUTPUT));
    assertThat(c.partials).isNotEmpty().noneSatisfy(p -> assertThat(p).contains("sk-"));
    assertThat(c.text()).doesNotContain("abcdef");
    assertThat(c.events).last().asString().startsWith("error");
    assertThat(recorder.audits).singleElement().extracting(AuditEvent::outcome).isEqualTo(Verdict.DENY);
  }

  @Test
  void reportsADeniedCallerThroughOnErrorWithoutCallingTheModel() throws Exception {
    Collector c = chat("mallory", "guest", "Where is order 42?");

    assertThat(c.failure()).isInstanceOfSatisfying(GuardrailViolationException.class,
        e -> assertThat(e.decision().phase()).isEqualTo(Phase.ACCESS));
    assertThat(stub.requestCount()).isZero();
    assertThat(c.events).containsExactly("error");
  }

  private Collector chat(String user, String role, String prompt) {
    Collector c = new Collector();
    try (GuardContext.Scope s = as(user, role)) {
      model.chat(prompt, c);
    }
    return c;
  }

  /** Records what a handler receives. */
  static final class Collector implements StreamingChatResponseHandler {
    final List<String> partials = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

    @Override
    public void onPartialResponse(String partialResponse) {
      partials.add(partialResponse);
      events.add("partial");
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
      events.add("complete");
      done.complete(completeResponse);
    }

    @Override
    public void onError(Throwable error) {
      events.add("error");
      done.completeExceptionally(error);
    }

    String text() {
      return String.join("", partials);
    }

    ChatResponse completion() throws InterruptedException, ExecutionException, TimeoutException {
      return done.get(10, TimeUnit.SECONDS);
    }

    Throwable failure() throws InterruptedException, TimeoutException {
      try {
        done.get(10, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        return e.getCause();
      }
      throw new AssertionError("the stream completed without an error");
    }
  }
}
