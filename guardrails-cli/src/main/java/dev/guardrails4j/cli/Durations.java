package dev.guardrails4j.cli;

import java.time.Duration;

/** Short durations as the policy files write them ({@code 30m}, {@code 2h}). */
final class Durations {

  private Durations() {}

  static String format(Duration d) {
    long s = d.getSeconds();
    if (s % 86400 == 0) {
      return s / 86400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
