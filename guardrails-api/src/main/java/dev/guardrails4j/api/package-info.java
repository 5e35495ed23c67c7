/**
 * The public model of Guardrails4j: who calls ({@link dev.guardrails4j.api.Caller}), what the call
 * is ({@link dev.guardrails4j.api.Invocation}), what was found
 * ({@link dev.guardrails4j.api.Finding}) and what was decided
 * ({@link dev.guardrails4j.api.Decision}).
 *
 * <p>This package depends on the JDK only. Every type here is an immutable value or a small
 * interface; the engine lives in {@code guardrails-core}.
 */
@NullMarked
package dev.guardrails4j.api;

import org.jspecify.annotations.NullMarked;
