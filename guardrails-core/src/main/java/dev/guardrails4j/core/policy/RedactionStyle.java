package dev.guardrails4j.core.policy;

/** How a redacted span is written. */
public enum RedactionStyle {
  /** A typed, numbered placeholder such as {@code <EMAIL_ADDRESS_1>}, the same for the same value within one call. */
  PLACEHOLDER,
  /** The value's characters replaced by {@code *}, keeping the last four letters or digits. */
  MASK,
  /** A typed hash such as {@code <EMAIL_ADDRESS:3f9a1c2b>}, stable across calls for the same value and salt. */
  HASH,
  /** The span removed. */
  REMOVE
}
