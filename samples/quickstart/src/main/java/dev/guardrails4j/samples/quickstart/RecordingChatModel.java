package dev.guardrails4j.samples.quickstart;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sits between the guardrails and the model and remembers the last request that actually reached
 * the model, so the demo can show what left the process (redacted placeholders, not the originals).
 * Everything else is the wrapped model's.
 */
final class RecordingChatModel implements ChatModel {

  private final ChatModel delegate;
  private final AtomicReference<ChatRequest> last = new AtomicReference<>();

  RecordingChatModel(ChatModel delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
    last.set(request);
    return delegate.chat(request, options);
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    last.set(request);
    return delegate.doChat(request);
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return delegate.defaultRequestParameters();
  }

  @Override
  public List<ChatModelListener> listeners() {
    return List.of();
  }

  @Override
  public ModelProvider provider() {
    return delegate.provider();
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return delegate.supportedCapabilities();
  }

  /** Forgets the last request. */
  void reset() {
    last.set(null);
  }

  /**
   * The text of the last user message the model received.
   *
   * @return the text, or empty when the model was not called since {@link #reset()}
   */
  Optional<String> lastUserText() {
    ChatRequest r = last.get();
    if (r == null) {
      return Optional.empty();
    }
    List<ChatMessage> messages = r.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof UserMessage u && u.hasSingleText()) {
        return Optional.of(u.singleText());
      }
    }
    return Optional.empty();
  }
}
