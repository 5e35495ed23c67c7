/**
 * Not API. What the detector families share: text normalisation with an offset map back to the
 * original ({@link dev.guardrails4j.core.detect.text.TextNormalizer}, {@link
 * dev.guardrails4j.core.detect.text.NormalizedText}), the folded view that undoes invisible,
 * full-width and look-alike characters ({@link dev.guardrails4j.core.detect.text.FoldedText}), the
 * phrase and word automata, ASCII case and character tests, check-digit sums, the list that
 * collects findings, and the readers of detector options.
 *
 * <p>Types are public only because Java has no visibility between packages of one module; they may
 * change or disappear in any release, and applications must not use them. This package uses no
 * detector family and never logs.
 */
@NullMarked
package dev.guardrails4j.core.detect.text;

import org.jspecify.annotations.NullMarked;
