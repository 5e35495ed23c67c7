/**
 * The detector catalogue: {@link dev.guardrails4j.core.detect.DetectorCatalog}, which names the
 * detectors a policy file may use, and {@link dev.guardrails4j.core.detect.BuiltInDetectors}, which
 * lists the built-in ones. Each family of built-in detectors lives in a package of its own below
 * this one ({@code pii}, {@code secrets}, {@code injection}, {@code unicode}, {@code output},
 * {@code lists}) and shares only {@code text}; a family never uses another family, and no family
 * uses this package.
 */
@NullMarked
package dev.guardrails4j.core.detect;

import org.jspecify.annotations.NullMarked;
