package dev.guardrails4j.api;

import java.util.Locale;

/** Whether a policy's outcome is enforced or only recorded. */
public enum Mode {
  /** Deny and redact for real. */
  ENFORCE,
  /** Record what would have happened, change nothing (shadow mode). */
  MONITOR;

  /**
   * Parses {@code enforce} or {@code monitor}, ignoring case.
   *
   * @param text the text
   * @return the mode
   * @throws IllegalArgumentException for anything else
   */
  public static Mode parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "enforce" -> ENFORCE;
      case "monitor" -> MONITOR;
      default -> throw new IllegalArgumentException(
          "mode must be 'enforce' or 'monitor', got '" + text + "'");
    };
  }
}
