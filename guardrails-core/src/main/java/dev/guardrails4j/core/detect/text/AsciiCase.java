package dev.guardrails4j.core.detect.text;

/**
 * Not API. Case-insensitive comparison of a text region with a lower-case ASCII word that settles
 * the common ASCII case with one comparison per character and falls back to {@link
 * String#regionMatches(boolean, int, String, int, int)} only when the text holds a non-ASCII
 * character there, so the result is always exactly what {@code regionMatches} would say.
 */
public final class AsciiCase {

  private AsciiCase() {}

  /**
   * Whether {@code word} occurs at {@code p} in {@code t}, ignoring case: the same answer as
   * {@code t.regionMatches(true, p, word, 0, word.length())}.
   *
   * @param t text
   * @param p where the word would start
   * @param word a word of lower-case ASCII letters, digits, spaces or punctuation
   * @return true if it occurs there
   */
  public static boolean startsWith(String t, int p, String word) {
    int len = word.length();
    if (p < 0 || p > t.length() - len) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      char c = t.charAt(p + k);
      char w = word.charAt(k);
      if (c == w) {
        continue;
      }
      if (c >= 128) {
        return t.regionMatches(true, p, word, 0, len);
      }
      if (w < 'a' || w > 'z' || (c | 0x20) != w) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code word} starts anywhere in {@code t[from, to - word.length()]}, ignoring case:
   * the same answer as calling {@code regionMatches} at every position.
   *
   * @param t text
   * @param from first position to try
   * @param to the window's end; the word must end at or before it
   * @param word a word of lower-case ASCII letters, starting with a letter
   * @return true if found
   */
  public static boolean occursIn(String t, int from, int to, String word) {
    char first = word.charAt(0);
    for (int p = Math.max(0, from), last = to - word.length(); p <= last; p++) {
      char c = t.charAt(p);
      if ((c < 128 && (c | 0x20) != first) || !startsWith(t, p, word)) {
        continue;
      }
      return true;
    }
    return false;
  }

  /**
   * Whether {@code c} is an ASCII digit, {@code 0} to {@code 9}.
   *
   * @param c a character
   * @return true if it is one
   */
  public static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Whether {@code c} is an ASCII letter, {@code a} to {@code z} in either case.
   *
   * @param c a character
   * @return true if it is one
   */
  public static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /**
   * Whether {@code c} is an ASCII letter or digit.
   *
   * @param c a character
   * @return true if it is one
   */
  public static boolean isAsciiAlnum(char c) {
    return isAsciiDigit(c) || isAsciiLetter(c);
  }
}
