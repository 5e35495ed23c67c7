/**
 * The {@code guardrails} command-line tool: {@code validate} policy files, run policy
 * {@code test} files, {@code scan} JSON Lines with detectors, {@code explain} how policies decide
 * one invocation, and print the policy file {@code schema} for editors.
 */
@NullMarked
package dev.guardrails4j.cli;

import org.jspecify.annotations.NullMarked;
