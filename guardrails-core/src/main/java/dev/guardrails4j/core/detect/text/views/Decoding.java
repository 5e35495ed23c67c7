package dev.guardrails4j.core.detect.text.views;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The decoded view: runs of encoded text replaced by what they decode to, so that a value written
 * as URL-encoded ({@code %41}), HTML-entity ({@code &#65;}, {@code &#x41;}, {@code &commat;}),
 * {@code \u0041}/{@code \x41}-escaped, quoted-printable ({@code =41}), hex or base64 text, or
 * smuggled in Unicode tag characters (U+E0020-U+E007E), is read like the value itself.
 *
 * <p>Bounded: a run decodes only when it is long enough to hold a value and decodes to printable
 * UTF-8 text (random tokens and binary data stay as they are); the decoded view is never longer
 * than its base, and {@link SharedViews} decodes at most {@link #MAX_DEPTH} times (a base64 run
 * of URL-encoded text). A decoded character maps to the encoded unit it came from, or, for hex and
 * base64, to the whole run.
 */
final class Decoding {

  /** How many times a text is decoded (an encoding inside an encoding). */
  static final int MAX_DEPTH = 2;

  /** The shortest hex or base64 run that is decoded. */
  private static final int MIN_RUN = 16;

  /** The fewest escapes in a quoted-printable or {@code \\x} run (one is enough for URL encoding). */
  private static final int MIN_ESCAPES = 2;

  private static final String[][] ENTITIES = {
    {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "},
    {"commat", "@"}, {"period", "."}, {"lowbar", "_"}, {"hyphen", "-"}, {"dash", "-"},
    {"colon", ":"}, {"sol", "/"}, {"num", "#"}, {"dollar", "$"}, {"percnt", "%"},
    {"excl", "!"}, {"plus", "+"}, {"equals", "="}, {"comma", ","}, {"lpar", "("}, {"rpar", ")"},
    {"bsol", "\\"}, {"quest", "?"}, {"semi", ";"}, {"ast", "*"}, {"grave", "`"}, {"tab", "\t"},
    {"NewLine", "\n"}
  };

  private Decoding() {}

  /** Decodes the encoded runs of {@code s} (the text of {@code base}, or the original if null). */
  static @Nullable TextView of(String s, @Nullable TextView base) {
    int n = s.length();
    ViewBuilder out = new ViewBuilder(s, base);
    Bytes bytes = new Bytes();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      int end = -1;
      if (c == '%' || c == '=') {
        end = escapedRun(s, i, c, out, bytes);
      } else if (c == '&') {
        end = entity(s, i, out);
      } else if (c == '\\') {
        end = backslash(s, i, out, bytes);
      } else if (c == 0xDB40) {
        end = tags(s, i, out);
      } else if (isBase64(c) && (i == 0 || !isBase64(s.charAt(i - 1)))) {
        end = hexOrBase64(s, i, out, bytes);
      }
      if (end > i) {
        out.changed();
        i = end;
      } else if (end < -1) {
        // a run that was read and did not decode: copied whole, not read again from inside
        out.copy(s, i, -end - 2);
        i = -end - 2;
      } else if (isBase64(c)) {
        // copy the rest of a run that did not decode, so it is not retried from inside
        int r = i;
        while (r < n && isBase64(s.charAt(r))) {
          r++;
        }
        out.copy(s, i, Math.max(r, i + 1));
        i = Math.max(r, i + 1);
      } else {
        out.add(c, i, i + 1);
        i++;
      }
    }
    return out.build();
  }

  /** A run of {@code %XX} or {@code =XX} escapes mixed with unreserved characters. */
  private static int escapedRun(String s, int i, char escape, ViewBuilder out, Bytes bytes) {
    int n = s.length();
    bytes.clear();
    int escapes = 0;
    int p = i;
    int lastEscapeEnd = i;
    while (p < n) {
      char c = s.charAt(p);
      if (c == escape && p + 2 < n && hex(s, p + 1) >= 0 && hex(s, p + 2) >= 0
          && (escape == '%' || isUpperHex(s.charAt(p + 1)) && isUpperHex(s.charAt(p + 2)))) {
        bytes.add((byte) (hex(s, p + 1) * 16 + hex(s, p + 2)), p, p + 3);
        escapes++;
        p += 3;
        lastEscapeEnd = p;
      } else if (escape == '=' && c == '=' && p + 1 < n && (s.charAt(p + 1) == '\n'
          || s.charAt(p + 1) == '\r')) {
        p = CleanView.afterLineBreak(s, p + 1); // a soft line break
      } else if (c < 0x80 && (CleanView.isAsciiAlnum(c) || c == '.' || c == '_' || c == '~'
          || c == '-' || c == '+')) {
        bytes.add((byte) c, p, p + 1);
        p++;
      } else {
        break;
      }
    }
    if (escapes < (escape == '%' ? 1 : MIN_ESCAPES)) {
      return -1;
    }
    // trailing literal characters after the last escape stay in the base text
    while (bytes.size > 0 && bytes.ends[bytes.size - 1] > lastEscapeEnd) {
      bytes.size--;
    }
    return bytes.emitText(out) ? lastEscapeEnd : -2 - lastEscapeEnd;
  }

  /** An HTML character reference. */
  private static int entity(String s, int i, ViewBuilder out) {
    int n = s.length();
    int semi = -1;
    for (int p = i + 1; p < n && p < i + 12; p++) {
      if (s.charAt(p) == ';') {
        semi = p;
        break;
      }
    }
    if (semi < 0) {
      return -1;
    }
    String body = s.substring(i + 1, semi);
    int cp = -1;
    if (body.startsWith("#x") || body.startsWith("#X")) {
      cp = parse(body, 2, 16);
    } else if (body.startsWith("#")) {
      cp = parse(body, 1, 10);
    } else {
      for (String[] e : ENTITIES) {
        if (e[0].equals(body)) {
          out.add(e[1].charAt(0), i, semi + 1);
          return semi + 1;
        }
      }
    }
    if (cp < 0 || cp > Character.MAX_CODE_POINT || Character.isSurrogate((char) cp) && cp < 0x10000) {
      return -1;
    }
    for (char c : Character.toChars(cp)) {
      out.add(c, i, semi + 1);
    }
    return semi + 1;
  }

  private static int parse(String body, int from, int radix) {
    if (body.length() <= from || body.length() - from > 7) {
      return -1;
    }
    try {
      return Integer.parseInt(body, from, body.length(), radix);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** {@code \\uXXXX} (with surrogate pairs) or a run of {@code \\xXX} bytes. */
  private static int backslash(String s, int i, ViewBuilder out, Bytes bytes) {
    int n = s.length();
    if (i + 5 < n) {
      if (s.charAt(i + 1) == 'u' && hex4(s, i + 2) >= 0) {
        out.add((char) hex4(s, i + 2), i, i + 6);
        return i + 6;
      }
    }
    bytes.clear();
    int p = i;
    while (p + 3 < n && s.charAt(p) == '\\' && s.charAt(p + 1) == 'x' && hex(s, p + 2) >= 0
        && hex(s, p + 3) >= 0) {
      bytes.add((byte) (hex(s, p + 2) * 16 + hex(s, p + 3)), p, p + 4);
      p += 4;
    }
    if (bytes.size < MIN_ESCAPES) {
      return -1;
    }
    return bytes.emitText(out) ? p : -2 - p;
  }

  /** Unicode tag characters standing for ASCII (the "ASCII smuggling" of invisible text). */
  private static int tags(String s, int i, ViewBuilder out) {
    int n = s.length();
    int p = i;
    while (p + 1 < n && s.charAt(p) == 0xDB40) {
      char low = s.charAt(p + 1);
      if (low < 0xDC20 || low > 0xDC7E) {
        break;
      }
      out.add((char) (low - 0xDC00), p, p + 2);
      p += 2;
    }
    return p;
  }

  /**
   * Whether the hex or base64 run {@code [from, to)} (letters, digits, {@code + / - _}) decodes to
   * printable text: the check {@link ViewTriggers} makes before a decoded view is built.
   */
  static boolean decodesRun(String s, int from, int to) {
    if (!plausible(s, from, to)) {
      return false;
    }
    ViewBuilder probe = new ViewBuilder(s, null);
    return hexOrBase64(s, from, probe, new Bytes()) > from;
  }

  /**
   * A check without allocation that rules out most runs (words joined by hyphens, random tokens):
   * the first six bytes the run would decode to, as hex or as base64, must be text (no control
   * character, no byte that never occurs in UTF-8).
   */
  static boolean plausible(String s, int from, int to) {
    boolean hex = true;
    boolean upper = false;
    boolean lower = false;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      hex &= c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      if (!hex && upper && lower) {
        break;
      }
    }
    if (hex && (to - from) % 2 == 0) {
      for (int k = 0; k < 6; k++) {
        if (!textByte(hex(s, from + 2 * k) * 16 + hex(s, from + 2 * k + 1))) {
          return false;
        }
      }
      return true;
    }
    if (!(upper && lower)) {
      return false; // base64 of text mixes cases
    }
    int bits = 0;
    int value = 0;
    int bytes = 0;
    for (int k = from; k < to && bytes < 6; k++) {
      int v = base64Value(s.charAt(k));
      if (v < 0) {
        return false;
      }
      value = value << 6 | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        if (!textByte(value >> bits & 0xFF)) {
          return false;
        }
        bytes++;
      }
    }
    return true;
  }

  private static boolean textByte(int b) {
    return b >= 0x20 && b < 0x7F || b == '\n' || b == '\r' || b == '\t'
        || b >= 0x80 && b <= 0xBF || b >= 0xC2 && b <= 0xF4;
  }

  private static int base64Value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '+' || c == '-' ? 62 : c == '/' || c == '_' ? 63 : -1;
  }

  /** A hex or base64 run that decodes to printable text. */
  private static int hexOrBase64(String s, int i, ViewBuilder out, Bytes bytes) {
    int n = s.length();
    int end = i;
    boolean allHex = true;
    boolean lowerHex = false;
    boolean upperHex = false;
    boolean digit = false;
    while (end < n && isBase64(s.charAt(end))) {
      char c = s.charAt(end);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c >= 'a' && c <= 'f') {
        lowerHex = true;
      } else if (c >= 'A' && c <= 'F') {
        upperHex = true;
      } else {
        allHex = false;
      }
      end++;
    }
    int padded = end;
    while (padded < n && padded < end + 2 && s.charAt(padded) == '=') {
      padded++;
    }
    if (end - i < MIN_RUN || !plausible(s, i, end)
        || s.startsWith("eyJ", i) && end < n && s.charAt(end) == '.') {
      return -1; // too short, not text, or a JWT segment (the secrets rules read JWTs whole)
    }
    byte[] decoded;
    if (allHex && digit && !(lowerHex && upperHex) && (end - i) % 2 == 0) {
      decoded = new byte[(end - i) / 2];
      for (int k = 0; k < decoded.length; k++) {
        decoded[k] = (byte) (hex(s, i + 2 * k) * 16 + hex(s, i + 2 * k + 1));
      }
    } else {
      String run = s.substring(i, padded).replace('-', '+').replace('_', '/');
      try {
        decoded = Base64.getDecoder().decode(pad(run));
      } catch (IllegalArgumentException e) {
        return -1;
      }
    }
    bytes.clear();
    for (byte b : decoded) {
      bytes.add(b, i, padded);
    }
    return bytes.emitText(out) ? padded : -1;
  }

  private static String pad(String run) {
    String r = run.replace("=", "");
    int rem = r.length() % 4;
    return rem == 0 ? r : rem == 2 ? r + "==" : rem == 3 ? r + "=" : r.substring(0, r.length() - 1);
  }

  private static boolean isBase64(char c) {
    return CleanView.isAsciiAlnum(c) || c == '+' || c == '/' || c == '-' || c == '_';
  }

  private static boolean isUpperHex(char c) {
    return c >= '0' && c <= '9' || c >= 'A' && c <= 'F';
  }

  private static int hex(String s, int i) {
    if (i >= s.length()) {
      return -1;
    }
    return Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 0x80
        ? Character.digit(s.charAt(i), 16) : -1;
  }

  private static int hex4(String s, int i) {
    int v = 0;
    for (int k = 0; k < 4; k++) {
      int h = hex(s, i + k);
      if (h < 0) {
        return -1;
      }
      v = v * 16 + h;
    }
    return v;
  }

  /** Decoded bytes, each with the span of the base text it came from. */
  static final class Bytes {
    byte[] data = new byte[64];
    int[] starts = new int[64];
    int[] ends = new int[64];
    int size;

    void clear() {
      size = 0;
    }

    void add(byte b, int from, int to) {
      if (size == data.length) {
        data = java.util.Arrays.copyOf(data, size * 2);
        starts = java.util.Arrays.copyOf(starts, size * 2);
        ends = java.util.Arrays.copyOf(ends, size * 2);
      }
      data[size] = b;
      starts[size] = from;
      ends[size] = to;
      size++;
    }

    /**
     * Decodes the bytes as UTF-8 and appends the characters if they are printable text (no
     * controls other than whitespace, at most one in ten characters outside letters, digits,
     * punctuation and spaces); returns whether it did.
     */
    boolean emitText(ViewBuilder out) {
      if (size == 0) {
        return false;
      }
      for (int k = 0; k < size; k++) {
        byte b = data[k];
        if (b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t' || b == 0x7F) {
          return false; // binary data, before the cost of a decoder
        }
      }
      CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      CharBuffer chars = CharBuffer.allocate(size);
      // the result, not an exception, says the bytes are not UTF-8: random data is common here
      if (decoder.decode(ByteBuffer.wrap(data, 0, size), chars, true).isError()
          || decoder.flush(chars).isError()) {
        return false;
      }
      chars.flip();
      int odd = 0;
      for (int k = 0; k < chars.length(); k++) {
        char c = chars.charAt(k);
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7F || c == 0xFFFD) {
          return false;
        }
        if (!(Character.isLetterOrDigit(c) || Character.isWhitespace(c) || c >= 0x20 && c < 0x7F)) {
          odd++;
        }
      }
      if (odd * 10 > chars.length()) {
        return false;
      }
      // map each character to the bytes it came from
      int b = 0;
      for (int k = 0; k < chars.length(); k++) {
        char c = chars.charAt(k);
        int cp = Character.isHighSurrogate(c) && k + 1 < chars.length()
            ? Character.toCodePoint(c, chars.charAt(k + 1)) : c;
        int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        int from = starts[Math.min(b, size - 1)];
        int to = ends[Math.min(b + len - 1, size - 1)];
        out.add(c, from, to);
        if (Character.isHighSurrogate(c) && k + 1 < chars.length()) {
          out.add(chars.charAt(k + 1), from, to);
          k++;
        }
        b += len;
      }
      return true;
    }
  }
}
