package dev.guardrails4j.core.hardening;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A detector that fails in the ways real detectors do, chosen with the option {@code fault}:
 * {@code throw} (an exception whose message quotes the text, as careless code does),
 * {@code null} (returns null), {@code stack} (overflows the stack), {@code out-of-range} (a
 * finding that ends past the text), {@code error} (an {@link AssertionError}).
 */
final class FaultyDetectorFactory implements DetectorFactory {

  @Override
  public String name() {
    return "faulty";
  }

  @Override
  public Set<String> options() {
    return Set.of("fault");
  }

  @Override
  public Detector create(Map<String, Object> options) {
    String fault = String.valueOf(options.get("fault"));
    if (!Set.of("throw", "null", "stack", "out-of-range", "error").contains(fault)) {
      throw new IllegalArgumentException("fault: expected throw, null, stack, out-of-range or error, got " + fault);
    }
    return new Detector() {
      @Override
      public String name() {
        return "faulty";
      }

      @Override
      public Set<String> types() {
        return Set.of("FAULT");
      }

      @Override
      public List<Finding> detect(String text) {
        return switch (fault) {
          case "throw" -> throw new IllegalStateException("cannot scan: " + text);
          case "null" -> nothing();
          case "stack" -> recurse(text, 0);
          case "out-of-range" -> List.of(Finding.of("faulty", "FAULT", 0, text.length() + 5, 1.0));
          default -> throw new AssertionError("detector invariant broken for: " + text);
        };
      }
    };
  }

  private static List<Finding> nothing() {
    return null;
  }

  private static List<Finding> recurse(String text, int depth) {
    if (depth < 0) {
      return List.of();
    }
    return recurse(text, depth + 1);
  }
}
