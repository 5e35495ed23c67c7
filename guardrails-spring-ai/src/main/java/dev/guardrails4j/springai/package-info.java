/**
 * The Spring AI adapter. {@link dev.guardrails4j.springai.GuardrailsAdvisor} guards every {@code
 * ChatClient} call and stream it is added to; {@link dev.guardrails4j.springai.GuardedChatModel}
 * guards a {@code ChatModel} used without a {@code ChatClient}; {@link
 * dev.guardrails4j.springai.GuardedToolCallback} and {@link
 * dev.guardrails4j.springai.GuardedToolCallbackProvider} check tool calls (MCP tool callbacks
 * included) and their results.
 */
@NullMarked
package dev.guardrails4j.springai;

import org.jspecify.annotations.NullMarked;
