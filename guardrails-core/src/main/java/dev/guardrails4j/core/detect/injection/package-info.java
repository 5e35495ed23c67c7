/**
 * The {@code prompt-injection} detector family: instruction override, jailbreak personas and
 * modes, system prompt extraction, encoded payloads and many-shot turns, scored from a lexicon of
 * word classes and proximity rules over a normalised copy of the text.
 *
 * <p>The entry point is {@link
 * dev.guardrails4j.core.detect.injection.PromptInjectionDetectorFactory}; everything else is
 * package-private. The family never calls a model or the network and never logs. A finding holds a
 * type, a span and a score, never the text or what was decoded from it. Decoded payloads and
 * reassembled fragments are scanned again at most two levels deep.
 */
@NullMarked
package dev.guardrails4j.core.detect.injection;

import org.jspecify.annotations.NullMarked;
