package dev.guardrails4j.core.detect.secrets;

import static dev.guardrails4j.core.detect.secrets.SecretsDetector.THREE_BITS;

import dev.guardrails4j.core.detect.text.AsciiCase;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Text tests the {@code secrets} checks share: word boundaries, bounded searches, character
 * classes of secret values, and base64 decoding by hand.
 */
final class SecretText {

  private SecretText() {}

  static boolean quoteBefore(String t, int i) {
    int p = i - 1;
    while (p >= 0 && t.charAt(p) == ' ' && i - p < 16) {
      p--;
    }
    return p >= 0 && (t.charAt(p) == '"' || t.charAt(p) == '\'' || t.charAt(p) == '`');
  }

  static int hash3(int key, char third) {
    return (key * 131 + third) & (THREE_BITS - 1);
  }

  /** Whether a value starts with a word that only triggers phrases ("password is ..."). */
  static boolean isPhraseTriggerAt(String t, int s) {
    char c = (char) (t.charAt(s) | 0x20);
    return c == 'p' || c == 'b' || c == 't' || c == 'k' || c == 'u' || c == 'n' || c == 'd';
  }

  static int lookingAt(Pattern pattern, String t, int from, int window) {
    if (from >= t.length()) {
      return -1;
    }
    Matcher m = pattern.matcher(t);
    m.region(from, Math.min(t.length(), from + window));
    return m.lookingAt() ? m.end() : -1;
  }

  static int hostStart(String t, int dot) {
    int s = dot;
    while (s > 0 && dot - s < 255) {
      char c = t.charAt(s - 1);
      if (AsciiCase.isAsciiAlnum(c) || c == '-' || c == '.' || c == '_') {
        s--;
      } else {
        break;
      }
    }
    while (s < dot && !AsciiCase.isAsciiAlnum(t.charAt(s))) {
      s++;
    }
    return s;
  }

  /**
   * Decodes {@code t[s, e)} (cut to a multiple of four characters) as standard base64, the way
   * {@link java.util.Base64.Decoder} does, without exceptions: null when it is not valid base64 or
   * decodes to control characters.
   */
  static @Nullable String decodeBase64(String t, int s, int e) {
    int len = (e - s) / 4 * 4;
    if (len < 4) {
      return null;
    }
    int end = s + len;
    // Padding: at most two '=' and only at the very end.
    int pad = 0;
    if (t.charAt(end - 1) == '=') {
      pad = t.charAt(end - 2) == '=' ? 2 : 1;
    }
    byte[] bytes = new byte[len / 4 * 3 - pad];
    int out = 0;
    for (int p = s; p < end; p += 4) {
      boolean last = p + 4 == end;
      int chars = last ? 4 - pad : 4;
      int bits = 0;
      for (int k = 0; k < chars; k++) {
        int v = base64Value(t.charAt(p + k));
        if (v < 0) {
          return null;
        }
        bits |= v << (18 - 6 * k);
      }
      bytes[out++] = (byte) (bits >> 16);
      if (chars > 2) {
        bytes[out++] = (byte) (bits >> 8);
      }
      if (chars > 3) {
        bytes[out++] = (byte) bits;
      }
    }
    for (byte b : bytes) {
      if ((b < 0x20 && b != '\n' && b != '\r' && b != '\t') || b == 0x7F) {
        return null;
      }
    }
    return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** The value of a standard base64 digit, or -1 (also for '='). */
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
    return c == '+' ? 62 : c == '/' ? 63 : -1;
  }

  /** Where {@code what} occurs in {@code t[from, limit)}, or -1; never looks past limit. */
  static int indexOf(String t, String what, int from, int limit) {
    char first = what.charAt(0);
    for (int p = from; p + what.length() <= limit; p++) {
      if (t.charAt(p) == first && t.startsWith(what, p)) {
        return p;
      }
    }
    return -1;
  }

  static int lineEnd(String t, int from) {
    int limit = Math.min(t.length(), from + 4096);
    for (int p = from; p < limit; p++) {
      if (t.charAt(p) == '\n') {
        return p;
      }
    }
    return limit;
  }

  static boolean boundaryBefore(String t, int i) {
    return i == 0 || !AsciiCase.isAsciiAlnum(t.charAt(i - 1));
  }

  static boolean boundaryAfter(String t, int e) {
    return e >= t.length() || !AsciiCase.isAsciiAlnum(t.charAt(e));
  }

  static boolean wordBefore(String t, int i, String word, int window) {
    return AsciiCase.occursIn(t, i - window, i, word);
  }

  static boolean isHex(String t, int s, int e) {
    for (int p = s; p < e; p++) {
      char c = t.charAt(p);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  static boolean isLowerAlnum(String t, int s, int e) {
    for (int p = s; p < e; p++) {
      char c = t.charAt(p);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
        return false;
      }
    }
    return true;
  }

  static boolean isAlnum(String t, int s, int e) {
    for (int p = s; p < e; p++) {
      if (!AsciiCase.isAsciiAlnum(t.charAt(p))) {
        return false;
      }
    }
    return true;
  }

  static boolean hasDigitOrSymbol(String t, int s, int e) {
    for (int p = s; p < e; p++) {
      if (!AsciiCase.isAsciiLetter(t.charAt(p))) {
        return true;
      }
    }
    return false;
  }

  static int countSpaces(String t, int s, int e) {
    int count = 0;
    for (int p = s; p < e; p++) {
      if (t.charAt(p) == ' ') {
        count++;
      }
    }
    return count;
  }

  static boolean isSchemeChar(char c) {
    return AsciiCase.isAsciiAlnum(c) || c == '+' || c == '-' || c == '.';
  }

  static boolean isUrlSafe(char c) {
    return AsciiCase.isAsciiAlnum(c) || c == '_' || c == '-';
  }

  static boolean isSecretChar(char c) {
    return AsciiCase.isAsciiAlnum(c) || c == '_' || c == '-' || c == '.' || c == '~';
  }

  static boolean isBearerChar(char c) {
    return AsciiCase.isAsciiAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+'
        || c == '/';
  }

  static boolean isBase64Char(char c) {
    return AsciiCase.isAsciiAlnum(c) || c == '+' || c == '/' || c == '=';
  }
}
