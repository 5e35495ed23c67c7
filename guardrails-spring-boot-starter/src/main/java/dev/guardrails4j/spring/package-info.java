/**
 * The Spring Boot starter: auto-configuration of the Guardrails4j engine from {@code guardrails.*}
 * properties, the {@code @GuardedModelCall} aspect, identity from Spring Security, guarded
 * LangChain4j model beans, Micrometer metrics and observations, RFC 9457 problem details for
 * violations, and the {@code guardrails} Actuator endpoint with the inventory of where AI runs.
 */
@NullMarked
package dev.guardrails4j.spring;

import org.jspecify.annotations.NullMarked;
