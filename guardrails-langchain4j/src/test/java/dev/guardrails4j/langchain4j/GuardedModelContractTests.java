package dev.guardrails4j.langchain4j;

import static dev.guardrails4j.langchain4j.TestEngines.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.core.Guardrails;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The decorators' contract with LangChain4j, on in-memory models: what is delegated, listeners
 * firing once, every streaming callback forwarded, cancellation on a block.
 */
class GuardedModelContractTests {

  private final TestEngines.Recorder recorder = new TestEngines.Recorder();
  private final Guardrails guardrails = TestEngines.engine(recorder);

  private static final ChatRequestParameters DEFAULTS =
      ChatRequestParameters.builder().modelName("gpt-4o").temperature(0.2).build();

  @Test
  void delegatesDefaultParametersProviderAndCapabilities() {
    FakeChatModel fake = new FakeChatModel(r -> ChatResponse.builder().aiMessage(AiMessage.from("ok")).build());
    GuardedChatModel guarded = GuardedChatModel.wrap(fake, guardrails);

    assertThat(guarded.defaultRequestParameters()).isSameAs(DEFAULTS);
    assertThat(guarded.provider()).isEqualTo(ModelProvider.OPEN_AI);
    assertThat(guarded.supportedCapabilities()).containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    assertThat(guarded.listeners()).isEmpty();
    assertThat(guarded.delegate()).isSameAs(fake);
  }

  @Test
  void streamingDelegatesDefaultParametersProviderAndCapabilities() {
    FakeStreamingModel fake = new FakeStreamingModel(h -> {});
    GuardedStreamingChatModel guarded = GuardedStreamingChatModel.wrap(fake, guardrails);

    assertThat(guarded.defaultRequestParameters()).isSameAs(DEFAULTS);
    assertThat(guarded.provider()).isEqualTo(ModelProvider.OPEN_AI);
    assertThat(guarded.supportedCapabilities()).containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    assertThat(guarded.listeners()).isEmpty();
    assertThat(guarded.delegate()).isSameAs(fake);
  }

  @Test
  void firesTheWrappedModelsListenersOnceWithTheRequestAsSent() {
    FakeChatModel fake = new FakeChatModel(r -> ChatResponse.builder().aiMessage(AiMessage.from("ok")).build());
    ChatModel guarded = GuardedChatModel.wrap(fake, guardrails);

    try (GuardContext.Scope s = as("alice", "support")) {
      guarded.chat("write to jane.doe@example.com");
    }

    assertThat(fake.listener.events).containsExactly("request", "response");
    assertThat(fake.listener.requests).singleElement()
        .extracting(r -> ((UserMessage) r.messages().get(0)).singleText())
        .isEqualTo("write to <EMAIL_ADDRESS_1>");
  }

  @Test
  void streamingFiresTheWrappedModelsListenersOnce() {
    FakeStreamingModel fake = new FakeStreamingModel(h -> {
      h.onPartialResponse("ok");
      h.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from("ok")).build());
    });
    Recording handler = new Recording();

    try (GuardContext.Scope s = as("alice", "support")) {
      GuardedStreamingChatModel.wrap(fake, guardrails).chat("hello", handler);
    }

    assertThat(fake.listener.events).containsExactly("request", "response");
    assertThat(handler.events).containsExactly("partial:ok", "complete:ok");
  }

  @Test
  void derivesTheModelFromTheWrappedModelsDefaults() {
    FakeChatModel fake = new FakeChatModel(r -> ChatResponse.builder().aiMessage(AiMessage.from("ok")).build());

    try (GuardContext.Scope s = as("alice", "support")) {
      GuardedChatModel.wrap(fake, guardrails).chat("hello");
    }

    assertThat(recorder.audits).singleElement().extracting(a -> a.model()).isEqualTo("openai:gpt-4o");
  }

  @Test
  void derivesTheModelFromTheRequestsModelName() {
    FakeChatModel fake = new FakeChatModel(r -> ChatResponse.builder().aiMessage(AiMessage.from("ok")).build());

    try (GuardContext.Scope s = as("alice", "support")) {
      GuardedChatModel.wrap(fake, guardrails)
          .chat(ChatRequest.builder().messages(UserMessage.from("hello")).modelName("gpt-4.1").build());
    }

    assertThat(recorder.audits).singleElement().extracting(a -> a.model()).isEqualTo("openai:gpt-4.1");
  }

  @Test
  void refusesToWrapAGuardedModelTwice() {
    GuardedChatModel once = GuardedChatModel.wrap(new FakeChatModel(r -> null), guardrails);

    assertThatThrownBy(() -> GuardedChatModel.wrap(once, guardrails))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already guarded");
  }

  @Test
  void refusesToWrapAGuardedStreamingModelTwice() {
    GuardedStreamingChatModel once = GuardedStreamingChatModel.wrap(new FakeStreamingModel(h -> {}), guardrails);

    assertThatThrownBy(() -> GuardedStreamingChatModel.wrap(once, guardrails))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already guarded");
  }

  @Test
  void refusesToSetTheModelTwiceOnEitherBuilder() {
    GuardedChatModel.Builder chat = GuardedChatModel.builder(new FakeChatModel(r -> null), guardrails)
        .model("openai:gpt-4o");
    GuardedStreamingChatModel.Builder streaming =
        GuardedStreamingChatModel.builder(new FakeStreamingModel(h -> {}), guardrails).model("openai:gpt-4o");

    assertThatThrownBy(() -> chat.model("openai:gpt-4.1"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("model was already set");
    assertThatThrownBy(() -> streaming.model("openai:gpt-4.1"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("model was already set");
  }

  @Test
  void keepsTheConfiguredModelOnEitherBuilder() {
    assertThat(GuardedChatModel.builder(new FakeChatModel(r -> null), guardrails)
        .model("openai:gpt-4o").build().configuredModel()).hasValue(ModelRef.of("openai", "gpt-4o"));
    assertThat(GuardedStreamingChatModel.builder(new FakeStreamingModel(h -> {}), guardrails)
        .model(ModelRef.of("ollama", "llama3")).build().configuredModel()).hasValue(ModelRef.of("ollama", "llama3"));
  }

  @Test
  void forwardsEveryStreamingCallback() {
    StreamingHandle handle = new FakeHandle();
    ToolExecutionRequest lookup = ToolExecutionRequest.builder().id("c1").name("lookupOrder")
        .arguments("{\"id\":\"42\"}").build();
    FakeStreamingModel fake = new FakeStreamingModel(h -> {
      h.onPartialThinking(new PartialThinking("hmm"));
      h.onPartialThinking(new PartialThinking("hmm2"), new PartialThinkingContext(handle));
      h.onPartialToolCall(partial("lookupOrder", "{\"id\""));
      h.onPartialToolCall(partial("lookupOrder", ":\"42\"}"), new PartialToolCallContext(handle));
      h.onCompleteToolCall(new CompleteToolCall(0, lookup));
      h.onUnmappedRawEvent("raw");
      h.onPartialResponse("Checking ");
      h.onPartialResponse(new PartialResponse("now."), new PartialResponseContext(handle));
      h.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from("Checking now.", List.of(lookup)))
          .tokenUsage(new TokenUsage(3, 4)).build());
    });
    Recording handler = new Recording();

    try (GuardContext.Scope s = as("alice", "support")) {
      GuardedStreamingChatModel.wrap(fake, guardrails).chat("Where is order 42?", handler);
    }

    assertThat(handler.events).containsExactly(
        "thinking:hmm", "thinking+ctx:hmm2", "partialTool:lookupOrder", "partialTool+ctx:lookupOrder",
        "completeTool:lookupOrder", "raw:raw", "partial+ctx:Checking now.", "complete:Checking now.");
    assertThat(handler.completed.aiMessage().toolExecutionRequests()).containsExactly(lookup);
  }

  @Test
  void forwardsTheWrappedModelsError() {
    IllegalStateException boom = new IllegalStateException("provider down");
    FakeStreamingModel fake = new FakeStreamingModel(h -> h.onError(boom));
    Recording handler = new Recording();

    try (GuardContext.Scope s = as("alice", "support")) {
      GuardedStreamingChatModel.wrap(fake, guardrails).chat("hello", handler);
    }

    assertThat(handler.events).containsExactly("error:IllegalStateException");
    assertThat(recorder.audits).singleElement().extracting(a -> a.failure())
        .isEqualTo(IllegalStateException.class.getName());
  }

  @Test
  void reportsAHandlerFailingOnCompletionThroughItsOnError() {
    FakeStreamingModel fake = new FakeStreamingModel(h -> {
      h.onPartialResponse("ok");
      h.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from("ok")).build());
    });
    IllegalStateException nextRoundFailed = new IllegalStateException("next round failed");
    Recording handler = new Recording() {
      @Override
      public void onCompleteResponse(ChatResponse completeResponse) {
        super.onCompleteResponse(completeResponse);
        throw nextRoundFailed;
      }
    };

    try (GuardContext.Scope s = as("alice", "support")) {
      GuardedStreamingChatModel.wrap(fake, guardrails).chat("hello", handler);
    }

    assertThat(handler.events).containsExactly("partial:ok", "complete:ok", "error:IllegalStateException");
    assertThat(handler.error).isSameAs(nextRoundFailed);
  }

  @Test
  void cancelsTheStreamAndForwardsNothingMoreWhenACheckBlocks() {
    FakeHandle handle = new FakeHandle();
    FakeStreamingModel fake = new FakeStreamingModel(h -> {
      h.onPartialResponse(new PartialResponse("The key you asked for is "), new PartialResponseContext(handle));
      h.onPartialResponse(new PartialResponse("sk-abcdefghijklmnop1234 "), new PartialResponseContext(handle));
      h.onPartialResponse(new PartialResponse("and here is a lot more text to release"),
          new PartialResponseContext(handle));
      h.onPartialThinking(new PartialThinking("late"));
      h.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from("whatever")).build());
    });
    Recording handler = new Recording();

    try (GuardContext.Scope s = as("alice", "support")) {
      GuardedStreamingChatModel.wrap(fake, guardrails).chat("my key?", handler);
    }

    assertThat(handle.cancelled).isTrue();
    assertThat(handler.events).last().isEqualTo("error:GuardrailViolationException");
    assertThat(handler.events).noneSatisfy(e -> assertThat(e).contains("sk-"))
        .noneSatisfy(e -> assertThat(e).startsWith("complete")).noneSatisfy(e -> assertThat(e).contains("late"));
  }

  @Test
  void withholdsAToolCallTheCallerMayNotUse() {
    ToolExecutionRequest delete = ToolExecutionRequest.builder().id("c1").name("deleteAccount")
        .arguments("{\"id\":\"42\"}").build();
    FakeStreamingModel fake = new FakeStreamingModel(h -> {
      h.onPartialToolCall(partial("deleteAccount", "{\"id\":\"42\"}"));
      h.onCompleteToolCall(new CompleteToolCall(0, delete));
      h.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(List.of(delete))).build());
    });
    Recording handler = new Recording();

    try (GuardContext.Scope s = as("alice", "support")) {
      GuardedStreamingChatModel.wrap(fake, guardrails).chat("delete account 42", handler);
    }

    assertThat(handler.events).hasSize(2);
    assertThat(handler.events.get(0)).startsWith("partial:Tool call refused by policy");
    assertThat(handler.completed.aiMessage().hasToolExecutionRequests()).isFalse();
    assertThat(handler.completed.aiMessage().text()).startsWith("Tool call refused by policy");
  }

  @Test
  void endsTheStreamWhenAToolCallHitsAStopPolicy() {
    FakeHandle handle = new FakeHandle();
    ToolExecutionRequest delete = ToolExecutionRequest.builder().id("c1").name("deleteAccount")
        .arguments("{}").build();
    FakeStreamingModel fake = new FakeStreamingModel(h -> {
      h.onPartialToolCall(partial("deleteAccount", "{}"), new PartialToolCallContext(handle));
      h.onCompleteToolCall(new CompleteToolCall(0, delete));
      h.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(List.of(delete))).build());
    });
    Recording handler = new Recording();

    try (GuardContext.Scope s = as("ivan", "intern")) {
      GuardedStreamingChatModel.wrap(fake, guardrails).chat("delete account 42", handler);
    }

    assertThat(handler.events).containsExactly("error:GuardrailViolationException");
    assertThat(handle.cancelled).isTrue();
    assertThat(handler.error).isInstanceOf(GuardrailViolationException.class);
  }

  private static PartialToolCall partial(String name, String args) {
    return PartialToolCall.builder().index(0).id("c1").name(name).partialArguments(args).build();
  }

  // ---- fakes ---------------------------------------------------------------------------------

  static final class CountingListener implements ChatModelListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public void onRequest(ChatModelRequestContext requestContext) {
      events.add("request");
      requests.add(requestContext.chatRequest());
    }

    @Override
    public void onResponse(ChatModelResponseContext responseContext) {
      events.add("response");
    }

    @Override
    public void onError(ChatModelErrorContext errorContext) {
      events.add("error");
    }
  }

  static final class FakeChatModel implements ChatModel {
    final CountingListener listener = new CountingListener();
    private final java.util.function.Function<ChatRequest, ChatResponse> answer;

    FakeChatModel(java.util.function.Function<ChatRequest, ChatResponse> answer) {
      this.answer = answer;
    }

    @Override
    public ChatResponse doChat(ChatRequest chatRequest) {
      return answer.apply(chatRequest);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
      return DEFAULTS;
    }

    @Override
    public List<ChatModelListener> listeners() {
      return List.of(listener);
    }

    @Override
    public ModelProvider provider() {
      return ModelProvider.OPEN_AI;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
      return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }
  }

  static final class FakeStreamingModel implements StreamingChatModel {
    final CountingListener listener = new CountingListener();
    private final Consumer<StreamingChatResponseHandler> script;

    FakeStreamingModel(Consumer<StreamingChatResponseHandler> script) {
      this.script = script;
    }

    @Override
    public void doChat(ChatRequest chatRequest, StreamingChatResponseHandler handler) {
      script.accept(handler);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
      return DEFAULTS;
    }

    @Override
    public List<ChatModelListener> listeners() {
      return List.of(listener);
    }

    @Override
    public ModelProvider provider() {
      return ModelProvider.OPEN_AI;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
      return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }
  }

  static final class FakeHandle implements StreamingHandle {
    volatile boolean cancelled;

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }

  /** Records every callback, with the variant (with or without context) it came through. */
  static class Recording implements StreamingChatResponseHandler {
    final List<String> events = new ArrayList<>();
    ChatResponse completed;
    Throwable error;

    @Override
    public void onPartialResponse(String partialResponse) {
      events.add("partial:" + partialResponse);
    }

    @Override
    public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
      events.add("partial+ctx:" + partialResponse.text());
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking) {
      events.add("thinking:" + partialThinking.text());
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
      events.add("thinking+ctx:" + partialThinking.text());
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall) {
      events.add("partialTool:" + partialToolCall.name());
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
      events.add("partialTool+ctx:" + partialToolCall.name());
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall completeToolCall) {
      events.add("completeTool:" + completeToolCall.toolExecutionRequest().name());
    }

    @Override
    public void onUnmappedRawEvent(Object rawEvent) {
      events.add("raw:" + rawEvent);
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
      completed = completeResponse;
      events.add("complete:" + completeResponse.aiMessage().text());
    }

    @Override
    public void onError(Throwable error) {
      this.error = error;
      events.add("error:" + error.getClass().getSimpleName());
    }
  }
}
