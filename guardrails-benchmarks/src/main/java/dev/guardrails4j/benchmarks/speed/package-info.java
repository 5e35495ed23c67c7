/**
 * JMH benchmarks of the engine's speed: access decisions, detectors, and side-by-side comparisons
 * with the code teams write without Guardrails4j (a word-list loop, a regex set, CEL rules).
 */
@NullMarked
package dev.guardrails4j.benchmarks.speed;

import org.jspecify.annotations.NullMarked;
