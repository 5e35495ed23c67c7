package dev.guardrails4j.core.match;

import java.util.Objects;

/**
 * A compiled glob. {@code *} matches any run of characters except, in path mode, {@code '/'};
 * {@code **} matches any run including {@code '/'}; {@code ?} matches one character (not
 * {@code '/'} in path mode). Matching is case-sensitive, allocation-free for every glob except
 * path globs that mix {@code **} with other wildcards, and runs in O(n·m) worst case with no
 * recursion; the common shapes (exact, prefix, suffix, one trailing path segment) are O(n).
 */
public final class Glob {

  private enum Shape {
    /** Everything. */
    ANY,
    /** The literal only. */
    EXACT,
    /** The literal, then anything. */
    PREFIX,
    /** The literal, then one path segment ({@code prefix/*} in path mode). */
    SEGMENT,
    /** Anything, then the literal. */
    SUFFIX,
    /** Single-backtrack wildcard matching; in path mode {@code *} never consumes {@code '/'}. */
    WILDCARD,
    /** A path glob mixing {@code **} with other wildcards: a small table over the text. */
    TABLE
  }

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
    } else if (!hasQ && stars == 1 && pattern.endsWith("*") && pathMode) {
      shape = Shape.SEGMENT;
      literal = pattern.substring(0, pattern.length() - 1);
    } else if (!hasQ && stars == 1 && pattern.startsWith("*") && !pathMode) {
      shape = Shape.SUFFIX;
      literal = pattern.substring(1);
    } else if (!pathMode || !pattern.contains("**")) {
      shape = Shape.WILDCARD;
      literal = "";
    } else {
      shape = Shape.TABLE;
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
   * For a path glob, the literal directory every match starts with: the text before the first
   * wildcard, up to and including its last '/' ("spiffe://example.org/ns/a/sa/" for
   * "spiffe://example.org/ns/a/sa/*"); empty when there is none, and always empty for name globs.
   * The policy index files policies under it.
   *
   * @return the literal directory, possibly empty
   */
  public String literalDirectory() {
    if (!pathMode) {
      return "";
    }
    int end = pattern.length();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' || c == '?') {
        end = i;
        break;
      }
    }
    int slash = pattern.lastIndexOf('/', end - 1);
    return slash < 0 ? "" : pattern.substring(0, slash + 1);
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
      case SEGMENT:
        return text.startsWith(literal) && text.indexOf('/', literal.length()) < 0;
      case SUFFIX:
        return text.endsWith(literal);
      case WILDCARD:
        return wildcard(text);
      default:
        return table(text);
    }
  }

  /*
   * The classic iterative matcher with one backtrack point: on a mismatch, the last star takes one
   * more character and matching resumes after it. Only the last star needs remembering, because
   * an earlier star can absorb whatever a later one could. In path mode (no '**' here) a star may
   * not take a '/': each literal '/' of the pattern then pairs with exactly one '/' of the text, so
   * when the last star cannot grow past a '/', no earlier star (all in earlier segments) can help
   * and the text does not match. '**' outside path mode is a plain star. O(n·m) worst case, no
   * allocation.
   */
  private boolean wildcard(String text) {
    int n = text.length();
    int m = pattern.length();
    int t = 0;
    int p = 0;
    int starP = -1;
    int starT = -1;
    while (t < n) {
      char tc = text.charAt(t);
      if (p < m) {
        char pc = pattern.charAt(p);
        if (pc == '*') {
          while (p < m && pattern.charAt(p) == '*') {
            p++;
          }
          starP = p;
          starT = t;
          continue;
        }
        if (pc == '?' ? !(pathMode && tc == '/') : pc == tc) {
          p++;
          t++;
          continue;
        }
      }
      if (starP < 0 || pathMode && text.charAt(starT) == '/') {
        return false;
      }
      starT++;
      t = starT;
      p = starP;
    }
    while (p < m && pattern.charAt(p) == '*') {
      p++;
    }
    return p == m;
  }

  /*
   * Path globs that mix '**' with '*' or '?': the single-backtrack matcher is incomplete there, so
   * a small dynamic programme over the pattern decides (O(n·m), two rows of n + 1 flags).
   */
  boolean table(String text) {
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
