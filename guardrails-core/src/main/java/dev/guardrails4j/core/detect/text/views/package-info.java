/**
 * Not API. The views of a text that every detector family also scans, so that a value a human
 * still reads at a glance cannot hide from a pattern: {@link
 * dev.guardrails4j.core.detect.text.views.SharedViews} computes them once per text (lazily, and not
 * at all for a plain text) and hands them to each detector of a call; each view is a {@link
 * dev.guardrails4j.core.detect.text.views.TextView}, a derived text with a map from every one of its
 * characters back to a span of the original, so that findings point into the original text and
 * redaction removes the whole disguised value.
 *
 * <p>The views: <em>clean</em> (control and default-ignorable characters inside words dropped, NFKC,
 * a confusables skeleton for look-alike letters in words that also hold Latin letters or digits,
 * inline markup inside values stripped, a token broken over two lines joined), <em>digits</em>
 * (separators between digit groups bridged; only validated card, IBAN and phone findings are kept
 * from it), <em>decoded</em> (URL, HTML-entity, {@code \\u}/{@code \\x}, quoted-printable, hex,
 * base64 and tag-character runs decoded, bounded in size and depth) and <em>word splits</em>
 * (CamelCase, underscore and run-together words split, for the injection rules).
 *
 * <p>Types are public only because Java has no visibility between packages of one module; they may
 * change or disappear in any release, and applications must not use them. This package uses no
 * detector family and never logs.
 */
@NullMarked
package dev.guardrails4j.core.detect.text.views;

import org.jspecify.annotations.NullMarked;
