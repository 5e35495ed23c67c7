/**
 * Annotations that mark guarded model calls in application code. They carry no behaviour: the
 * Spring Boot starter's aspect (or another integration) reads them.
 */
@NullMarked
package dev.guardrails4j.api.annotation;

import org.jspecify.annotations.NullMarked;
