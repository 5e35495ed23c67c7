package dev.guardrails4j.api;

import java.util.Locale;

/** What a policy does with a finding. */
public enum FindingAction {
  /** The call fails with a violation. */
  BLOCK,
  /** The span is replaced by a typed placeholder. */
  REDACT,
  /** Recorded only. */
  MONITOR;

  /**
   * Parses {@code block}, {@code redact} or {@code monitor}, ignoring case.
   *
   * @param text the text
   * @return the action
   * @throws IllegalArgumentException for anything else
   */
  public static FindingAction parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "block" -> BLOCK;
      case "redact" -> REDACT;
      case "monitor" -> MONITOR;
      default -> throw new IllegalArgumentException(
          "action must be one of block, redact, monitor; got '" + text + "'");
    };
  }
}
