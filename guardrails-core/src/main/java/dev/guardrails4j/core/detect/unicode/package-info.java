/**
 * The {@code invisible-text} detector family: characters a reader cannot see but a model reads.
 * Runs of Unicode tag characters, bidirectional controls, runs of zero-width and other invisible
 * format characters, and variation selectors used in bulk.
 *
 * <p>The entry point is {@link
 * dev.guardrails4j.core.detect.unicode.InvisibleTextDetectorFactory}; everything else is
 * package-private. The scan is one pass over the UTF-16 text and allocates nothing when it finds
 * nothing. The hidden ASCII of tag characters is decoded only to weigh the score; it is never
 * kept, returned or logged.
 */
@NullMarked
package dev.guardrails4j.core.detect.unicode;

import org.jspecify.annotations.NullMarked;
