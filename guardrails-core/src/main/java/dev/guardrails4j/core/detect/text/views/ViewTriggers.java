package dev.guardrails4j.core.detect.text.views;

/**
 * One pass over a text that says which views it needs (bits of {@link SharedViews}). It errs on
 * the side of building a view: a view that turns out to change nothing is not scanned. ASCII
 * characters cost one table look-up and a few compares.
 */
final class ViewTriggers {

  private static final byte OTHER = 0;
  private static final byte LOWER = 1;
  private static final byte UPPER = 2;
  private static final byte DIGIT = 3;
  private static final byte SPACE = 4;
  private static final byte UNUSUAL_SEPARATOR = 5;
  private static final byte SEPARATOR = 6;
  private static final byte CONTROL = 7;
  private static final byte MARKUP = 8;
  private static final byte ESCAPE = 9;
  private static final byte BASE64_SYMBOL = 10;

  private static final byte[] KIND = new byte[128];

  /** The shortest run of base64 or hex characters worth trying to decode. */
  private static final int MIN_RUN = 16;

  static {
    for (int c = 0; c < 128; c++) {
      byte k;
      if (c >= 'a' && c <= 'z') {
        k = LOWER;
      } else if (c >= 'A' && c <= 'Z') {
        k = UPPER;
      } else if (c >= '0' && c <= '9') {
        k = DIGIT;
      } else if (c == ' ') {
        k = SPACE;
      } else if (c == '\t' || c == '\n' || c == '\r' || c == '/' || c == ',' || c == '('
          || c == ')') {
        k = UNUSUAL_SEPARATOR;
      } else if (c == '.' || c == '-') {
        k = SEPARATOR;
      } else if (c < 0x20 || c == 0x7F) {
        k = CONTROL;
      } else if (c == '*' || c == '`' || c == '~' || c == '<' || c == '_') {
        k = MARKUP;
      } else if (c == '%' || c == '=' || c == '&' || c == '\\') {
        k = ESCAPE;
      } else if (c == '+') {
        k = BASE64_SYMBOL;
      } else {
        k = OTHER;
      }
      KIND[c] = k;
    }
  }

  private ViewTriggers() {}

  static int of(String s) {
    int n = s.length();
    int needs = 0;
    int run = 0;
    int letters = 0;
    int humps = 0;
    boolean allLower = true;
    boolean wordStart = false;
    int digits = 0;
    int unusual = 0;
    char prev = ' ';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      // the two most common characters first, with nothing but counters to update
      if (c >= 'a' && c <= 'z') {
        run++;
        if (letters++ == 0) {
          wordStart = !CleanView.isAsciiAlnum(prev) && prev != '_';
        }
        digits = 0;
        unusual = 0;
        prev = c;
        continue;
      }
      if (c == ' ') {
        if (run >= MIN_RUN && (needs & SharedViews.DECODED) == 0
            && Decoding.decodesRun(s, i - run, i)) {
          needs |= SharedViews.DECODED;
        }
        run = 0;
        if (letters > 0 && wordStart
            && (humps >= 2 || allLower && letters >= WordSplits.MIN_JOINED)) {
          needs |= SharedViews.WORDS;
        }
        letters = 0;
        humps = 0;
        allLower = true;
        prev = c;
        continue;
      }
      if (c >= 0x80) {
        needs |= nonAscii(s, i, c);
        run = 0;
        letters = 0;
        digits = 0;
        prev = c;
        continue;
      }
      byte k = KIND[c];
      // base64 and hex runs
      if (k == LOWER || k == UPPER || k == DIGIT || k == BASE64_SYMBOL || c == '/' || c == '_'
          || c == '-') {
        run++;
      } else {
        if (run >= MIN_RUN && (needs & SharedViews.DECODED) == 0
            && Decoding.decodesRun(s, i - run, i)) {
          needs |= SharedViews.DECODED;
        }
        run = 0;
      }
      // letter runs: CamelCase humps and long run-together words
      if (k == LOWER || k == UPPER) {
        if (letters == 0) {
          // a letter run inside an identifier or a token is not split
          wordStart = !CleanView.isAsciiAlnum(prev) && prev != '_';
        }
        if (k == UPPER) {
          if (prev >= 'a' && prev <= 'z') {
            humps++;
          }
          allLower &= letters == 0;
        }
        letters++;
      } else {
        if (letters > 0 && wordStart && k != DIGIT && c != '_') {
          if (humps >= 2 || allLower && letters >= WordSplits.MIN_JOINED) {
            needs |= SharedViews.WORDS;
          }
        }
        letters = 0;
        humps = 0;
        allLower = true;
      }
      // grouped numbers
      if (k == DIGIT) {
        digits++;
        if (digits >= 10 && unusual >= 2) {
          needs |= SharedViews.DIGITS;
        }
      } else if (k == UNUSUAL_SEPARATOR || k == MARKUP && c == '_') {
        // "(212) 555-0907" is the usual way to write a phone number; ")(" or ") (" is not
        // (the same unusual separator twice: one line break after a number is common)
        if (digits > 0 && c != '(' && (c != ')' || i + 2 < n && (s.charAt(i + 1) == '('
            || s.charAt(i + 1) == ' ' && s.charAt(i + 2) == '('))) {
          unusual++;
        }
      } else if (k != SPACE && k != SEPARATOR && c != '+' && !(k == UPPER && digits == 0)) {
        digits = 0;
        unusual = 0;
      }
      switch (k) {
        case CONTROL -> needs |= SharedViews.CLEAN;
        case UNUSUAL_SEPARATOR -> {
          if ((c == '\n' || c == '\r') && isValue(prev) && CleanView.joinsLines(s, i)) {
            needs |= SharedViews.CLEAN;
          }
        }
        case MARKUP -> {
          if ((isValue(prev) || prev == ' ') && i + 1 < n) {
            char nx = s.charAt(i + 1);
            if (c == '<' ? nx == '/' || nx >= 'a' && nx <= 'z'
                : nx == c || isValue(nx) || isValue(prev) && nx == ' ') {
              if (c != '_' || nx == '_') {
                needs |= SharedViews.CLEAN;
              }
            }
          }
        }
        case ESCAPE -> {
          if (c == '%' || c == '=') {
            // one URL escape is enough; quoted-printable needs two in a row (=C3=A9)
            if (c == '%' ? i + 2 < n && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))
                : i + 5 < n && isUpperHex(s.charAt(i + 1)) && isUpperHex(s.charAt(i + 2))
                && s.charAt(i + 3) == '=' && isUpperHex(s.charAt(i + 4))
                && isUpperHex(s.charAt(i + 5))) {
              needs |= SharedViews.DECODED;
            }
          } else if (i + 1 < n) {
            char nx = s.charAt(i + 1);
            if (c == '&' ? nx == '#' || nx >= 'a' && nx <= 'z' || nx >= 'A' && nx <= 'Z'
                : nx == 'u' || nx == 'x') {
              needs |= SharedViews.DECODED;
            }
          }
        }
        default -> { }
      }
      prev = c;
    }
    if (letters > 0 && wordStart && (humps >= 2 || allLower && letters >= WordSplits.MIN_JOINED)) {
      needs |= SharedViews.WORDS;
    }
    if (run >= MIN_RUN && Decoding.decodesRun(s, n - run, n)) {
      needs |= SharedViews.DECODED;
    }
    return needs;
  }

  private static int nonAscii(String s, int i, char c) {
    if (c == 0xDB40) {
      return SharedViews.DECODED | SharedViews.CLEAN;
    }
    if (Character.isSurrogate(c)) {
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return SharedViews.CLEAN;
        }
        // mathematical alphanumerics, enclosed letters, supplementary format characters
        return c == 0xD835 || c == 0xD83C || c == 0xDB40 ? SharedViews.CLEAN : 0;
      }
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)) ? SharedViews.CLEAN : 0;
    }
    if (c == 0x2028 || c == 0x2029 || c == 0x85 || CleanView.isDropped(c)) {
      return SharedViews.CLEAN;
    }
    if (c >= 0xFF01 && c <= 0xFF5E || c >= 0xFE50 && c <= 0xFE6F || c >= 0x2000 && c <= 0x24FF
        && c != 0x2013 && c != 0x2014 && c != 0x2019 && c != 0x201C && c != 0x201D) {
      return SharedViews.CLEAN;
    }
    if (Confusables.latin(c) != 0 && CleanView.wordHasAscii(s, i, 1)) {
      return SharedViews.CLEAN;
    }
    return 0;
  }

  private static boolean isValue(char c) {
    return CleanView.isValueChar(c);
  }

  private static boolean isUpperHex(char c) {
    return c >= '0' && c <= '9' || c >= 'A' && c <= 'F';
  }

  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
