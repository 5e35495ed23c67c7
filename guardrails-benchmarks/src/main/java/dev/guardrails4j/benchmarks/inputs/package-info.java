/**
 * Inputs for the speed benchmarks, generated with fixed seeds: realistic prompt text (prose, code,
 * logs, with or without personal data and secrets), policy sets of any size with the same rules
 * written as CEL expressions, and the default detectors and policy the benchmarks share.
 */
@NullMarked
package dev.guardrails4j.benchmarks.inputs;

import org.jspecify.annotations.NullMarked;
