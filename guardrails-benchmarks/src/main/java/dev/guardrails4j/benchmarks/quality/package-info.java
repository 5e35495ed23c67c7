/**
 * The detection-quality report: runs the built-in detectors over the labelled evaluation data and
 * an evasion suite derived from it, and writes {@code docs/detection-quality.md}.
 */
@NullMarked
package dev.guardrails4j.benchmarks.quality;

import org.jspecify.annotations.NullMarked;
