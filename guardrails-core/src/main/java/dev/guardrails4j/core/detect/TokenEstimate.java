package dev.guardrails4j.core.detect;

/**
 * A cheap, tokenizer-free token estimate; the rules are described on
 * {@link OutputLengthDetectorFactory}. One pass, no allocation.
 */
final class TokenEstimate {

  private static final int NONE = 0;
  private static final int LETTER = 1;
  private static final int DIGIT = 2;
  private static final int PUNCT = 3;
  private static final int SPACE = 4;
  private static final int NARROW = 5; // other code points below U+0800
  private static final int WIDE = 6; // other BMP code points
  private static final int ASTRAL = 7; // supplementary code points

  private TokenEstimate() {}

  /**
   * Estimates the tokens in a text.
   *
   * @param text the text
   * @return the estimate, at most {@code text.length()}
   */
  static long count(CharSequence text) {
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
  static int offsetExceeding(CharSequence text, long maxTokens, int stopAt) {
    return (int) scan(text, maxTokens, stopAt);
  }

  /**
   * Counts tokens up to {@code stopAt}; when {@code limit} is not {@link Long#MAX_VALUE}, returns
   * the offset where the count first exceeds it (or {@code stopAt}); otherwise returns the count.
   */
  private static long scan(CharSequence text, long limit, int stopAt) {
    boolean counting = limit == Long.MAX_VALUE;
    long tokens = 0;
    int run = 0;
    int runClass = NONE;
    int end = Math.min(stopAt, text.length());
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      int cls;
      if (c < 0x80) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
          cls = LETTER;
        } else if (c >= '0' && c <= '9') {
          cls = DIGIT;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
          cls = SPACE;
        } else {
          cls = PUNCT;
        }
      } else if (c < 0x800) {
        cls = NARROW;
      } else if (Character.isLowSurrogate(c) && i > 0
          && Character.isHighSurrogate(text.charAt(i - 1))) {
        continue; // counted with its high surrogate
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        cls = ASTRAL;
      } else {
        cls = WIDE;
      }
      if (cls == runClass) {
        run++;
      } else {
        runClass = cls;
        run = 1;
      }
      int add = switch (cls) {
        case LETTER -> run % 8 == 1 ? 1 : 0;
        case DIGIT -> run % 3 == 1 ? 1 : 0;
        case PUNCT, NARROW -> (run & 1) == 1 ? 1 : 0;
        case SPACE -> run == 2 ? 1 : 0;
        case WIDE -> 1;
        default -> 2;
      };
      tokens += add;
      if (!counting && tokens > limit) {
        return i;
      }
    }
    return counting ? tokens : end;
  }
}
