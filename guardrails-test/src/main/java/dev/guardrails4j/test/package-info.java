/**
 * The Guardrails4j test kit for applications' own tests: AssertJ assertions for decisions
 * ({@link dev.guardrails4j.test.GuardrailsAssertions}), policy test files as JUnit dynamic tests
 * ({@link dev.guardrails4j.test.PolicyTests}), a listener that records decisions and audit events
 * ({@link dev.guardrails4j.test.RecordingDecisionListener}), a scripted in-memory model
 * ({@link dev.guardrails4j.test.ScriptedModel}), a local OpenAI-compatible server with scripted
 * replies for tests of the real HTTP path ({@link dev.guardrails4j.test.OpenAiStubServer}) and
 * ArchUnit rules that keep model calls guarded ({@link dev.guardrails4j.test.GuardrailsArchRules}).
 */
@NullMarked
package dev.guardrails4j.test;

import org.jspecify.annotations.NullMarked;
