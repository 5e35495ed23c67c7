/**
 * The Guardrails4j engine: {@link dev.guardrails4j.core.Guardrails} evaluates invocations against a
 * policy set and runs detectors, limits and audit around each guarded call.
 */
@NullMarked
package dev.guardrails4j.core;

import org.jspecify.annotations.NullMarked;
