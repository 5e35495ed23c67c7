package dev.guardrails4j.core.policy;

import dev.guardrails4j.core.internal.PositionedNode.Kind;
import dev.guardrails4j.core.internal.PositionedNode;
import dev.guardrails4j.core.limit.LimitRule;
import dev.guardrails4j.core.match.Glob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Typed readers over positioned YAML nodes for {@link PolicyParser}: each reads one field as a
 * duration, number, boolean, text, list of names, list of globs or enumerated value, and on a
 * wrong value records a problem with the file, line, column and field path instead of throwing,
 * so one parse reports every problem of a file at once.
 */
abstract class PolicyFields {

  /** Every problem found so far, in the order found. */
  final List<PolicyProblem> problems = new ArrayList<>();

  /** The name of the file being read. */
  String file = "";

  @Nullable Duration duration(@Nullable PositionedNode n, String path) {
    if (n == null) {
      return null;
    }
    try {
      return LimitRule.parseDuration(n.text());
    } catch (IllegalArgumentException e) {
      problem(n, path, e.getMessage());
      return null;
    }
  }

  double number(PositionedNode map, String key, String path, double fallback) {
    PositionedNode n = map.map().get(key);
    if (n == null) {
      return fallback;
    }
    if (n.kind() != Kind.NUMBER) {
      problem(n, path, "expected a number, got '" + n.text() + "'");
      return fallback;
    }
    return ((Number) n.scalar()).doubleValue();
  }

  boolean bool(PositionedNode map, String key, String path, boolean fallback) {
    PositionedNode n = map.map().get(key);
    if (n == null) {
      return fallback;
    }
    if (n.kind() != Kind.BOOLEAN) {
      problem(n, path, "expected true or false, got '" + n.text() + "'");
      return fallback;
    }
    return (Boolean) n.scalar();
  }

  String string(PositionedNode map, String key, String path, String fallback) {
    PositionedNode n = map.map().get(key);
    if (n == null) {
      return fallback;
    }
    if (n.kind() != Kind.STRING) {
      problem(n, path, "expected text, got " + n.describe()
          + (n.kind() == Kind.BOOLEAN ? " (YAML reads yes/no/on/off/true/false as booleans: quote the text)" : ""));
      return fallback;
    }
    return n.text();
  }

  List<String> strings(@Nullable PositionedNode n, String path) {
    if (n == null) {
      return List.of();
    }
    if (n.isScalar()) {
      return List.of(n.text());
    }
    if (n.kind() != Kind.LIST) {
      problem(n, path, "expected a name or a list of names");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (PositionedNode e : n.list()) {
      if (!e.isScalar() || e.text().isBlank()) {
        problem(e, path, "expected a non-empty name");
      } else {
        out.add(e.text());
      }
    }
    return out;
  }

  List<Glob> globs(@Nullable PositionedNode n, String path, Function<String, Glob> compile) {
    if (n == null) {
      return List.of();
    }
    List<PositionedNode> items = n.isScalar() ? List.of(n) : n.kind() == Kind.LIST ? n.list() : null;
    if (items == null) {
      problem(n, path, "expected a glob or a list of globs");
      return List.of();
    }
    if (items.isEmpty()) {
      problem(n, path, "an empty list matches nothing; remove the selector to match everything");
      return List.of();
    }
    List<Glob> out = new ArrayList<>();
    for (PositionedNode e : items) {
      if (!e.isScalar()) {
        problem(e, path, "expected a glob");
        continue;
      }
      try {
        out.add(compile.apply(e.text()));
      } catch (IllegalArgumentException ex) {
        problem(e, path, ex.getMessage());
      }
    }
    return out;
  }

  <T> T enumValue(PositionedNode map, String key, String path, Function<String, T> parse, T fallback) {
    PositionedNode n = map.map().get(key);
    if (n == null) {
      return fallback;
    }
    if (!n.isScalar()) {
      problem(n, path, "expected a single value");
      return fallback;
    }
    try {
      return parse.apply(n.text().trim().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problem(n, path, e.getMessage());
      return fallback;
    }
  }

  void problem(@Nullable PositionedNode n, String field, String message) {
    problems.add(new PolicyProblem(file, n == null ? 0 : n.line(), n == null ? 0 : n.column(), field, message));
  }
}
