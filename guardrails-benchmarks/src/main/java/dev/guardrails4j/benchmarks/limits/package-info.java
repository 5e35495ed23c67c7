/** JMH benchmarks of limit checks: the limiter alone and whole guarded calls with and without limits. */
@NullMarked
package dev.guardrails4j.benchmarks.limits;

import org.jspecify.annotations.NullMarked;
