/**
 * The Guardrails4j engine: {@link dev.guardrails4j.core.Guardrails} evaluates invocations against a
 * policy set and runs detectors, limits and audit around each guarded call.
 *
 * <p>A call is a pipeline of named steps, each a package-private type with one job, behind the
 * public {@link dev.guardrails4j.core.GuardedCall}:
 *
 * <ol>
 *   <li>{@code AccessStep}: may this workload, for this user, call this model for this action;
 *   <li>{@code LimitStep}: requests, tokens and concurrency, reserved before the model call;
 *   <li>{@code ContentStep}: the input checks, and later the output checks;
 *   <li>{@code ModelStep}: the provider call behind its circuit breaker and time limit;
 *   <li>{@link dev.guardrails4j.core.StreamingOutput}: output checks over a bounded window;
 *   <li>{@code ToolStep}: tool visibility, arguments and results;
 *   <li>{@code CallRecord}: the decisions, handed to listeners as they are made, the limit
 *       reservation, the call's redactions, and the one audit event at the end.
 * </ol>
 *
 * <p>Dependencies point one way: public call and stream, then the steps, then the record, then
 * {@code ContentChecks} (detectors of one phase, each under the {@link
 * dev.guardrails4j.core.CheckBudget}, with redaction of every copy of a found value), then the
 * detector families in {@code detect}. No step knows the engine or the public call, and no package
 * of core is part of a cycle ({@code CoreArchitectureTests}).
 */
@NullMarked
package dev.guardrails4j.core;

import org.jspecify.annotations.NullMarked;
