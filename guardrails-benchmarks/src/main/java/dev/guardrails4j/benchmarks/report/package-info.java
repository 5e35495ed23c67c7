/**
 * Turns JMH's JSON results into {@code docs/benchmarks.md}: tables, ratios and the budget check.
 */
@NullMarked
package dev.guardrails4j.benchmarks.report;

import org.jspecify.annotations.NullMarked;
