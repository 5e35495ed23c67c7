package dev.guardrails4j.core.detect.text.views;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The word-split view, for keyword rules: words joined into one token are split again, so that
 * {@code IgnoreAllPreviousInstructions}, {@code ignore_all_previous} and
 * {@code ignoreallpreviousinstructions} read like the phrase. A CamelCase run is split at its
 * humps when it has at least three; a run of underscores or hyphens between letters becomes
 * spaces; a run-together lower-case word of at least {@link #MIN_JOINED} letters is split when it
 * is made entirely of dictionary words (at least three of them, the fewest that cover it), so
 * ordinary long words stay whole. (Soft hyphens are dropped by the clean view and by the keyword
 * normaliser.)
 */
final class WordSplits {

  static final int MIN_JOINED = 14;
  private static final int MAX_JOINED = 96;
  private static final int MAX_WORD = 16;

  private WordSplits() {}

  /** Whether a text has a run this view would split (the trigger, without building the view). */
  static boolean splits(String s, Set<String> dictionary) {
    return build(s, dictionary, false) != null;
  }

  static @Nullable TextView of(String s, Set<String> dictionary) {
    return build(s, dictionary, true);
  }

  private static @Nullable TextView build(String s, Set<String> dictionary, boolean emit) {
    int n = s.length();
    ViewBuilder out = emit ? new ViewBuilder(s, null) : null;
    boolean changed = false;
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (!isAsciiLetter(c) || i > 0 && (CleanView.isAsciiAlnum(s.charAt(i - 1)))) {
        if (out != null) {
          out.add(c, i, i + 1);
        }
        i++;
        continue;
      }
      int end = i;
      int humps = 0;
      boolean joiners = false;
      while (end < n && (isAsciiLetter(s.charAt(end)) || isJoiner(s, end))) {
        char e = s.charAt(end);
        if (end > i && Character.isUpperCase(e) && Character.isLowerCase(s.charAt(end - 1))) {
          humps++;
        }
        joiners |= isJoiner(s, end);
        end++;
      }
      if (end < n && Character.isDigit(s.charAt(end))) {
        // part of an identifier or a token: leave it
        if (out != null) {
          out.copy(s, i, end);
        }
        i = end;
        continue;
      }
      boolean split = false;
      if (humps >= 2) {
        split = true;
        if (out != null) {
          for (int k = i; k < end; k++) {
            char e = s.charAt(k);
            if (isJoiner(s, k)) {
              out.add(' ', k, k + 1);
            } else {
              if (k > i && Character.isUpperCase(e) && Character.isLowerCase(s.charAt(k - 1))) {
                out.add(' ', k, k);
              }
              out.add(e, k, k + 1);
            }
          }
        }
      } else if (!joiners && end - i >= MIN_JOINED && end - i <= MAX_JOINED) {
        int[] cuts = segment(s, i, end, dictionary);
        if (cuts != null) {
          split = true;
          if (out != null) {
            int ci = 0;
            for (int k = i; k < end; k++) {
              if (ci < cuts.length && cuts[ci] == k) {
                out.add(' ', k, k);
                ci++;
              }
              out.add(s.charAt(k), k, k + 1);
            }
          }
        }
      }
      if (split) {
        changed = true;
      } else if (out != null) {
        out.copy(s, i, end);
      }
      i = end;
    }
    if (!changed) {
      return null;
    }
    if (out == null) {
      return new TextView("", new int[0], new int[0]);
    }
    out.changed();
    return out.build();
  }

  private static int countWords(String s, int from, int to) {
    int words = 1;
    for (int k = from; k < to; k++) {
      if (isJoiner(s, k)) {
        words++;
      }
    }
    return words;
  }

  /** An underscore or hyphen between two letters. */
  private static boolean isJoiner(String s, int k) {
    char c = s.charAt(k);
    return (c == '_' || c == '-') && k > 0 && k + 1 < s.length()
        && isAsciiLetter(s.charAt(k - 1)) && isAsciiLetter(s.charAt(k + 1));
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  /**
   * Cut points (indexes where a new word starts, after the first) of the segmentation of {@code
   * [from, to)} into the fewest dictionary words, or null if there is none with at least three.
   */
  static int @Nullable [] segment(String s, int from, int to, Set<String> dictionary) {
    int len = to - from;
    String lower = s.substring(from, to).toLowerCase(java.util.Locale.ROOT);
    int[] best = new int[len + 1];
    int[] back = new int[len + 1];
    java.util.Arrays.fill(best, Integer.MAX_VALUE);
    best[0] = 0;
    for (int e = 1; e <= len; e++) {
      for (int b = Math.max(0, e - MAX_WORD); b < e; b++) {
        if (best[b] != Integer.MAX_VALUE && best[b] + 1 < best[e]
            && dictionary.contains(lower.substring(b, e))) {
          best[e] = best[b] + 1;
          back[e] = b;
        }
      }
    }
    if (best[len] == Integer.MAX_VALUE || best[len] < 3) {
      return null;
    }
    int[] cuts = new int[best[len] - 1];
    int e = len;
    for (int k = cuts.length - 1; k >= 0; k--) {
      e = back[e];
      cuts[k] = from + e;
    }
    return cuts;
  }
}
