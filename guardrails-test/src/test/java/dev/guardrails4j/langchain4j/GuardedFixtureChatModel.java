package dev.guardrails4j.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * Stands in for the LangChain4j adapter's guarded decorators (a {@code Guarded*} type in this
 * package): it calls its delegate, which the architecture rule must allow.
 */
public final class GuardedFixtureChatModel implements ChatModel {
  private final ChatModel delegate;

  public GuardedFixtureChatModel(ChatModel delegate) {
    this.delegate = delegate;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    return delegate.chat(request);
  }
}
