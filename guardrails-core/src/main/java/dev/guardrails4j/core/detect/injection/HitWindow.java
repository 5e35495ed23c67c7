package dev.guardrails4j.core.detect.injection;

import static dev.guardrails4j.core.detect.injection.InjectionLexicon.CONJ;

import dev.guardrails4j.core.detect.text.NormalizedText;
import dev.guardrails4j.core.detect.text.TextNormalizer;
import org.jspecify.annotations.Nullable;

/**
 * What one pass of the prompt-injection rules reads and the window tests every rule uses: one
 * layer's phrase hits, the normalised text they were found in, where evidence goes, and whether
 * a hit has a class, how far apart two hits are, which comes after which and where a clause ends.
 * The rules extend it: {@link ExtractionRules}, {@link JailbreakRules}, {@link InjectionRules}.
 */
abstract class HitWindow {

  /** Receives the evidence the rules find. */
  interface Sink {
    /**
     * One piece of evidence.
     *
     * @param kind the evidence kind (see {@link InjectionEvidence})
     * @param score its score
     * @param start start offset in the original text
     * @param end end offset, exclusive
     */
    void add(int kind, double score, int start, int end);
  }

  /** Hits looked at around one anchor, at most: keeps adversarial input linear. */
  static final int MAX_SCAN = 48;

  final Sink out;
  final InjectionHits h;
  final NormalizedText norm;
  final String raw;
  final boolean plain;
  final int @Nullable [] positions;

  HitWindow(Sink out, InjectionHits hits, NormalizedText norm, String raw, boolean plain,
      int @Nullable [] positions) {
    this.out = out;
    this.h = hits;
    this.norm = norm;
    this.raw = raw;
    this.plain = plain;
    this.positions = positions;
  }

  boolean has(int i, int cls) {
    return h.has(i, cls);
  }

  /** A window of so many words in units (a word is two units, a CJK character one). */
  static int w(int words) {
    return 2 * words;
  }

  /** Units between the end of hit a and the start of hit b (b after a). */
  int gap(int a, int b) {
    return h.unitStart[b] - h.unitEnd[a];
  }

  /** Whether hit j comes entirely after hit i in reading order. */
  boolean follows(int j, int i) {
    return h.reversed ? h.end[j] <= h.start[i] : h.start[j] >= h.end[i];
  }

  /** The first hit after {@code i} that starts after it ends, or count. */
  int firstAfter(int i) {
    int j = i + 1;
    int scanned = 0;
    while (j < h.count && !follows(j, i) && scanned++ < MAX_SCAN) {
      j++;
    }
    return j;
  }

  void evidence(int kind, double score, int first, int last) {
    int s = Math.min(h.start[first], h.start[last]);
    int e = Math.max(h.end[first], h.end[last]);
    if (positions != null) {
      s = positions[s];
      e = positions[e - 1] + 1;
    }
    out.add(kind, score, norm.originalStart(s), norm.originalEnd(e));
  }

  /** Whether the hit ends a clause: punctuation, a conjunction or the end of the text. */
  boolean clauseEndsAfter(int i) {
    int j = firstAfter(i);
    if (j < h.count && gap(i, j) <= w(1) && has(j, CONJ)) {
      return true;
    }
    if (h.end[i] >= norm.length() - 1) {
      return true;
    }
    if (!plain) {
      return false;
    }
    char c = nextNonSpace(norm.originalEnd(h.end[i]));
    return ".,;:!?)-\"'\n\r\u2014\u2013]>}".indexOf(c) >= 0;
  }

  /** Whether markup characters ({@code < [ { | #}) open right before the hit. */
  boolean markupAround(int i) {
    int o = norm.originalStart(h.start[i]);
    int e = norm.originalEnd(h.end[i]);
    char before = previousNonSpace(o);
    char afterChar = e < raw.length() ? raw.charAt(e) : ' ';
    return "<[{|#_%=*-".indexOf(before) >= 0 || ">]}|_%=*-".indexOf(afterChar) >= 0;
  }

  char previousNonSpace(int o) {
    int k = o - 1;
    int steps = 0;
    while (k >= 0 && skippable(raw.charAt(k)) && steps++ < 8) {
      k--;
    }
    return k >= 0 ? folded(raw.charAt(k)) : '\n';
  }

  /** The next character at or after {@code o} that is neither a space nor invisible, folded. */
  char nextNonSpace(int o) {
    int k = o;
    int steps = 0;
    while (k < raw.length() && skippable(raw.charAt(k)) && steps++ < 8) {
      k++;
    }
    return k < raw.length() ? folded(raw.charAt(k)) : '\n';
  }

  /** Spaces and characters that render as nothing (zero-width, soft hyphen, tag halves). */
  static boolean skippable(char c) {
    return c == ' ' || c >= 0xAD && (TextNormalizer.isRemoved(c) || Character.isSurrogate(c));
  }

  /** Full-width ASCII punctuation and letters as their ASCII forms. */
  static char folded(char c) {
    return c >= 0xFF01 && c <= 0xFF5E ? (char) (c - 0xFEE0) : c == '\u2019' ? '\'' : c;
  }
}
