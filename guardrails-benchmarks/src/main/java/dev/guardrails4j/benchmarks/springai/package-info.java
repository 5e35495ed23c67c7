/** JMH benchmarks of the Spring AI adapter: a guarded versus a bare {@code ChatClient} call. */
@NullMarked
package dev.guardrails4j.benchmarks.springai;

import org.jspecify.annotations.NullMarked;
