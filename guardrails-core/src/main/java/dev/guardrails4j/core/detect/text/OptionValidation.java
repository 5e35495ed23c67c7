package dev.guardrails4j.core.detect.text;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Not API. Reads detector options as they arrive from a policy file (strings, numbers, booleans,
 * lists, maps) and rejects wrong values with a message that starts with the option's name.
 */
public final class OptionValidation {

  private OptionValidation() {}

  /** Rejects keys the factory does not know, naming the first one. */
  public static void rejectUnknown(Map<String, Object> options, Set<String> known, String detector) {
    for (String key : options.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            key + ": unknown option for detector " + detector + "; known options: "
                + new TreeSet<>(known));
      }
    }
  }

  /**
   * A whole number in [min, max], or the default when the key is absent.
   */
  public static int wholeNumber(Map<String, Object> options, String key, int defaultValue, int min,
      int max) {
    if (!options.containsKey(key)) {
      return defaultValue;
    }
    Object value = options.get(key);
    long parsed;
    if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      parsed = ((Number) value).longValue();
    } else if (value instanceof BigInteger big && big.bitLength() < 63) {
      parsed = big.longValue();
    } else {
      throw new IllegalArgumentException(
          key + ": expected a whole number between " + min + " and " + max + ", got "
              + describe(value));
    }
    if (parsed < min || parsed > max) {
      throw new IllegalArgumentException(
          key + ": expected a whole number between " + min + " and " + max + ", got " + parsed);
    }
    return (int) parsed;
  }

  /** A boolean, or the default when the key is absent. */
  public static boolean bool(Map<String, Object> options, String key, boolean defaultValue) {
    if (!options.containsKey(key)) {
      return defaultValue;
    }
    Object value = options.get(key);
    if (value instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException(key + ": expected true or false, got " + describe(value));
  }

  /**
   * A list of non-blank strings; a single string counts as a list of one. Absent means empty.
   */
  public static List<String> strings(Map<String, Object> options, String key, String what) {
    if (!options.containsKey(key)) {
      return List.of();
    }
    Object value = options.get(key);
    if (value instanceof String s) {
      if (s.isBlank()) {
        throw new IllegalArgumentException(key + ": expected " + what + ", got a blank string");
      }
      return List.of(s.strip());
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(key + ": expected " + what + ", got " + describe(value));
    }
    List<String> out = new ArrayList<>(list.size());
    for (Object item : list) {
      if (!(item instanceof String s) || s.isBlank()) {
        throw new IllegalArgumentException(
            key + ": expected " + what + ", got the element " + describe(item));
      }
      out.add(s.strip());
    }
    return List.copyOf(out);
  }

  /**
   * The {@code types} option: a non-empty list of names out of {@code known}; absent means all.
   */
  public static Set<String> types(Map<String, Object> options, String detector, Set<String> known) {
    if (!options.containsKey("types")) {
      return known;
    }
    List<String> names = strings(options, "types", "a list of finding types");
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          "types: expected at least one type for detector " + detector + " out of "
              + new TreeSet<>(known));
    }
    Set<String> out = new LinkedHashSet<>();
    for (String name : names) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "types: unknown type " + name + " for detector " + detector + "; known types: "
                + new TreeSet<>(known));
      }
      out.add(name);
    }
    return Set.copyOf(out);
  }

  /** A short, content-free description of a wrong value for error messages. */
  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "\"" + s + "\"";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    if (value instanceof Map<?, ?>) {
      return "a map";
    }
    return "a " + value.getClass().getSimpleName();
  }
}
