package dev.guardrails4j.core.detect.pii;

import dev.guardrails4j.core.detect.text.AsciiCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small set of context words ("phone", "call*", "ssn") looked up by their first letter, so a
 * window of text can be searched with one table lookup per word start. A trailing '*' lets the
 * word go on ("calling", "messages"); otherwise it must end there ("tel", not "tell").
 */
final class ContextWords {

  private final String[][] byFirst = new String[26][];
  private final boolean[][] open = new boolean[26][];

  /**
   * Compiles words.
   *
   * @param words lower-case words, each optionally ending in '*'
   */
  ContextWords(String... words) {
    List<List<String>> lists = new ArrayList<>();
    for (int k = 0; k < 26; k++) {
      lists.add(new ArrayList<>());
    }
    for (String w : words) {
      lists.get(w.charAt(0) - 'a').add(w.toLowerCase(Locale.ROOT));
    }
    for (int k = 0; k < 26; k++) {
      List<String> list = lists.get(k);
      byFirst[k] = new String[list.size()];
      open[k] = new boolean[list.size()];
      for (int j = 0; j < list.size(); j++) {
        String w = list.get(j);
        open[k][j] = w.endsWith("*");
        byFirst[k][j] = open[k][j] ? w.substring(0, w.length() - 1) : w;
      }
    }
  }

  /**
   * Whether one of the words starts a word in {@code t[from, to)} (and, unless open, ends there).
   *
   * @param t text
   * @param from window start
   * @param to window end, exclusive
   * @return true if found
   */
  boolean in(String t, int from, int to) {
    for (int p = Math.max(0, from); p < to; p++) {
      char c = t.charAt(p);
      if (!AsciiCase.isAsciiLetter(c)
          || (p > 0 && (AsciiCase.isAsciiAlnum(t.charAt(p - 1)) || t.charAt(p - 1) == '_'))) {
        continue;
      }
      int k = (c | 0x20) - 'a';
      String[] candidates = byFirst[k];
      for (int j = 0; j < candidates.length; j++) {
        String w = candidates[j];
        int len = w.length();
        if (p + len <= to && AsciiCase.startsWith(t, p, w)
            && (open[k][j] || p + len == t.length() || !AsciiCase.isAsciiLetter(t.charAt(p + len)))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether one of the words appears in the window before s, back to the previous digit (context
   * belongs to the nearest number).
   *
   * @param t text
   * @param s where the value starts
   * @param window how far to look back
   * @return true if found
   */
  boolean before(String t, int s, int window) {
    int from = Math.max(0, s - window);
    for (int p = s - 1; p >= from; p--) {
      if (AsciiCase.isAsciiDigit(t.charAt(p))) {
        from = p + 1;
        break;
      }
    }
    return in(t, from, s);
  }
}
