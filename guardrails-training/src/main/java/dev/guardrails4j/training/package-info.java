/**
 * Build-time training of the learned scorers that guardrails-core ships as weights resources
 * ({@code TrainInjectionModel}): Tribuo at build time, a dot product in core at run time.
 */
@NullMarked
package dev.guardrails4j.training;

import org.jspecify.annotations.NullMarked;
