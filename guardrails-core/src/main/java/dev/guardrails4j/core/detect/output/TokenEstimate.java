package dev.guardrails4j.core.detect.output;

/**
 * A cheap, tokenizer-free token estimate; the rules are described on
 * {@link OutputLengthDetectorFactory}. One pass, no allocation.
 */
final class TokenEstimate {

  private static final byte LETTER = 1;
  private static final byte DIGIT = 2;
  private static final byte PUNCT = 3;
  private static final byte SPACE = 4;
  private static final byte NARROW = 5; // other code points below U+0800
  private static final byte WIDE = 6; // other BMP code points

  private TokenEstimate() {}

  /**
   * Estimates the tokens in a text.
   *
   * @param text the text
   * @return the estimate, at most {@code text.length()}
   */
  static long count(String text) {
    return scan(text, Long.MAX_VALUE, text.length());
  }

  /**
   * The UTF-16 offset of the first character whose token takes the estimate above
   * {@code maxTokens}, or {@code text.length()} (or {@code stopAt}, if smaller) when the text
   * stays within it.
   *
   * @param text the text
   * @param maxTokens the limit
   * @param stopAt an offset past which counting is pointless
   * @return the offset
   */
  static int offsetExceeding(String text, long maxTokens, int stopAt) {
    return (int) scan(text, maxTokens, stopAt);
  }

  /**
   * Counts tokens up to {@code stopAt}; when {@code limit} is not {@link Long#MAX_VALUE}, returns
   * the offset where the count first exceeds it (or {@code stopAt}); otherwise returns the count.
   * Works run by run: a run of one class costs a division, not a branch per character.
   */
  private static long scan(String text, long limit, int stopAt) {
    boolean counting = limit == Long.MAX_VALUE;
    long tokens = 0;
    int end = Math.min(stopAt, text.length());
    int i = 0;
    while (i < end) {
      char c = text.charAt(i);
      int cls = classOf(c);
      if (cls == SURROGATE) {
        boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1));
        if (!pair && Character.isLowSurrogate(c) && i > 0
            && Character.isHighSurrogate(text.charAt(i - 1))) {
          i++; // the low half of a pair cut by a previous stop; already counted
          continue;
        }
        long add = pair ? 2 : 1;
        if (!counting && tokens + add > limit) {
          return i;
        }
        tokens += add;
        i += pair ? 2 : 1;
        continue;
      }
      int j = i + 1;
      if (cls != WIDE) {
        while (j < end && classOf(text.charAt(j)) == cls) {
          j++;
        }
      }
      int len = j - i;
      int per = switch (cls) {
        case LETTER -> 8;
        case DIGIT -> 3;
        case PUNCT, NARROW -> 2;
        default -> 1;
      };
      long add;
      int firstTokenAt;
      if (cls == SPACE) {
        add = len >= 2 ? 1 : 0;
        firstTokenAt = i + 1;
      } else {
        add = (len + per - 1) / per;
        firstTokenAt = i;
      }
      if (!counting && tokens + add > limit) {
        long m = limit - tokens; // tokens of this run that still fit
        return cls == SPACE ? firstTokenAt : (int) (firstTokenAt + m * per);
      }
      tokens += add;
      i = j;
    }
    return counting ? tokens : end;
  }

  private static final byte SURROGATE = 8;

  /** The class of each ASCII character, so the hot loop is one table load. */
  private static final byte[] ASCII = new byte[128];

  static {
    for (int c = 0; c < 128; c++) {
      byte cls = PUNCT;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        cls = LETTER;
      } else if (c >= '0' && c <= '9') {
        cls = DIGIT;
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        cls = SPACE;
      }
      ASCII[c] = cls;
    }
  }

  private static int classOf(char c) {
    if (c < 0x80) {
      return ASCII[c];
    }
    if (c < 0x800) {
      return NARROW;
    }
    return Character.isSurrogate(c) ? SURROGATE : WIDE;
  }
}
