/**
 * The {@code guardrails} command-line tool: {@code validate} policy files, run policy
 * {@code test} files, {@code scan} JSON Lines with detectors, {@code explain} how policies decide
 * one invocation, print the policy file {@code schema} for editors, and build the fleet map of
 * where AI runs from {@code inventory} events in log files.
 */
@NullMarked
package dev.guardrails4j.cli;

import org.jspecify.annotations.NullMarked;
