package dev.guardrails4j.core.detect.text;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Not API. A copy of a text in which characters that hide a value from a pattern, but not from a
 * human reader, are folded away, with a map from every folded offset back to the original text.
 *
 * <p>Folding removes invisible characters (format characters such as zero-width spaces and joiners,
 * Unicode tag characters, variation selectors, the soft hyphen), maps compatibility forms to ASCII
 * the way NFKC would (full-width letters and digits, mathematical alphanumerics, ligatures, circled
 * digits, unusual spaces), maps dashes to '-', maps decimal digits of every script to ASCII digits, and maps Cyrillic and
 * Greek letters that look like Latin letters to those letters when they sit next to an ASCII letter
 * or digit (a mixed-script word is an evasion; a Russian sentence is not). Text that needs none of
 * this is not copied: {@link #of(String)} returns {@code null}, so the common all-ASCII case costs
 * one scan of the string and no allocation.
 */
public final class FoldedText {

  /** Code points at or above this are examined; below it everything is kept as is. */
  private static final int ASCII_END = 0x80;

  /** Compatibility forms in the ranges below that NFKC maps to pure ASCII, keyed by code point. */
  private static final int[] COMPAT_KEYS;

  private static final String[] COMPAT_VALUES;

  /** Confusable Cyrillic and Greek letters, as pairs: code point, ASCII replacement. */
  private static final char[] CONFUSABLES = {
    // Cyrillic lower case
    'а', 'a', 'в', 'b', 'е', 'e', 'о', 'o', 'р', 'p', 'с', 'c', 'у', 'y', 'х', 'x', 'і', 'i',
    'ј', 'j', 'ѕ', 's', 'ԁ', 'd', 'ԛ', 'q', 'ԝ', 'w', 'һ', 'h', 'ӏ', 'l', 'к', 'k', 'м', 'm',
    'н', 'h', 'т', 't', 'ո', 'n', 'ս', 'u',
    // Cyrillic upper case
    'А', 'A', 'В', 'B', 'Е', 'E', 'К', 'K', 'М', 'M', 'Н', 'H', 'О', 'O', 'Р', 'P', 'С', 'C',
    'Т', 'T', 'Х', 'X', 'У', 'Y', 'І', 'I', 'Ј', 'J', 'Ѕ', 'S', 'Ԛ', 'Q', 'Ԝ', 'W', 'Ԁ', 'D',
    // Greek
    'ο', 'o', 'α', 'a', 'ν', 'v', 'ρ', 'p', 'ι', 'i', 'κ', 'k', 'τ', 't', 'υ', 'u',
    'Α', 'A', 'Β', 'B', 'Ε', 'E', 'Ζ', 'Z', 'Η', 'H', 'Ι', 'I', 'Κ', 'K', 'Μ', 'M', 'Ν', 'N',
    'Ο', 'O', 'Ρ', 'P', 'Τ', 'T', 'Υ', 'Y', 'Χ', 'X',
  };

  private static final char[] CONFUSABLE_FROM;
  private static final char[] CONFUSABLE_TO;

  static {
    // Ranges whose compatibility decompositions are ASCII look-alikes: Latin-1 supplement
    // (superscripts), general punctuation and super/subscripts, letter-like symbols, number forms,
    // enclosed alphanumerics, alphabetic presentation forms (ligatures), mathematical
    // alphanumerics and enclosed alphanumeric supplement. Full-width forms are handled by offset.
    int[][] ranges = {
      {0x00A0, 0x00FF}, {0x2000, 0x24FF}, {0xFB00, 0xFB06}, {0x1D400, 0x1D7FF}, {0x1F100, 0x1F1FF}
    };
    Map<Integer, String> map = new TreeMap<>();
    for (int[] range : ranges) {
      for (int cp = range[0]; cp <= range[1]; cp++) {
        if (!Character.isDefined(cp)) {
          continue;
        }
        String nfkc = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
        if (isPrintableAscii(nfkc)) {
          map.put(cp, nfkc);
        }
      }
    }
    COMPAT_KEYS = new int[map.size()];
    COMPAT_VALUES = new String[map.size()];
    int k = 0;
    for (Map.Entry<Integer, String> e : map.entrySet()) {
      COMPAT_KEYS[k] = e.getKey();
      COMPAT_VALUES[k] = e.getValue();
      k++;
    }
    int pairs = CONFUSABLES.length / 2;
    Integer[] order = new Integer[pairs];
    for (int p = 0; p < pairs; p++) {
      order[p] = p;
    }
    Arrays.sort(order, (a, b) -> Character.compare(CONFUSABLES[2 * a], CONFUSABLES[2 * b]));
    CONFUSABLE_FROM = new char[pairs];
    CONFUSABLE_TO = new char[pairs];
    for (int p = 0; p < pairs; p++) {
      CONFUSABLE_FROM[p] = CONFUSABLES[2 * order[p]];
      CONFUSABLE_TO[p] = CONFUSABLES[2 * order[p] + 1];
    }
  }

  /**
   * One bit per BMP character that folding could change (or a high surrogate, whose code point
   * is checked in full): 8 KiB, so CJK or Cyrillic text is ruled out with one lookup per character.
   */
  private static final long[] MAY_FOLD = new long[65536 / 64];

  static {
    for (int c = ASCII_END; c < 65536; c++) {
      boolean candidate = Character.isHighSurrogate((char) c)
          || fold("", 0, c, 1) != null
          || Arrays.binarySearch(CONFUSABLE_FROM, (char) c) >= 0;
      if (candidate) {
        MAY_FOLD[c >>> 6] |= 1L << c;
      }
    }
  }

  private final String text;
  /** Per edit: where it starts in the folded text, its folded length, and the same in the original. */
  private final int[] editFolded;
  private final int[] editFoldedLength;
  private final int[] editOriginal;
  private final int[] editOriginalLength;
  private final int edits;

  private FoldedText(String text, int[] editFolded, int[] editFoldedLength, int[] editOriginal,
      int[] editOriginalLength, int edits) {
    this.text = text;
    this.editFolded = editFolded;
    this.editFoldedLength = editFoldedLength;
    this.editOriginal = editOriginal;
    this.editOriginalLength = editOriginalLength;
    this.edits = edits;
  }

  /**
   * Folds a text if it needs folding.
   *
   * @param original the text
   * @return the folded text, or {@code null} when folding would not change it
   */
  public static @Nullable FoldedText of(String original) {
    int first = firstFoldable(original);
    return first < 0 ? null : fold(original, first);
  }

  /**
   * Folds a text known to need folding from index {@code first} on.
   *
   * @param original the text
   * @param first the first index that folds
   * @return the folded text
   */
  public static FoldedText fold(String original, int first) {
    int n = original.length();
    // Everything before `first` is kept as is except non-ASCII characters, which fold too once
    // the text is folded at all; so copy only its ASCII prefix verbatim.
    int asciiPrefix = 0;
    while (asciiPrefix < first && original.charAt(asciiPrefix) < ASCII_END) {
      asciiPrefix++;
    }
    char[] out = new char[n + 16];
    original.getChars(0, asciiPrefix, out, 0);
    int length = asciiPrefix;
    int[] ef = new int[8];
    int[] efl = new int[8];
    int[] eo = new int[8];
    int[] eol = new int[8];
    int edits = 0;
    int i = asciiPrefix;
    while (i < n) {
      char c = original.charAt(i);
      if (c < ASCII_END) {
        // Copy a run of ASCII in one go.
        int run = i + 1;
        while (run < n && original.charAt(run) < ASCII_END) {
          run++;
        }
        if (length + (run - i) > out.length) {
          out = Arrays.copyOf(out, Math.max(out.length * 2, length + (run - i) + 16));
        }
        original.getChars(i, run, out, length);
        length += run - i;
        i = run;
        continue;
      }
      int cp = Character.isHighSurrogate(c) ? original.codePointAt(i) : c;
      int width = Character.charCount(cp);
      String replacement = fold(original, i, cp, width);
      if (replacement == null) {
        if (length + width > out.length) {
          out = Arrays.copyOf(out, out.length * 2 + width);
        }
        original.getChars(i, i + width, out, length);
        length += width;
      } else {
        if (edits == ef.length) {
          ef = Arrays.copyOf(ef, edits * 2);
          efl = Arrays.copyOf(efl, edits * 2);
          eo = Arrays.copyOf(eo, edits * 2);
          eol = Arrays.copyOf(eol, edits * 2);
        }
        ef[edits] = length;
        efl[edits] = replacement.length();
        eo[edits] = i;
        eol[edits] = width;
        edits++;
        if (length + replacement.length() > out.length) {
          out = Arrays.copyOf(out, out.length * 2 + replacement.length());
        }
        replacement.getChars(0, replacement.length(), out, length);
        length += replacement.length();
      }
      i += width;
    }
    return new FoldedText(new String(out, 0, length), ef, efl, eo, eol, edits);
  }

  /**
   * The folded text.
   *
   * @return the text to scan
   */
  public String text() {
    return text;
  }

  /**
   * Maps a start offset in the folded text to the original text.
   *
   * @param foldedStart start offset, inclusive
   * @return original start offset
   */
  int originalStart(int foldedStart) {
    int k = lastEditAtOrBefore(foldedStart);
    if (k < 0) {
      return foldedStart;
    }
    int editEnd = editFolded[k] + editFoldedLength[k];
    if (foldedStart < editEnd) {
      return editOriginal[k];
    }
    return editOriginal[k] + editOriginalLength[k] + (foldedStart - editEnd);
  }

  /**
   * Maps an end offset in the folded text to the original text.
   *
   * @param foldedEnd end offset, exclusive, greater than zero
   * @return original end offset, exclusive
   */
  int originalEnd(int foldedEnd) {
    int last = foldedEnd - 1;
    int k = lastEditAtOrBefore(last);
    if (k >= 0 && last < editFolded[k] + editFoldedLength[k]) {
      return editOriginal[k] + editOriginalLength[k];
    }
    return originalStart(last) + 1;
  }

  /** The last edit that starts at or before a folded offset and is not empty, or -1. */
  private int lastEditAtOrBefore(int folded) {
    int lo = 0;
    int hi = edits - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (editFolded[mid] <= folded) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    // Dropped characters (length 0) at the same folded offset as a later kept one come first;
    // skip back over none: a drop before `folded` only shifts the offsets, which the formula
    // above handles through the edit's original length.
    return found;
  }

  /**
   * Whether the non-ASCII character at i is a reason to fold the text: a compatibility form of a
   * letter or digit, or an invisible character, space, dash or compatibility punctuation mark next
   * to an ASCII letter or digit. Full-width punctuation in Chinese or Japanese text, or a joiner
   * inside an emoji sequence, is not; once a text is folded for another reason they are folded too.
   *
   * @param s text
   * @param i index of a character at or above U+0080
   * @return true if the text should be folded
   */
  public static boolean foldsAt(String s, int i) {
    char c = s.charAt(i);
    if ((MAY_FOLD[c >>> 6] & (1L << c)) == 0) {
      return false;
    }
    int cp = Character.isHighSurrogate(c) ? s.codePointAt(i) : c;
    int width = Character.charCount(cp);
    int kind = foldKind(s, i, cp, width);
    if (kind == KEEP) {
      return false;
    }
    return kind == TO_ALNUM || wordNearby(s, i, width);
  }

  private static final int KEEP = 0;
  private static final int TO_ALNUM = 1;
  private static final int TO_OTHER = 2;

  /** What {@link #fold} would do to a code point, without building the replacement. */
  private static int foldKind(String s, int at, int cp, int width) {
    int type = Character.getType(cp);
    if (type == Character.FORMAT || type == Character.SPACE_SEPARATOR
        || type == Character.DASH_PUNCTUATION || cp == 0x2212
        || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)
        || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0) {
      return TO_OTHER;
    }
    if (type == Character.DECIMAL_DIGIT_NUMBER) {
      return TO_ALNUM;
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      return isAsciiAlnum((char) (cp - 0xFEE0)) ? TO_ALNUM : TO_OTHER;
    }
    if (cp <= 0xFFFF && Arrays.binarySearch(CONFUSABLE_FROM, (char) cp) >= 0) {
      return nextToAsciiAlnum(s, at, width) ? TO_ALNUM : KEEP;
    }
    int k = Arrays.binarySearch(COMPAT_KEYS, cp);
    if (k < 0) {
      return KEEP;
    }
    return isAsciiAlnum(COMPAT_VALUES[k].charAt(0)) ? TO_ALNUM : TO_OTHER;
  }

  /** Whether an ASCII letter or digit is next to [i, i + width), looking past invisible marks. */
  private static boolean wordNearby(String s, int i, int width) {
    int p = i - 1;
    for (int k = 0; k < 4 && p >= 0; k++) {
      char c = s.charAt(p);
      if (isAsciiAlnum(c)) {
        return true;
      }
      if (!isInvisible(c)) {
        break;
      }
      p--;
    }
    p = i + width;
    for (int k = 0; k < 4 && p < s.length(); k++) {
      char c = s.charAt(p);
      if (isAsciiAlnum(c)) {
        return true;
      }
      if (!isInvisible(c) && !Character.isSurrogate(c)) {
        break;
      }
      p++;
    }
    return false;
  }

  private static boolean isInvisible(char c) {
    return c >= ASCII_END && (Character.getType(c) == Character.FORMAT || (c >= 0xFE00 && c <= 0xFE0F));
  }

  /**
   * The index of the first character that is a reason to fold the text, or -1.
   *
   * @param s text
   * @return index or -1
   */
  public static int firstFoldable(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < ASCII_END) {
        continue;
      }
      if (foldsAt(s, i)) {
        return i;
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
    return -1;
  }

  /** The replacement of one non-ASCII code point: null to keep it, "" to drop it. */
  private static @Nullable String fold(String s, int at, int cp, int width) {
    int type = Character.getType(cp);
    if (type == Character.FORMAT
        || (cp >= 0xFE00 && cp <= 0xFE0F)
        || (cp >= 0xE0100 && cp <= 0xE01EF)
        || cp == 0x034F
        || cp == 0x115F
        || cp == 0x1160
        || cp == 0x3164
        || cp == 0xFFA0) {
      return "";
    }
    if (type == Character.SPACE_SEPARATOR) {
      return " ";
    }
    if (type == Character.DASH_PUNCTUATION || cp == 0x2212) {
      return "-";
    }
    if (type == Character.DECIMAL_DIGIT_NUMBER) {
      return String.valueOf((char) ('0' + Character.digit(cp, 10)));
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      return String.valueOf((char) (cp - 0xFEE0));
    }
    if (cp <= 0xFFFF) {
      int c = Arrays.binarySearch(CONFUSABLE_FROM, (char) cp);
      if (c >= 0 && nextToAsciiAlnum(s, at, width)) {
        return String.valueOf(CONFUSABLE_TO[c]);
      }
    }
    int k = Arrays.binarySearch(COMPAT_KEYS, cp);
    return k >= 0 ? COMPAT_VALUES[k] : null;
  }

  private static boolean nextToAsciiAlnum(String s, int at, int width) {
    return (at > 0 && isAsciiAlnum(s.charAt(at - 1)))
        || (at + width < s.length() && isAsciiAlnum(s.charAt(at + width)));
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isPrintableAscii(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x7F) {
        return false;
      }
    }
    return true;
  }
}
