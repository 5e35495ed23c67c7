package dev.guardrails4j.core.policy;

import java.util.Objects;

/**
 * A compiled glob. {@code *} matches any run of characters except, in path mode, {@code '/'};
 * {@code **} matches any run including {@code '/'}; {@code ?} matches one character (not
 * {@code '/'} in path mode). Matching is case-sensitive and runs in O(n·m) worst case with no
 * recursion, and O(n) for the common shapes (exact, prefix, suffix), which are special-cased.
 */
public final class Glob {

  private enum Shape { ANY, EXACT, PREFIX, SUFFIX, GENERAL }

  private final String pattern;
  private final boolean pathMode;
  private final Shape shape;
  private final String literal;

  private Glob(String pattern, boolean pathMode) {
    this.pattern = pattern;
    this.pathMode = pathMode;
    int stars = count(pattern, '*');
    boolean hasQ = pattern.indexOf('?') >= 0;
    if (pattern.equals("*") && !pathMode || pattern.equals("**")) {
      shape = Shape.ANY;
      literal = "";
    } else if (stars == 0 && !hasQ) {
      shape = Shape.EXACT;
      literal = pattern;
    } else if (!hasQ && stars == 1 && pattern.endsWith("*") && !pathMode) {
      shape = Shape.PREFIX;
      literal = pattern.substring(0, pattern.length() - 1);
    } else if (!hasQ && pattern.endsWith("**") && count(pattern, '*') == 2 && pathMode) {
      shape = Shape.PREFIX;
      literal = pattern.substring(0, pattern.length() - 2);
    } else if (!hasQ && stars == 1 && pattern.startsWith("*") && !pathMode) {
      shape = Shape.SUFFIX;
      literal = pattern.substring(1);
    } else {
      shape = Shape.GENERAL;
      literal = "";
    }
  }

  /**
   * Compiles a glob where {@code *} matches anything (model names, actions, labels, subjects).
   *
   * @param pattern the glob
   * @return the glob
   * @throws IllegalArgumentException if the glob is blank or has three or more stars in a row
   */
  public static Glob of(String pattern) {
    return new Glob(validate(pattern), false);
  }

  /**
   * Compiles a path glob where {@code *} stays inside one {@code /}-separated segment and
   * {@code **} crosses segments (workload identities such as SPIFFE IDs).
   *
   * @param pattern the glob
   * @return the glob
   * @throws IllegalArgumentException if the glob is blank or has three or more stars in a row
   */
  public static Glob ofPath(String pattern) {
    return new Glob(validate(pattern), true);
  }

  private static String validate(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    if (pattern.isBlank()) {
      throw new IllegalArgumentException("a glob must not be blank");
    }
    if (pattern.contains("***")) {
      throw new IllegalArgumentException(
          "glob '" + pattern + "' has '***'; use '*' within a segment or '**' across segments");
    }
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException("glob '" + pattern + "' contains a control character");
      }
    }
    return pattern;
  }

  /**
   * Whether the glob has no wildcard.
   *
   * @return true for an exact name
   */
  public boolean isLiteral() {
    return shape == Shape.EXACT;
  }

  /**
   * The glob as written.
   *
   * @return the pattern
   */
  public String pattern() {
    return pattern;
  }

  /**
   * Matches a text.
   *
   * @param text the text
   * @return true if the whole text matches
   */
  public boolean matches(String text) {
    switch (shape) {
      case ANY:
        return true;
      case EXACT:
        return literal.equals(text);
      case PREFIX:
        return text.startsWith(literal);
      case SUFFIX:
        return text.endsWith(literal);
      default:
        return general(text);
    }
  }

  /*
   * Iterative matching with one backtrack point per star kind. For path mode, '*' may not cross
   * '/', which makes the classic single-backtrack algorithm incomplete when '*' and '**' mix, so
   * path mode uses a small dynamic programme over the pattern instead (O(n·m), bounded by the short
   * pattern).
   */
  private boolean general(String text) {
    int n = text.length();
    int m = pattern.length();
    boolean[] prev = new boolean[n + 1];
    boolean[] cur = new boolean[n + 1];
    prev[0] = true;
    int pi = 0;
    while (pi < m) {
      char pc = pattern.charAt(pi);
      boolean doubleStar = pc == '*' && pi + 1 < m && pattern.charAt(pi + 1) == '*';
      java.util.Arrays.fill(cur, false);
      if (pc == '*') {
        boolean crossesSlash = !pathMode || doubleStar;
        boolean reach = false;
        for (int i = 0; i <= n; i++) {
          if (i > 0 && !crossesSlash && text.charAt(i - 1) == '/') {
            reach = false;
          }
          if (prev[i]) {
            reach = true;
          }
          cur[i] = reach;
        }
        pi += doubleStar ? 2 : 1;
      } else {
        for (int i = 1; i <= n; i++) {
          if (prev[i - 1]) {
            char tc = text.charAt(i - 1);
            cur[i] = pc == '?' ? !(pathMode && tc == '/') : pc == tc;
          }
        }
        pi++;
      }
      boolean[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[n];
  }

  private static int count(String s, char c) {
    int k = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        k++;
      }
    }
    return k;
  }

  @Override
  public String toString() {
    return pattern;
  }
}
