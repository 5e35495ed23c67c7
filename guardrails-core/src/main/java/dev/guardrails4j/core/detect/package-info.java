/**
 * The built-in detectors (PII, secrets, prompt injection, invisible text, deny lists, exfiltration
 * links, output length, JSON schema) and the registry that names them for policy files.
 */
@NullMarked
package dev.guardrails4j.core.detect;

import org.jspecify.annotations.NullMarked;
