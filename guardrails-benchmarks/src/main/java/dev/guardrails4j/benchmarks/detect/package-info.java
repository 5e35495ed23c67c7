/** JMH benchmarks of single detectors on prompts of a few sizes. */
@NullMarked
package dev.guardrails4j.benchmarks.detect;

import org.jspecify.annotations.NullMarked;
