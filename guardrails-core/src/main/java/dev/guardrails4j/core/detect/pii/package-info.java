/**
 * The {@code pii} detector family: structured personal identifiers (e-mail addresses, phone
 * numbers, payment card numbers, IBANs, US social security numbers, IP addresses), reported with
 * Microsoft Presidio's type names. Card numbers must pass the Luhn check and match an issuer's
 * range; IBANs must pass the mod-97 check for a registered country's length.
 *
 * <p>The entry point is {@link dev.guardrails4j.core.detect.pii.PiiDetectorFactory}; everything else
 * is package-private. The family never logs, never returns a matched value (a finding holds a
 * type, a span and a score), and scans a text that needs no folding as it is, without a copy.
 */
@NullMarked
package dev.guardrails4j.core.detect.pii;

import org.jspecify.annotations.NullMarked;
