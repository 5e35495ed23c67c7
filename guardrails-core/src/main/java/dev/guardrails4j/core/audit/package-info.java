/**
 * Audit: one structured JSON event per guarded call through SLF4J (logger
 * {@value dev.guardrails4j.core.audit.Slf4jAuditListener#LOGGER_NAME}), and content fingerprints.
 */
@NullMarked
package dev.guardrails4j.core.audit;

import org.jspecify.annotations.NullMarked;
