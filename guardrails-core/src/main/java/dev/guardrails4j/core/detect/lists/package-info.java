/**
 * The detector families that the policy author configures: {@code deny-list} (every occurrence of
 * a list of terms, folded and matched in one pass) and {@code pattern} (a custom entity type
 * defined by an RE2 regular expression, optionally checked with Luhn or mod 97).
 *
 * <p>The entry points are {@link dev.guardrails4j.core.detect.lists.DenyListDetectorFactory} and
 * {@link dev.guardrails4j.core.detect.lists.PatternDetectorFactory}; everything else is
 * package-private. These detectors never log and never return a matched value; a {@code
 * terms-file} is read once, when the detector is created, and patterns run on RE2/J, in time
 * linear in the text.
 */
@NullMarked
package dev.guardrails4j.core.detect.lists;

import org.jspecify.annotations.NullMarked;
