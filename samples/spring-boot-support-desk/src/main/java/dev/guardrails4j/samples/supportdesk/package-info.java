/**
 * A small support-desk web application: support staff call an AI assistant over HTTP, and
 * Guardrails4j decides, per user and per action, what may reach the model and what may come back.
 */
@NullMarked
package dev.guardrails4j.samples.supportdesk;

import org.jspecify.annotations.NullMarked;
