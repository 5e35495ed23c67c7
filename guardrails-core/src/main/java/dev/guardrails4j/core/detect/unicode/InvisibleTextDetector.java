package dev.guardrails4j.core.detect.unicode;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds invisible characters used to hide text: tag characters, bidirectional controls,
 * zero-width runs and variation selectors in bulk. See {@link InvisibleTextDetectorFactory}.
 */
final class InvisibleTextDetector implements Detector {

  static final String TAG = "INVISIBLE_TAG_CHARACTERS";
  static final String BIDI = "BIDI_CONTROL";
  static final String ZERO_WIDTH = "ZERO_WIDTH_RUN";
  static final String VARIATION = "VARIATION_SELECTOR_RUN";
  static final Set<String> TYPES = Set.of(TAG, BIDI, ZERO_WIDTH, VARIATION);

  private static final int NONE = 0;
  private static final int K_TAG = 1;
  private static final int K_BIDI = 2;
  private static final int K_ZW = 3;
  private static final int K_VS = 4;

  /** Visible UTF-16 units allowed between two members of one zero-width or selector run. */
  private static final int GAP = 4;
  /** How far to look for a strong right-to-left character beside a directional mark. */
  private static final int RTL_LOOKAROUND = 8;
  private static final int BLACK_FLAG = 0x1F3F4;
  private static final int CANCEL_TAG = 0xE007F;

  private final String name;
  private final int minRun;
  private final Set<String> types;
  private final boolean tags;
  private final boolean bidi;
  private final boolean zeroWidth;
  private final boolean variation;

  InvisibleTextDetector(String name, int minRun, Set<String> types) {
    this.name = name;
    this.minRun = minRun;
    this.types = Set.copyOf(types);
    this.tags = types.contains(TAG);
    this.bidi = types.contains(BIDI);
    this.zeroWidth = types.contains(ZERO_WIDTH);
    this.variation = types.contains(VARIATION);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> types() {
    return types;
  }

  @Override
  public List<Finding> detect(String text) {
    Scan scan = null;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x00AD) {
        continue;
      }
      int cp = c;
      int len = 1;
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        cp = Character.toCodePoint(c, text.charAt(i + 1));
        len = 2;
      }
      int kind = kindOf(cp);
      if (kind != NONE && enabled(kind)) {
        if (scan == null) {
          scan = new Scan(text);
        }
        scan.accept(kind, cp, i, len);
      }
      i += len - 1;
    }
    return scan == null ? List.of() : scan.finish();
  }

  private boolean enabled(int kind) {
    return switch (kind) {
      case K_TAG -> tags;
      case K_BIDI -> bidi;
      case K_ZW -> zeroWidth;
      default -> variation;
    };
  }

  /** The family of an invisible code point, or {@link #NONE} for a visible one. */
  static int kindOf(int cp) {
    if (cp < 0x00AD) {
      return NONE;
    }
    if (cp < 0x2000) {
      return switch (cp) {
        case 0x00AD, 0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E -> K_ZW;
        case 0x061C -> K_BIDI;
        default -> NONE;
      };
    }
    if (cp <= 0x206F) {
      if (cp >= 0x200B && cp <= 0x200D) {
        return K_ZW;
      }
      if (cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
          || (cp >= 0x2066 && cp <= 0x2069)) {
        return K_BIDI;
      }
      if (cp >= 0x2060) {
        return K_ZW; // word joiner, invisible operators, deprecated format characters
      }
      return NONE;
    }
    if (cp < 0xFE00) {
      return cp == 0x3164 ? K_ZW : NONE;
    }
    if (cp <= 0xFE0F) {
      return K_VS;
    }
    if (cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFFF9 && cp <= 0xFFFB)) {
      return K_ZW;
    }
    if (cp < 0x1D173) {
      return NONE;
    }
    if (cp <= 0x1D17A) {
      return K_ZW;
    }
    if (cp >= 0xE0000 && cp <= 0xE007F) {
      return K_TAG;
    }
    if (cp >= 0xE0100 && cp <= 0xE01EF) {
      return K_VS;
    }
    return NONE;
  }

  private static boolean in(int cp, int from, int to) {
    return cp >= from && cp <= to;
  }

  private static boolean isEmojiContext(int cp) {
    return in(cp, 0x1F000, 0x1FAFF) || in(cp, 0x2190, 0x21FF) || in(cp, 0x2300, 0x23FF)
        || in(cp, 0x2600, 0x27BF) || in(cp, 0x2B00, 0x2BFF) || cp == 0xFE0F || cp == 0x20E3
        || cp == 0x00A9 || cp == 0x00AE || cp == 0x203C || cp == 0x2049 || cp == 0x2122
        || cp == 0x2139 || cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299;
  }

  /** Scripts whose shaping uses joiners: Hebrew to Arabic Extended, Indic, Tibetan, SE Asian. */
  private static boolean isJoiningScript(int cp) {
    return in(cp, 0x0590, 0x08FF) || in(cp, 0x0900, 0x0DFF) || in(cp, 0x0F00, 0x0FFF)
        || in(cp, 0x1000, 0x109F) || in(cp, 0x1780, 0x18AF) || in(cp, 0xA8E0, 0xA8FF)
        || in(cp, 0xFB1D, 0xFDFF) || in(cp, 0xFE70, 0xFEFE) || in(cp, 0x10A00, 0x10A5F)
        || in(cp, 0x11000, 0x111FF);
  }

  /** Scripts written without spaces, where a zero-width space marks a word break. */
  private static boolean isNoSpaceScript(int cp) {
    return in(cp, 0x0E00, 0x0FFF) || in(cp, 0x1000, 0x109F) || in(cp, 0x1780, 0x17FF)
        || in(cp, 0x2E80, 0x9FFF) || in(cp, 0xF900, 0xFAFF) || in(cp, 0x20000, 0x3FFFF);
  }

  private static boolean isCjkIdeograph(int cp) {
    return in(cp, 0x3400, 0x4DBF) || in(cp, 0x4E00, 0x9FFF) || in(cp, 0xF900, 0xFAFF)
        || in(cp, 0x20000, 0x3FFFF);
  }

  private static boolean isRightToLeft(int cp) {
    byte d = Character.getDirectionality(cp);
    return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT
        || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
  }

  private static boolean isStrong(int cp) {
    byte d = Character.getDirectionality(cp);
    return d == Character.DIRECTIONALITY_LEFT_TO_RIGHT
        || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT
        || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
  }

  private static double bidiScore(int cp) {
    return switch (cp) {
      case 0x202D, 0x202E -> 1.0; // overrides: reorder characters themselves
      case 0x202A, 0x202B, 0x2066, 0x2067, 0x2068 -> 0.9;
      case 0x202C, 0x2069 -> 0.8;
      default -> 0.6; // marks
    };
  }

  /** Per-call state; allocated only once an invisible character is seen. */
  private final class Scan {
    private final String text;
    private final int n;
    private List<Finding> out;

    private int tagStart = -1;
    private int tagEnd;
    private int tagPrintable;
    private int tagCount;
    private int tagCancels;
    private int tagLast;
    private boolean tagMaybeFlag;
    private boolean tagFlagChars;

    private int bidiStart = -1;
    private int bidiEnd;
    private double bidiMax;
    private boolean bidiMarksOnly;

    private int zwStart = -1;
    private int zwEnd;
    private int zwCount;
    private int zwUnits;

    private int vsStart = -1;
    private int vsEnd;
    private int vsCount;

    Scan(String text) {
      this.text = text;
      this.n = text.length();
    }

    void accept(int kind, int cp, int i, int len) {
      switch (kind) {
        case K_TAG -> tag(cp, i, len);
        case K_BIDI -> bidi(cp, i, len);
        case K_ZW -> zeroWidth(cp, i, len);
        default -> variation(cp, i, len);
      }
    }

    private int before(int i) {
      return i > 0 ? Character.codePointBefore(text, i) : -1;
    }

    private int at(int i) {
      return i < n ? Character.codePointAt(text, i) : -1;
    }

    private void tag(int cp, int i, int len) {
      if (tagStart < 0 || tagEnd != i) {
        flushTag();
        tagStart = i;
        tagCount = 0;
        tagPrintable = 0;
        tagCancels = 0;
        tagMaybeFlag = before(i) == BLACK_FLAG;
        tagFlagChars = true;
      }
      tagEnd = i + len;
      tagCount++;
      // The hidden ASCII is decoded here only to weigh the score, then dropped.
      int ascii = cp - 0xE0000;
      if (ascii >= 0x20 && ascii <= 0x7E) {
        tagPrintable++;
      }
      if (cp == CANCEL_TAG) {
        tagCancels++;
      } else if (!((ascii >= 'a' && ascii <= 'z') || (ascii >= '0' && ascii <= '9'))
          || tagCancels > 0) {
        tagFlagChars = false;
      }
      tagLast = cp;
    }

    private void flushTag() {
      if (tagStart < 0) {
        return;
      }
      boolean subdivisionFlag = tagMaybeFlag && tagFlagChars && tagLast == CANCEL_TAG
          && tagCancels == 1 && tagCount >= 3 && tagCount <= 8;
      if (!subdivisionFlag) {
        add(TAG, tagStart, tagEnd, tagPrintable >= 2 ? 1.0 : 0.9);
      }
      tagStart = -1;
    }

    private void bidi(int cp, int i, int len) {
      if (bidiStart < 0 || bidiEnd != i) {
        flushBidi();
        bidiStart = i;
        bidiMax = 0;
        bidiMarksOnly = true;
      }
      bidiEnd = i + len;
      double score = bidiScore(cp);
      bidiMax = Math.max(bidiMax, score);
      if (cp != 0x200E && cp != 0x200F && cp != 0x061C) {
        bidiMarksOnly = false;
      }
    }

    private void flushBidi() {
      if (bidiStart < 0) {
        return;
      }
      if (!(bidiMarksOnly && besideRightToLeft(bidiStart, bidiEnd))) {
        add(BIDI, bidiStart, bidiEnd, bidiMax);
      }
      bidiStart = -1;
    }

    /** Whether the first strong character on either side, close by, is right-to-left. */
    private boolean besideRightToLeft(int start, int end) {
      int i = start;
      for (int k = 0; k < RTL_LOOKAROUND && i > 0; k++) {
        int cp = Character.codePointBefore(text, i);
        if (isStrong(cp)) {
          if (isRightToLeft(cp)) {
            return true;
          }
          break;
        }
        i -= Character.charCount(cp);
      }
      i = end;
      for (int k = 0; k < RTL_LOOKAROUND && i < n; k++) {
        int cp = Character.codePointAt(text, i);
        if (isStrong(cp)) {
          return isRightToLeft(cp);
        }
        i += Character.charCount(cp);
      }
      return false;
    }

    private void zeroWidth(int cp, int i, int len) {
      boolean alone = kindOf(before(i)) != K_ZW && kindOf(at(i + len)) != K_ZW;
      if (alone && legitimateZeroWidth(cp, i, len)) {
        return;
      }
      if (zwStart >= 0 && i - zwEnd <= GAP) {
        zwEnd = i + len;
        zwCount++;
        zwUnits += len;
        return;
      }
      flushZeroWidth();
      zwStart = i;
      zwEnd = i + len;
      zwCount = 1;
      zwUnits = len;
    }

    private boolean legitimateZeroWidth(int cp, int i, int len) {
      int prev = before(i);
      int next = at(i + len);
      return switch (cp) {
        case 0x200D -> (isEmojiContext(prev) && isEmojiContext(next))
            || (isJoiningScript(prev) && isJoiningScript(next));
        case 0x200C -> isJoiningScript(prev) && isJoiningScript(next);
        case 0x200B -> isNoSpaceScript(prev) && isNoSpaceScript(next);
        case 0xFEFF -> i == 0;
        case 0x00AD, 0x034F -> prev >= 0 && next >= 0 && Character.isLetter(prev)
            && Character.isLetter(next);
        case 0x115F, 0x1160 -> in(prev, 0x1100, 0x11FF) || in(next, 0x1100, 0x11FF);
        case 0x17B4, 0x17B5 -> in(prev, 0x1780, 0x17FF);
        case 0x180E -> in(prev, 0x1800, 0x18AF) && in(next, 0x1800, 0x18AF);
        default -> in(cp, 0x1D173, 0x1D17A)
            && (in(prev, 0x1D100, 0x1D1FF) || in(next, 0x1D100, 0x1D1FF));
      };
    }

    private void flushZeroWidth() {
      if (zwStart < 0) {
        return;
      }
      if (zwCount >= minRun) {
        boolean dense = zwUnits == zwEnd - zwStart;
        add(ZERO_WIDTH, zwStart, zwEnd, Math.min(10, (dense ? 7 : 6) + zwCount) / 10.0);
      }
      zwStart = -1;
    }

    private void variation(int cp, int i, int len) {
      boolean alone = kindOf(before(i)) != K_VS && kindOf(at(i + len)) != K_VS;
      if (alone && legitimateSelector(cp, before(i))) {
        return;
      }
      if (vsStart >= 0 && i - vsEnd <= GAP) {
        vsEnd = i + len;
        vsCount++;
        return;
      }
      flushVariation();
      vsStart = i;
      vsEnd = i + len;
      vsCount = 1;
    }

    /** A single selector after a base it can vary: emoji, symbols, digits, CJK ideographs. */
    private boolean legitimateSelector(int cp, int base) {
      if (base < 0 || kindOf(base) != NONE || Character.isWhitespace(base)) {
        return false;
      }
      if (cp >= 0xE0100) {
        return isCjkIdeograph(base);
      }
      return !((base >= 'a' && base <= 'z') || (base >= 'A' && base <= 'Z'));
    }

    private void flushVariation() {
      if (vsStart < 0) {
        return;
      }
      if (vsCount >= 2) {
        add(VARIATION, vsStart, vsEnd, vsCount >= 4 ? 1.0 : 0.85);
      }
      vsStart = -1;
    }

    private void add(String type, int start, int end, double score) {
      if (out == null) {
        out = new ArrayList<>(4);
      }
      out.add(Finding.of(name, type, start, end, score));
    }

    List<Finding> finish() {
      flushTag();
      flushBidi();
      flushZeroWidth();
      flushVariation();
      if (out == null) {
        return List.of();
      }
      if (out.size() > 1) {
        out.sort(Comparator.comparingInt(Finding::start));
      }
      return Collections.unmodifiableList(out);
    }
  }
}
