/**
 * Extension points: custom {@link dev.guardrails4j.api.spi.Detector}s and their factories, how the
 * caller is resolved, where decisions and audit events go, and where policies come from.
 */
@NullMarked
package dev.guardrails4j.api.spi;

import org.jspecify.annotations.NullMarked;
