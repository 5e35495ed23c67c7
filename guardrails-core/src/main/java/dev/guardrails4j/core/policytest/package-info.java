/**
 * Policy test files: YAML files that name policy files and list invocations with the verdicts
 * expected in each phase, and the runner that evaluates them on a real engine. The command-line
 * tool ({@code guardrails test}) and the JUnit test kit ({@code PolicyTests}) both use it.
 */
@NullMarked
package dev.guardrails4j.core.policytest;

import org.jspecify.annotations.NullMarked;
