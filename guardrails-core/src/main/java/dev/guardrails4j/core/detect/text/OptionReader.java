package dev.guardrails4j.core.detect.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Not API. Reads detector options as they arrive from a policy file (strings, numbers, booleans,
 * lists and maps) and rejects wrong ones with a message that starts with the option's name.
 */
public final class OptionReader {

  private final String detector;
  private final Map<String, Object> options;

  private OptionReader(String detector, Map<String, Object> options) {
    this.detector = detector;
    this.options = options;
  }

  /**
   * Checks that every key is one the detector accepts.
   *
   * @param detector the detector name, for messages
   * @param options the options
   * @param allowed the accepted keys
   * @return a reader over the options
   * @throws IllegalArgumentException naming the first unknown key
   */
  public static OptionReader of(String detector, Map<String, Object> options, Set<String> allowed) {
    for (String key : options.keySet()) {
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException(
            key + ": unknown option for detector " + detector + "; allowed: " + new TreeSet<>(allowed));
      }
    }
    return new OptionReader(detector, options);
  }

  /**
   * Reads {@code types}: a list of type names, each one of {@code known}.
   *
   * @param known every type the detector can report
   * @return the requested types, or {@code known} when the option is absent
   */
  public Set<String> types(Set<String> known) {
    Object value = options.get("types");
    if (value == null) {
      return known;
    }
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalArgumentException(
          "types: expected a non-empty list of type names, got " + describe(value));
    }
    Set<String> types = new LinkedHashSet<>();
    for (Object item : list) {
      if (!(item instanceof String name) || !known.contains(name)) {
        throw new IllegalArgumentException(
            "types: unknown type " + describe(item) + " for detector " + detector + "; known: "
                + new TreeSet<>(known));
      }
      types.add(name);
    }
    return Set.copyOf(types);
  }

  /**
   * Reads a required string.
   *
   * @param key option name
   * @return the value
   */
  public String requiredString(String key) {
    Object value = options.get(key);
    if (value == null) {
      throw new IllegalArgumentException(key + ": required for detector " + detector);
    }
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException(key + ": expected a string, got " + describe(value));
    }
    return s;
  }

  /**
   * Reads an optional string.
   *
   * @param key option name
   * @param fallback value when absent
   * @return the value
   */
  public String string(String key, String fallback) {
    Object value = options.get(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException(key + ": expected a string, got " + describe(value));
    }
    return s;
  }

  /**
   * Reads an optional boolean.
   *
   * @param key option name
   * @param fallback value when absent
   * @return the value
   */
  public boolean bool(String key, boolean fallback) {
    Object value = options.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      String lower = s.toLowerCase(Locale.ROOT);
      if (lower.equals("true") || lower.equals("false")) {
        return Boolean.parseBoolean(lower);
      }
    }
    throw new IllegalArgumentException(key + ": expected true or false, got " + describe(value));
  }

  /**
   * Reads an optional score between 0 and 1.
   *
   * @param key option name
   * @param fallback value when absent
   * @return the value
   */
  public double score(String key, double fallback) {
    Object value = options.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number number) {
      double d = number.doubleValue();
      if (d >= 0.0 && d <= 1.0) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        key + ": expected a number between 0 and 1, got " + describe(value));
  }

  /**
   * Describes a value for an error message without echoing long input.
   *
   * @param value a value
   * @return a short description
   */
  public static String describe(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    String text = value instanceof String s ? '"' + s + '"' : String.valueOf(value);
    if (value instanceof List<?> list) {
      text = new ArrayList<>(list).toString();
    }
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
