package dev.guardrails4j.core.detect.injection;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds runs of encoded text (Base64, hexadecimal, binary octets, Morse code) in one pass over a
 * raw text and decodes them, keeping only decodings that read as text.
 */
final class EncodedRuns {

  static final int BASE64 = 0;
  static final int HEX = 1;
  static final int HEX_PAIRS = 2;
  static final int BINARY = 3;
  static final int BINARY_OCTETS = 4;
  static final int MORSE = 5;

  private static final int C_B64 = 1;
  private static final int C_HEX = 2;
  private static final int C_BIN = 4;
  private static final int C_MORSE = 8;
  private static final int[] CLASS = new int[128];
  private static final int[] B64_VALUE = new int[128];
  private static final String TRIM = "\"'`()[]{}<>,;:!?";

  /** Runs found per text at most, and decoded characters per text at most. */
  private static final int MAX_RUNS = 64;

  static {
    Arrays.fill(B64_VALUE, -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      CLASS[alphabet.charAt(i)] |= C_B64;
      B64_VALUE[alphabet.charAt(i)] = i;
    }
    B64_VALUE['-'] = 62;
    B64_VALUE['_'] = 63;
    CLASS['-'] |= C_B64 | C_MORSE;
    CLASS['_'] |= C_B64;
    CLASS['='] |= C_B64;
    CLASS['.'] |= C_MORSE;
    CLASS['/'] |= C_MORSE;
    for (char c = '0'; c <= '9'; c++) {
      CLASS[c] |= C_HEX;
    }
    for (char c = 'a'; c <= 'f'; c++) {
      CLASS[c] |= C_HEX;
      CLASS[Character.toUpperCase(c)] |= C_HEX;
    }
    CLASS['0'] |= C_BIN;
    CLASS['1'] |= C_BIN;
  }

  private EncodedRuns() {}

  /**
   * Finds candidate runs.
   *
   * @param raw the text
   * @return {start, end, kind} triples in text order
   */
  static List<int[]> find(String raw) {
    return find(raw, 0, raw.length());
  }

  /**
   * Finds candidate runs in a window of a text; the window is widened to the whitespace around
   * it (a little way at most) so that no token is cut.
   *
   * @param raw the text
   * @param from where the window starts
   * @param to where the window ends, exclusive
   * @return {start, end, kind} triples in text order, offsets into {@code raw}
   */
  static List<int[]> find(String raw, int from, int to) {
    List<int[]> runs = new ArrayList<>(0);
    int begin = Math.max(0, from);
    int floor = Math.max(0, begin - 256);
    while (begin > floor && raw.charAt(begin - 1) > ' ') {
      begin--;
    }
    int n = Math.min(raw.length(), to);
    int ceiling = Math.min(raw.length(), n + 256);
    while (n < ceiling && raw.charAt(n) > ' ') {
      n++;
    }
    int runStart = -1;
    int runMask = 0;
    int tokenStart = -1;
    int spacedKind = -1;
    int spacedStart = 0;
    int spacedEnd = 0;
    int spacedCount = 0;
    boolean morseDot = false;
    boolean morseDash = false;
    for (int i = begin; i <= n && runs.size() < MAX_RUNS; i++) {
      char c = i < n ? raw.charAt(i) : ' ';
      int cls = c < 128 ? CLASS[c] : 0;
      if ((cls & C_B64) != 0) {
        if (runStart < 0) {
          runStart = i;
          runMask = C_B64 | C_HEX | C_BIN;
        }
        runMask &= cls;
      } else if (runStart >= 0) {
        contiguous(raw, runStart, i, runMask, runs);
        runStart = -1;
      }
      if (c > ' ') {
        if (tokenStart < 0) {
          tokenStart = i;
        }
        continue;
      }
      if (tokenStart < 0) {
        continue;
      }
      int a = tokenStart;
      int b = i;
      tokenStart = -1;
      while (a < b && TRIM.indexOf(raw.charAt(a)) >= 0) {
        a++;
      }
      while (b > a && TRIM.indexOf(raw.charAt(b - 1)) >= 0) {
        b--;
      }
      int kind = spacedKind(raw, a, b);
      if (kind >= 0 && kind == spacedKind) {
        spacedEnd = b;
        spacedCount++;
      } else {
        closeSpaced(spacedKind, spacedStart, spacedEnd, spacedCount, morseDot && morseDash, runs);
        spacedKind = kind;
        spacedStart = a;
        spacedEnd = b;
        spacedCount = kind >= 0 ? 1 : 0;
        morseDot = false;
        morseDash = false;
      }
      if (kind == MORSE) {
        for (int k = a; k < b; k++) {
          morseDot |= raw.charAt(k) == '.';
          morseDash |= raw.charAt(k) == '-';
        }
      }
    }
    closeSpaced(spacedKind, spacedStart, spacedEnd, spacedCount, morseDot && morseDash, runs);
    runs.sort((x, y) -> Integer.compare(x[0], y[0]));
    return runs;
  }

  private static void contiguous(String raw, int start, int end, int mask, List<int[]> runs) {
    int len = end - start;
    if ((mask & C_BIN) != 0 && len >= 32 && len % 8 == 0) {
      runs.add(new int[] {start, end, BINARY});
    } else if ((mask & C_HEX) != 0 && len >= 16 && len % 2 == 0) {
      runs.add(new int[] {start, end, HEX});
    } else if (len >= 20) {
      runs.add(new int[] {start, end, BASE64});
    }
  }

  private static int spacedKind(String raw, int a, int b) {
    int len = b - a;
    if (len <= 0 || len > 8) {
      return -1;
    }
    int mask = C_HEX | C_BIN | C_MORSE;
    for (int k = a; k < b; k++) {
      char c = raw.charAt(k);
      mask &= c < 128 ? CLASS[c] : 0;
    }
    if ((mask & C_BIN) != 0 && len == 8) {
      return BINARY_OCTETS;
    }
    if ((mask & C_HEX) != 0 && len == 2) {
      return HEX_PAIRS;
    }
    if ((mask & C_MORSE) != 0 && len <= 7) {
      return MORSE;
    }
    return -1;
  }

  private static void closeSpaced(
      int kind, int start, int end, int count, boolean morseMixed, List<int[]> runs) {
    if (kind == BINARY_OCTETS && count >= 4
        || kind == HEX_PAIRS && count >= 6
        || kind == MORSE && count >= 6 && morseMixed) {
      runs.add(new int[] {start, end, kind});
    }
  }

  /**
   * Decodes a run.
   *
   * @return the decoded text, or null when it does not read as text
   */
  static String decode(String raw, int start, int end, int kind) {
    String decoded = switch (kind) {
      case BASE64 -> utf8(base64(raw, start, end));
      case HEX -> utf8(hex(raw, start, end, false));
      case HEX_PAIRS -> utf8(hex(raw, start, end, true));
      case BINARY, BINARY_OCTETS -> utf8(binary(raw, start, end));
      case MORSE -> morse(raw, start, end);
      default -> null;
    };
    return decoded != null && readsAsText(decoded) ? decoded : null;
  }

  private static byte[] base64(String raw, int start, int end) {
    int e = end;
    while (e > start && raw.charAt(e - 1) == '=') {
      e--;
    }
    byte[] out = new byte[(e - start) * 3 / 4];
    int o = 0;
    int buffer = 0;
    int bits = 0;
    for (int i = start; i < e; i++) {
      char c = raw.charAt(i);
      int v = c < 128 ? B64_VALUE[c] : -1;
      if (v < 0) {
        return null;
      }
      buffer = (buffer << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        if (o < out.length) {
          out[o++] = (byte) (buffer >> bits);
        }
      }
    }
    return Arrays.copyOf(out, o);
  }

  private static byte[] hex(String raw, int start, int end, boolean spaced) {
    byte[] out = new byte[(end - start) / 2 + 1];
    int o = 0;
    int high = -1;
    for (int i = start; i < end; i++) {
      int d = Character.digit(raw.charAt(i), 16);
      if (d < 0) {
        if (spaced) {
          continue;
        }
        return null;
      }
      if (high < 0) {
        high = d;
      } else {
        out[o++] = (byte) (high << 4 | d);
        high = -1;
      }
    }
    return Arrays.copyOf(out, o);
  }

  private static byte[] binary(String raw, int start, int end) {
    byte[] out = new byte[(end - start) / 8 + 1];
    int o = 0;
    int value = 0;
    int bits = 0;
    for (int i = start; i < end; i++) {
      char c = raw.charAt(i);
      if (c != '0' && c != '1') {
        continue;
      }
      value = value << 1 | (c - '0');
      if (++bits == 8) {
        out[o++] = (byte) value;
        value = 0;
        bits = 0;
      }
    }
    return Arrays.copyOf(out, o);
  }

  private static final String[] MORSE_CODES = {
      ".-", "-...", "-.-.", "-..", ".", "..-.", "--.", "....", "..", ".---", "-.-", ".-..",
      "--", "-.", "---", ".--.", "--.-", ".-.", "...", "-", "..-", "...-", ".--", "-..-",
      "-.--", "--..", "-----", ".----", "..---", "...--", "....-", ".....", "-....", "--...",
      "---..", "----."};

  private static String morse(String raw, int start, int end) {
    StringBuilder out = new StringBuilder((end - start) / 3 + 1);
    int i = start;
    while (i < end) {
      char c = raw.charAt(i);
      if (c == '/') {
        out.append(' ');
        i++;
        continue;
      }
      if (c != '.' && c != '-') {
        i++;
        continue;
      }
      int j = i;
      while (j < end && (raw.charAt(j) == '.' || raw.charAt(j) == '-')) {
        j++;
      }
      String code = raw.substring(i, j);
      char letter = '?';
      for (int k = 0; k < MORSE_CODES.length; k++) {
        if (MORSE_CODES[k].equals(code)) {
          letter = k < 26 ? (char) ('a' + k) : (char) ('0' + k - 26);
          break;
        }
      }
      out.append(letter);
      i = j;
    }
    return out.toString();
  }

  private static String utf8(byte[] bytes) {
    if (bytes == null || bytes.length == 0 || !hasSpaceByte(bytes)) {
      return null; // text has spaces; identifiers and keys decode to bytes without one
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean hasSpaceByte(byte[] bytes) {
    for (byte x : bytes) {
      if (x == ' ') {
        return true;
      }
    }
    return false;
  }

  /** Mostly letters and spaces, at least two words: worth scanning again. */
  static boolean readsAsText(String s) {
    if (s.length() < 8) {
      return false;
    }
    int letters = 0;
    int spaces = 0;
    int odd = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
      } else if (c == ' ') {
        spaces++;
      } else if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t'
          || c == '\uFFFD') {
        odd++;
      }
    }
    return odd == 0 && spaces >= 1 && letters * 2 >= s.length();
  }
}
