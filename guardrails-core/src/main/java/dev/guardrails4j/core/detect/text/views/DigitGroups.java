package dev.guardrails4j.core.detect.text.views;

import org.jspecify.annotations.Nullable;

/**
 * The digits view: a number written in groups with separators no recognizer expects (tab, line
 * break, {@code /}, {@code _}, {@code ,}, parentheses) is written again without them, so that card,
 * IBAN and phone recognizers, which validate what they find (Luhn, mod 97, numbering plans), can
 * read it. A sequence is bridged only when it has at least three groups of at most six letters or
 * digits (all but the first of at least two), at least ten digits, at least one such unusual separator, and the same separators between
 * every pair of groups after the first (so a list such as {@code 1,204, 2,118} is not one number).
 * Findings of other types from this view are not kept (see {@link SharedViews}).
 */
final class DigitGroups {

  private static final int MAX_GROUP = 6;
  private static final int MAX_SEPARATOR = 3;
  private static final int MIN_DIGITS = 10;
  private static final int MAX_LETTERS = 8;
  /** An IBAN has at most nine groups; capping the scan keeps the view linear in the text. */
  private static final int MAX_GROUPS = 12;

  private DigitGroups() {}

  static @Nullable TextView of(String s) {
    int n = s.length();
    ViewBuilder out = new ViewBuilder(s, null);
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      boolean paren = c == '(' && i + 1 < n && isDigit(s.charAt(i + 1));
      boolean start = (paren || isDigit(c) || isUpper(c)
          || c == '+' && i + 1 < n && isDigit(s.charAt(i + 1)))
          && (i == 0 || !CleanView.isAsciiAlnum(s.charAt(i - 1)));
      int from = paren ? i + 1 : i;
      int end = start ? sequenceEnd(s, from) : -1;
      if (end < 0) {
        out.add(c, i, i + 1);
        i++;
        continue;
      }
      if (paren && end < n && s.charAt(end) == ')') {
        end++; // (4539)(1488)(0343)(6467) loses its outer parentheses too
      }
      out.changed();
      for (int k = from; k < end; k++) {
        char d = s.charAt(k);
        if (CleanView.isAsciiAlnum(d) || d == '+' && k == from) {
          out.add(d, k, k + 1);
        }
      }
      i = end;
    }
    return out.build();
  }

  /** Where a bridged sequence starting at i ends, or -1 if none starts there. */
  private static int sequenceEnd(String s, int i) {
    int n = s.length();
    int p = s.charAt(i) == '+' ? i + 1 : i;
    int groups = 0;
    int digits = 0;
    int letters = 0;
    boolean unusual = false;
    String separator = null;
    int end = -1;
    int lastGroupEnd = -1;
    while (p < n) {
      int g = p;
      while (p < n && (isDigit(s.charAt(p)) || isUpper(s.charAt(p))) && p - g <= MAX_GROUP) {
        if (isDigit(s.charAt(p))) {
          digits++;
        } else {
          letters++;
        }
        p++;
      }
      if (p == g || p - g > MAX_GROUP || p < n && CleanView.isAsciiAlnum(s.charAt(p))
          || groups > 0 && p - g < 2) {
        break;
      }
      groups++;
      lastGroupEnd = p;
      if (groups > MAX_GROUPS) {
        return -1;
      }
      int sepStart = p;
      while (p < n && p - sepStart <= MAX_SEPARATOR && isSeparator(s.charAt(p))) {
        p++;
      }
      if (p == sepStart || p - sepStart > MAX_SEPARATOR || p >= n
          || !(isDigit(s.charAt(p)) || isUpper(s.charAt(p)))) {
        break;
      }
      String sep = signature(s, sepStart, p);
      if (groups >= 2 && separator != null && !separator.equals(sep)) {
        break;
      }
      if (groups >= 2 || separator == null) {
        separator = groups >= 2 ? sep : null;
      }
      // the first separator may differ (+1 (415)...); the repeated one must be unusual
      unusual |= groups >= 2 && isUnusual(sep);
    }
    end = lastGroupEnd;
    if (groups >= 3 && digits >= MIN_DIGITS && letters <= MAX_LETTERS && unusual) {
      return end;
    }
    return -1;
  }

  /** The separator; around parentheses without spaces, so {@code ") ("} and {@code ")("} agree. */
  private static String signature(String s, int from, int to) {
    String sep = s.substring(from, to);
    if (sep.indexOf('(') < 0 && sep.indexOf(')') < 0) {
      return sep;
    }
    return sep.replace(" ", "");
  }

  private static boolean isUnusual(String sep) {
    for (int k = 0; k < sep.length(); k++) {
      char c = sep.charAt(k);
      if (c == '\t' || c == '\n' || c == '\r' || c == '/' || c == '_' || c == ',' || c == '('
          || c == ')') {
        return true;
      }
    }
    return false;
  }

  static boolean isSeparator(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' || c == '_' || c == ','
        || c == '(' || c == ')' || c == '.' || c == '-';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }
}
