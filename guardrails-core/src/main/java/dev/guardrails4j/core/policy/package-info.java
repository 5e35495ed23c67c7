/**
 * Policy files: parsing with exact error positions, the compiled and indexed {@link
 * dev.guardrails4j.core.policy.PolicySet}, and sources that reload atomically.
 */
@NullMarked
package dev.guardrails4j.core.policy;

import org.jspecify.annotations.NullMarked;
