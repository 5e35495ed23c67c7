/**
 * The LangChain4j adapter: guarded {@link dev.langchain4j.model.chat.ChatModel} and {@link
 * dev.langchain4j.model.chat.StreamingChatModel} decorators ({@link
 * dev.guardrails4j.langchain4j.GuardedChatModel}, {@link
 * dev.guardrails4j.langchain4j.GuardedStreamingChatModel}), AI service guardrails that apply
 * Guardrails4j policies through LangChain4j's own guardrail API, and per-caller tool control.
 */
@NullMarked
package dev.guardrails4j.langchain4j;

import org.jspecify.annotations.NullMarked;
