package dev.guardrails4j.core.detect.text.views;

import java.text.Normalizer;
import org.jspecify.annotations.Nullable;

/**
 * The clean view: what a human reads when a value is disguised by characters that render as
 * nothing, by compatibility forms, by look-alike letters of other scripts, by inline markup or by a
 * line break. In one pass over the original text it
 * <ul>
 *   <li>drops C0 controls other than tab and line breaks, DEL, format characters (zero-width
 *       characters, joiners, bidirectional controls, the soft hyphen, tag characters), variation
 *       selectors, fillers and blanks that render as nothing (U+034F, U+17B4, U+17B5, U+2800,
 *       U+3164, U+FFFC) and lone surrogates;</li>
 *   <li>drops a line or paragraph separator (U+2028, U+2029, U+0085) between two letters or
 *       digits, and a line break inside a token ({@link #joinsLines});</li>
 *   <li>folds every other character by NFKC (full-width, mathematical and small forms such as
 *       {@code ﹫}), then look-alike letters ({@link Confusables}) in a word that also has an ASCII
 *       letter or digit;</li>
 *   <li>strips Markdown emphasis, backticks and inline HTML tags between two characters of a
 *       value ({@code 4<b></b>1}, {@code De**oe**Pj}).</li>
 * </ul>
 */
final class CleanView {

  /** Inline HTML tags stripped inside a value (lower case, as written by hand or by converters). */
  private static final String[] TAGS = {"b", "i", "u", "s", "em", "strong", "span", "code", "mark",
      "sub", "sup", "del", "ins", "small", "font", "wbr", "br", "kbd", "tt", "q"};

  /** The longest tag with attributes that is stripped. */
  private static final int MAX_TAG = 64;

  private CleanView() {}

  static @Nullable TextView of(String s) {
    int n = s.length();
    ViewBuilder out = new ViewBuilder(s, null);
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (isDroppedControl(c)) {
          out.changed();
          i++;
          continue;
        }
        if ((c == '\n' || c == '\r') && joinsLines(s, i)) {
          out.changed();
          i = afterLineBreak(s, i);
          continue;
        }
        if (c == '*' || c == '_' || c == '~' || c == '`' || c == '<') {
          int end = markupEnd(s, i);
          if (end > i && end < n && insideValue(out, s.charAt(end))) {
            out.changed();
            i = end;
            continue;
          }
        }
        out.add(c, i, i + 1);
        i++;
        continue;
      }
      int cp = s.codePointAt(i);
      int w = Character.charCount(cp);
      if (Character.isSurrogate(c) && w == 1 || isDropped(cp)) {
        out.changed();
        i += w;
        continue;
      }
      if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
        out.changed();
        if (!(i > 0 && Character.isLetterOrDigit(s.charAt(i - 1)) && i + 1 < n
            && Character.isLetterOrDigit(s.charAt(i + 1)))) {
          out.add('\n', i, i + w);
        }
        i += w;
        continue;
      }
      String folded = nfkc(cp);
      if (folded != null) {
        out.changed();
        for (int k = 0; k < folded.length(); k++) {
          char f = folded.charAt(k);
          char latin = Confusables.latin(f);
          out.add(latin != 0 && wordHasAscii(s, i, w) ? latin : f, i, i + w);
        }
        i += w;
        continue;
      }
      char latin = Confusables.latin(cp);
      if (latin != 0 && wordHasAscii(s, i, w)) {
        out.changed();
        out.add(latin, i, i + w);
        i += w;
        continue;
      }
      for (int k = 0; k < w; k++) {
        out.add(s.charAt(i + k), i, i + w);
      }
      i += w;
    }
    return out.build();
  }

  static boolean isDroppedControl(char c) {
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F;
  }

  /** Non-ASCII code points that render as nothing inside a word. */
  static boolean isDropped(int cp) {
    if (cp < 0xA0) {
      return cp >= 0x80; // C1 controls (U+0085 is handled as a line break before this)
    }
    int type = Character.getType(cp);
    return type == Character.FORMAT
        || cp == 0x034F || cp == 0x17B4 || cp == 0x17B5 || cp >= 0x180B && cp <= 0x180F
        || cp == 0x115F || cp == 0x1160 || cp == 0x2800 || cp == 0x3164 || cp == 0xFFA0
        || cp == 0xFFFC || cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0000 && cp <= 0xE0FFF;
  }

  /** The NFKC form of a code point when it differs and is short, else null. */
  private static @Nullable String nfkc(int cp) {
    if (Character.getType(cp) == Character.NON_SPACING_MARK) {
      return null; // combining marks stay with their base
    }
    String one = new String(Character.toChars(cp));
    if (Normalizer.isNormalized(one, Normalizer.Form.NFKC)) {
      return null;
    }
    String nf = Normalizer.normalize(one, Normalizer.Form.NFKC);
    return nf.length() <= 4 ? nf : null;
  }

  /** Whether the word around [i, i + w) holds an ASCII letter or digit. */
  static boolean wordHasAscii(String s, int i, int w) {
    for (int p = i - 1, k = 0; p >= 0 && k < 64; p--, k++) {
      char c = s.charAt(p);
      if (isAsciiAlnum(c)) {
        return true;
      }
      if (!isWordChar(c)) {
        break;
      }
    }
    for (int p = i + w, k = 0; p < s.length() && k < 64; p++, k++) {
      char c = s.charAt(p);
      if (isAsciiAlnum(c)) {
        return true;
      }
      if (!isWordChar(c)) {
        break;
      }
    }
    return false;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || Character.isSurrogate(c) || c == '_' || c == '-'
        || c >= 0x80 && isDropped(c) || c == 0x2028 || c == 0x2029;
  }

  static boolean isAsciiAlnum(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  /** Characters a value (token, number, address) is made of. */
  static boolean isValueChar(char c) {
    return isAsciiAlnum(c) || c == '_' || c == '-' || c == '.' || c == '@' || c == '+'
        || c == '/' || c == '=' || c >= 0x80 && Character.isLetterOrDigit(c);
  }

  /**
   * Whether markup between what was written so far and {@code next} sits inside a value: a value
   * character on one side and a value character or a space on the other ({@code 0**343 **6467}).
   */
  private static boolean insideValue(ViewBuilder out, char next) {
    if (out.length() == 0) {
      return false;
    }
    char before = out.charAt(out.length() - 1);
    return isValueChar(before) && (isValueChar(next) || next == ' ')
        || before == ' ' && isValueChar(next) && out.length() > 1
        && isValueChar(out.charAt(out.length() - 2));
  }

  /**
   * Where a run of Markdown emphasis, backticks and inline HTML tags starting at {@code i} ends, or
   * {@code i} if none starts there. A single {@code _} is a value character, not markup.
   */
  static int markupEnd(String s, int i) {
    // a long run of markup characters is not markup inside a value; the cap keeps the view linear
    int n = Math.min(s.length(), i + MAX_TAG);
    int p = i;
    while (p < n) {
      char c = s.charAt(p);
      int next = p;
      if (c == '*' || c == '~' || c == '`') {
        next = p + 1;
        while (next < n && s.charAt(next) == c) {
          next++;
        }
      } else if (c == '_' && p + 1 < n && s.charAt(p + 1) == '_') {
        next = p + 2;
      } else if (c == '<') {
        next = tagEnd(s, p);
      }
      if (next == p) {
        break;
      }
      p = next;
    }
    return p >= n && n < s.length() ? i : p;
  }

  /** Where an inline HTML tag ({@code <b>}, {@code </b>}, {@code <span class="x">}) ends, or i. */
  private static int tagEnd(String s, int i) {
    int n = s.length();
    int p = i + 1;
    if (p < n && s.charAt(p) == '/') {
      p++;
    }
    int nameStart = p;
    while (p < n && s.charAt(p) >= 'a' && s.charAt(p) <= 'z') {
      p++;
    }
    if (p == nameStart || !isTag(s, nameStart, p)) {
      return i;
    }
    while (p < n && p - i < MAX_TAG && s.charAt(p) != '>' && s.charAt(p) != '<') {
      p++;
    }
    return p < n && s.charAt(p) == '>' ? p + 1 : i;
  }

  private static boolean isTag(String s, int from, int to) {
    char after = to < s.length() ? s.charAt(to) : ' ';
    if (after != '>' && after != ' ' && after != '/') {
      return false;
    }
    for (String t : TAGS) {
      if (t.length() == to - from && s.regionMatches(from, t, 0, t.length())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the line break at {@code i} splits a token: the runs on both sides (up to whitespace)
   * are at least three characters, at least one holds a letter, and each holds a digit or an
   * underscore or is all upper case (a key, a token, a PEM header), so that prose broken over lines
   * stays as it is and number columns are left to the digits view.
   */
  static boolean joinsLines(String s, int i) {
    if (i == 0 || !isValueChar(s.charAt(i - 1))) {
      return false;
    }
    int after = afterLineBreak(s, i);
    if (after >= s.length() || !isValueChar(s.charAt(after))) {
      return false;
    }
    int leftStart = i;
    while (leftStart > 0 && leftStart > i - 256 && isValueChar(s.charAt(leftStart - 1))) {
      leftStart--;
    }
    int rightEnd = after;
    while (rightEnd < s.length() && rightEnd < after + 256 && isValueChar(s.charAt(rightEnd))) {
      rightEnd++;
    }
    if (i - leftStart < 3 || rightEnd - after < 3) {
      return false;
    }
    for (int k = after; k < Math.min(rightEnd, after + 8); k++) {
      if (s.charAt(k) == '-' || s.charAt(k) == '.') {
        return false; // a date, a version or a log line starts the next line
      }
    }
    int left = shape(s, leftStart, i);
    int right = shape(s, after, rightEnd);
    return ((left | right) & LETTER) != 0 && (left & TOKEN) != 0 && (right & TOKEN) != 0;
  }

  private static final int LETTER = 1;
  private static final int TOKEN = 2;

  private static int shape(String s, int from, int to) {
    boolean letter = false;
    boolean digitOrUnderscore = false;
    boolean lower = false;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (c >= '0' && c <= '9' || c == '_') {
        digitOrUnderscore = true;
      } else if (Character.isLetter(c)) {
        letter = true;
        lower |= Character.isLowerCase(c);
      }
    }
    return (letter ? LETTER : 0) | (digitOrUnderscore || letter && !lower ? TOKEN : 0);
  }

  static int afterLineBreak(String s, int i) {
    int p = i;
    if (s.charAt(p) == '\r') {
      p++;
    }
    if (p < s.length() && s.charAt(p) == '\n') {
      p++;
    }
    return p;
  }
}
