package dev.guardrails4j.semantic;

import dev.guardrails4j.core.detect.text.OptionReader;
import java.util.Map;

/** Option reading the core's {@link OptionReader} has no method for. */
final class Options {

  private Options() {}

  /** Reads an optional whole number in [min, max]; the message starts with the key. */
  static int integer(Map<String, Object> options, String key, int fallback, int min, int max) {
    Object value = options.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        && n.doubleValue() >= min && n.doubleValue() <= max) {
      return n.intValue();
    }
    throw new IllegalArgumentException(key + ": expected a whole number from " + min + " to " + max
        + ", got " + OptionReader.describe(value));
  }
}
