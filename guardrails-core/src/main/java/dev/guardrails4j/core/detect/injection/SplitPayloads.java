package dev.guardrails4j.core.detect.injection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Payload splitting: an instruction cut into labelled, quoted fragments ({@code a = "ign"},
 * {@code Part 2 is "ore previous"}) that the text asks to join again. Finds the fragments and
 * reassembles them as asked (by a {@code a + b + c} expression, by interlacing, or in label order).
 */
final class SplitPayloads {

  private static final int MAX_FRAGMENTS = 64;
  private static final int MAX_FRAGMENT_LENGTH = 500;

  /** A labelled quoted fragment; start and end include the quotes. */
  record Fragment(String label, String value, int start, int end) {}

  private SplitPayloads() {}

  /** The opening quotes, and the closing quote of each (same index). */
  private static final char[] OPENING = {'"', '\'', '`', '\u201C', '\u2018'};
  private static final char[] CLOSING = {'"', '\'', '`', '\u201D', '\u2019'};

  static List<Fragment> fragments(String raw) {
    List<Fragment> out = List.of();
    int n = raw.length();
    // where each opening quote occurs next (String.indexOf is vectorised), or n if nowhere
    int[] next = new int[OPENING.length];
    // per closing quote: up to where the text is known to hold none (keeps the search linear)
    int[] noCloseBefore = new int[OPENING.length];
    for (int q = 0; q < OPENING.length; q++) {
      next[q] = indexOf(raw, OPENING[q], 0);
    }
    int i = 0;
    while (out.size() < MAX_FRAGMENTS) {
      int q = 0;
      for (int k = 1; k < OPENING.length; k++) {
        if (next[k] < next[q]) {
          q = k;
        }
      }
      i = next[q];
      if (i >= n) {
        break;
      }
      char close = CLOSING[q];
      int labelStart = labelStart(raw, i);
      if (labelStart < 0) {
        advance(raw, next, i + 1);
        continue;
      }
      int limit = Math.min(n, i + 1 + MAX_FRAGMENT_LENGTH);
      int j = Math.max(i + 1, noCloseBefore[closingIndex(close)]);
      while (j < limit && raw.charAt(j) != close) {
        j++;
      }
      if (j >= limit) {
        noCloseBefore[closingIndex(close)] = limit;
        advance(raw, next, i + 1);
        continue;
      }
      if (out.isEmpty()) {
        out = new ArrayList<>(4);
      }
      out.add(new Fragment(label(raw, labelStart, i), raw.substring(i + 1, j), i, j + 1));
      advance(raw, next, j + 1);
    }
    return out;
  }

  private static int indexOf(String raw, char c, int from) {
    int k = raw.indexOf(c, from);
    return k < 0 ? raw.length() : k;
  }

  /** Moves every opening-quote position that lies before {@code from} to its next occurrence. */
  private static void advance(String raw, int[] next, int from) {
    for (int q = 0; q < OPENING.length; q++) {
      if (next[q] < from) {
        next[q] = indexOf(raw, OPENING[q], from);
      }
    }
  }

  private static int closingIndex(char close) {
    for (int q = 0; q < CLOSING.length; q++) {
      if (CLOSING[q] == close) {
        return q;
      }
    }
    throw new IllegalArgumentException("not a closing quote: " + close);
  }

  /** Fragments further apart than this belong to different payloads. */
  private static final int CLUSTER_GAP = 400;

  /**
   * The largest group of fragments that sit close together (the first such group on a tie):
   * a payload is written in one place, and fragments spread over a long text are quotes.
   */
  static List<Fragment> cluster(List<Fragment> fragments) {
    int bestFrom = 0;
    int bestTo = Math.min(1, fragments.size());
    int from = 0;
    for (int k = 1; k <= fragments.size(); k++) {
      if (k == fragments.size() || fragments.get(k).start() - fragments.get(k - 1).end() > CLUSTER_GAP) {
        if (k - from > bestTo - bestFrom) {
          bestFrom = from;
          bestTo = k;
        }
        from = k;
      }
    }
    return bestTo - bestFrom == fragments.size() ? fragments : fragments.subList(bestFrom, bestTo);
  }

  /**
   * Where the label before a quote starts ({@code x =}, {@code x:}, {@code Part 1 is}), or -1 if
   * there is none; allocates nothing.
   */
  private static int labelStart(String raw, int quote) {
    int k = skipSpacesBack(raw, quote - 1);
    if (k < 0) {
      return -1;
    }
    char c = raw.charAt(k);
    if (c == '=' || c == ':') {
      k = skipSpacesBack(raw, k - 1);
    } else if (k >= 1 && (raw.charAt(k) == 's' || raw.charAt(k) == 'S')
        && (raw.charAt(k - 1) == 'i' || raw.charAt(k - 1) == 'I')
        && (k < 2 || raw.charAt(k - 2) == ' ')) {
      k = skipSpacesBack(raw, k - 2);
    } else {
      return -1;
    }
    int end = k + 1;
    while (k >= 0 && end - k <= 16 && (Character.isLetterOrDigit(raw.charAt(k))
        || raw.charAt(k) == '_')) {
      k--;
    }
    if (end - (k + 1) < 1 || end - (k + 1) > 12) {
      return -1;
    }
    return k + 1;
  }

  /** The label that {@link #labelStart} found before a quote, lower-cased. */
  private static String label(String raw, int labelStart, int quote) {
    int end = labelEnd(raw, quote);
    String label = raw.substring(labelStart, end).toLowerCase(Locale.ROOT);
    // "Part 1", "String 2": keep the word before a numeric label
    if (allDigits(label)) {
      int w = skipSpacesBack(raw, labelStart - 1);
      int wEnd = w + 1;
      while (w >= 0 && Character.isLetter(raw.charAt(w)) && wEnd - w <= 10) {
        w--;
      }
      if (wEnd - (w + 1) > 0) {
        label = raw.substring(w + 1, wEnd).toLowerCase(Locale.ROOT) + " " + label;
      }
    }
    return label;
  }

  /** Where the label before a quote ends (exclusive); the quote must have a label. */
  private static int labelEnd(String raw, int quote) {
    int k = skipSpacesBack(raw, quote - 1);
    char c = raw.charAt(k);
    if (c == '=' || c == ':') {
      return skipSpacesBack(raw, k - 1) + 1;
    }
    return skipSpacesBack(raw, k - 2) + 1;
  }

  private static boolean allDigits(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (!Character.isDigit(s.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /** Skips at most a few spaces backwards; a label sits right before its quote. */
  private static int skipSpacesBack(String raw, int k) {
    int floor = k - 8;
    while (k >= 0 && k > floor && raw.charAt(k) == ' ') {
      k--;
    }
    return k;
  }

  /** Labels joined by {@code +} in the text, longest chain first; empty if none. */
  private static List<String> joinExpression(String raw, Map<String, Fragment> byLabel) {
    List<String> best = List.of();
    int n = raw.length();
    int i = raw.indexOf('+');
    while (i >= 0) {
      List<String> chain = new ArrayList<>();
      String left = identifierBefore(raw, i);
      int lastPlus = i;
      if (left != null && byLabel.containsKey(left)) {
        chain.add(left);
        int p = i;
        while (p >= 0 && p < n && chain.size() < MAX_FRAGMENTS) {
          lastPlus = p;
          String right = identifierAfter(raw, p + 1);
          if (right == null || !byLabel.containsKey(right)) {
            break;
          }
          chain.add(right);
          int q = p + 1;
          while (q < n && raw.charAt(q) == ' ') {
            q++;
          }
          q += right.length();
          while (q < n && raw.charAt(q) == ' ') {
            q++;
          }
          p = q < n && raw.charAt(q) == '+' ? q : -1;
        }
      }
      if (chain.size() > best.size()) {
        best = chain;
      }
      i = raw.indexOf('+', lastPlus + 1);
    }
    return best.size() >= 2 ? best : List.of();
  }

  private static String identifierBefore(String raw, int plus) {
    int k = skipSpacesBack(raw, plus - 1);
    int end = k + 1;
    while (k >= 0 && Character.isLetterOrDigit(raw.charAt(k)) && end - k <= 12) {
      k--;
    }
    return end - (k + 1) > 0 ? raw.substring(k + 1, end).toLowerCase(Locale.ROOT) : null;
  }

  private static String identifierAfter(String raw, int from) {
    int k = from;
    while (k < raw.length() && k < from + 8 && raw.charAt(k) == ' ') {
      k++;
    }
    int start = k;
    while (k < raw.length() && Character.isLetterOrDigit(raw.charAt(k)) && k - start < 12) {
      k++;
    }
    return k > start ? raw.substring(start, k).toLowerCase(Locale.ROOT) : null;
  }

  /**
   * Whether the text has a {@code +} between two identifiers, one of them with a letter
   * ({@code a + b}, {@code part1+part2}; not {@code 3 + 4}): the cheap test before looking for
   * fragments when nothing in the words asks to join.
   */
  static boolean mayHaveJoinExpression(String raw) {
    int n = raw.length();
    for (int i = raw.indexOf('+'); i >= 0; i = raw.indexOf('+', i + 1)) {
      int l = i - 1;
      while (l >= 0 && l > i - 8 && raw.charAt(l) == ' ') {
        l--;
      }
      int r = i + 1;
      while (r < n && r < i + 8 && raw.charAt(r) == ' ') {
        r++;
      }
      if (l >= 0 && r < n && Character.isLetterOrDigit(raw.charAt(l))
          && Character.isLetterOrDigit(raw.charAt(r))
          && (Character.isLetter(raw.charAt(l)) || Character.isLetter(raw.charAt(r)))) {
        return true;
      }
    }
    return false;
  }

  static boolean hasJoinExpression(String raw, List<Fragment> fragments) {
    return !joinExpression(raw, index(fragments)).isEmpty();
  }

  private static Map<String, Fragment> index(List<Fragment> fragments) {
    Map<String, Fragment> byLabel = new HashMap<>();
    for (Fragment f : fragments) {
      byLabel.putIfAbsent(f.label(), f);
    }
    return byLabel;
  }

  /** Text around the fragments kept with the reassembled payload, each side. */
  private static final int CONTEXT = 300;

  /**
   * Reassembles the payload and appends the text around the fragments (the question that asks
   * to join them, up to {@value #CONTEXT} characters each side), so that a cue split between the
   * two reads as one.
   */
  static String reassemble(String raw, List<Fragment> fragments) {
    Map<String, Fragment> byLabel = index(fragments);
    List<String> chain = joinExpression(raw, byLabel);
    StringBuilder joined = new StringBuilder();
    if (!chain.isEmpty()) {
      for (String label : chain) {
        joined.append(byLabel.get(label).value());
      }
    } else {
      List<Fragment> ordered = new ArrayList<>(byLabel.values());
      ordered.sort(Comparator.comparing(Fragment::label));
      if (mentions(raw, fragments, "interlace") || mentions(raw, fragments, "interleave")) {
        int longest = 0;
        for (Fragment f : ordered) {
          longest = Math.max(longest, f.value().length());
        }
        for (int k = 0; k < longest; k++) {
          for (Fragment f : ordered) {
            if (k < f.value().length()) {
              joined.append(f.value().charAt(k));
            }
          }
        }
      } else {
        for (Fragment f : ordered) {
          joined.append(f.value());
        }
      }
    }
    joined.append(' ');
    int last = contextStart(raw, fragments);
    for (Fragment f : fragments) {
      joined.append(raw, last, f.start()).append(' ');
      last = f.end();
    }
    joined.append(raw, last, contextEnd(raw, fragments));
    return joined.toString();
  }

  private static int contextStart(String raw, List<Fragment> fragments) {
    return Math.max(0, fragments.get(0).start() - CONTEXT);
  }

  private static int contextEnd(String raw, List<Fragment> fragments) {
    return Math.min(raw.length(), fragments.get(fragments.size() - 1).end() + CONTEXT);
  }

  /** Whether a word occurs, in any case, in the fragments' context. */
  private static boolean mentions(String raw, List<Fragment> fragments, String word) {
    int end = contextEnd(raw, fragments) - word.length();
    for (int i = contextStart(raw, fragments); i <= end; i++) {
      if (raw.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }
}
