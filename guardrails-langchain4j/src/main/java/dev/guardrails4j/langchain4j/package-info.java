/**
 * The LangChain4j adapter. Guarded models: {@link dev.guardrails4j.langchain4j.GuardedChatModel}
 * and {@link dev.guardrails4j.langchain4j.GuardedStreamingChatModel} decorate any model. AI
 * services: {@link dev.guardrails4j.langchain4j.GuardrailsInputGuardrail} and {@link
 * dev.guardrails4j.langchain4j.GuardrailsOutputGuardrail} apply policies through LangChain4j's
 * guardrail API, with the engine of {@link dev.guardrails4j.langchain4j.DefaultGuardrails} when
 * LangChain4j instantiates them. Tools: {@link dev.guardrails4j.langchain4j.GuardedToolProvider}
 * offers each caller its allowed tools, {@link dev.guardrails4j.langchain4j.GuardedToolExecutor}
 * checks each call and result. {@link dev.guardrails4j.langchain4j.CallerParameters} names the
 * caller of an AI service call.
 */
@NullMarked
package dev.guardrails4j.langchain4j;

import org.jspecify.annotations.NullMarked;
