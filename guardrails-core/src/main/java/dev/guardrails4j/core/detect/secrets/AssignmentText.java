package dev.guardrails4j.core.detect.secrets;

import dev.guardrails4j.core.detect.text.AsciiCase;
import org.jspecify.annotations.Nullable;

/**
 * Tests on the text of a key-and-value assignment that {@link SecretAssignments} reads: whether a
 * key may name a secret, whether a value reads as a prose password, sits inside a call or is
 * followed by code, and the character classes and shapes of keys and values.
 */
final class AssignmentText {

  private AssignmentText() {}

  /**
   * An unquoted value written in a sentence ("my password: hunter2."): letters and digits, at
   * least six characters, followed by the end of the sentence or line rather than by code.
   *
   * @param t text
   * @param s value start
   * @param e value end, after {@link #trimSentenceEnd}
   * @return true if it reads as a password
   */
  static boolean looksLikeProsePassword(String t, int s, int e) {
    if (e - s < 6) {
      return false;
    }
    boolean digit = false;
    boolean letter = false;
    for (int p = s; p < e; p++) {
      char c = t.charAt(p);
      digit |= AsciiCase.isAsciiDigit(c);
      letter |= AsciiCase.isAsciiLetter(c);
    }
    if (!digit || !letter) {
      return false;
    }
    int n = t.length();
    int p = e;
    while (p < n && (t.charAt(p) == '.' || t.charAt(p) == '!' || t.charAt(p) == '?')) {
      p++;
    }
    return p >= n || Character.isWhitespace(t.charAt(p)) || t.charAt(p) == ',';
  }

  /**
   * Drops a sentence's closing full stop or colon from the end of an unquoted value.
   *
   * @param t text
   * @param s value start
   * @param e value end
   * @return the new end
   */
  static int trimSentenceEnd(String t, int s, int e) {
    if (e - s > 1 && (t.charAt(e - 1) == '.' || t.charAt(e - 1) == ':')
        && (e == t.length() || Character.isWhitespace(t.charAt(e)) || isQuote(t.charAt(e))
            || t.charAt(e) == ')' || t.charAt(e) == ']' || t.charAt(e) == '<')) {
      return e - 1;
    }
    return e;
  }

  /**
   * Whether the string literal opening at {@code quote} is an argument of a call: the nearest
   * unquoted bracket before it is '(' rather than '[' or '{'.
   */
  static boolean insideCall(String t, int quote) {
    boolean inString = false;
    char open = 0;
    int from = Math.max(0, quote - 160);
    for (int p = quote - 1; p >= from; p--) {
      char c = t.charAt(p);
      if (c == '"' || c == '\'') {
        inString = !inString;
      } else if (!inString && (c == '(' || c == '[' || c == '{')) {
        open = c;
        break;
      } else if (!inString && (c == ';' || c == '\n')) {
        // A call written over several lines still counts; a statement boundary does not.
        if (c == ';') {
          break;
        }
      }
    }
    return open == '(' || open == 0 && quote >= 0 && from == 0 && !inString;
  }

  /** The type a key name implies beyond the generic one. */
  static String specialType(String bare, String t, int vs, int ve) {
    int len = ve - vs;
    if (bare.contains("secretaccesskey") || bare.contains("awssecretkey")) {
      return SecretFormats.AWS_SECRET_KEY;
    }
    if (bare.contains("awssessiontoken")) {
      return SecretFormats.AWS_SESSION_TOKEN;
    }
    if (bare.equals("accountkey")) {
      return SecretFormats.AZURE_STORAGE_KEY;
    }
    if (bare.equals("sharedaccesskey")) {
      return SecretFormats.AZURE_SHARED_KEY;
    }
    if (bare.equals("sig") && len >= 40) {
      return SecretFormats.AZURE_SAS;
    }
    if ((bare.equals("privatekey") || bare.equals("presharedkey")) && len == 44
        && t.charAt(ve - 1) == '=') {
      return SecretFormats.WIREGUARD;
    }
    if (len == 52 && isBase32Lower(t, vs, ve)
        && (bare.contains("pat") || bare.contains("devops") || bare.contains("token"))) {
      return SecretFormats.AZURE_DEVOPS_PAT;
    }
    return SecretFormats.GENERIC;
  }

  /** The key="..." or name="..." attribute in the same XML tag as a value="..." attribute. */
  static @Nullable String attributeKey(String t, int valueAttr) {
    int from = Math.max(0, valueAttr - 160);
    for (int p = valueAttr - 1; p >= from; p--) {
      char c = t.charAt(p);
      if (c == '<' || c == '>') {
        return null;
      }
      if ((t.startsWith("key=\"", p) || t.startsWith("name=\"", p))
          && (p == 0 || t.charAt(p - 1) == ' ')) {
        int s = SecretText.indexOf(t, "\"", p, valueAttr) + 1;
        int e = s > 0 ? SecretText.indexOf(t, "\"", s, valueAttr) : -1;
        return e > s ? t.substring(s, e) : null;
      }
    }
    return null;
  }

  /**
   * A cheap look for the letters that start the words a secret's key contains, before the key is
   * copied and split.
   */
  static boolean mayNameSecret(String t, int s, int e) {
    for (int p = s; p < e; p++) {
      switch (t.charAt(p) | 0x20) {
        case 'p' -> {
          if (at(t, p, e, "pass") || at(t, p, e, "pwd") || at(t, p, e, "pw") || at(t, p, e, "pat")
              || at(t, p, e, "priv")) {
            return true;
          }
        }
        case 's' -> {
          if (at(t, p, e, "secret") || at(t, p, e, "sig")) {
            return true;
          }
        }
        case 't' -> {
          if (at(t, p, e, "token")) {
            return true;
          }
        }
        case 'k' -> {
          if (at(t, p, e, "key")) {
            return true;
          }
        }
        case 'a' -> {
          if (at(t, p, e, "auth") || at(t, p, e, "aws")) {
            return true;
          }
        }
        case 'c' -> {
          if (at(t, p, e, "cred") || at(t, p, e, "crumb")) {
            return true;
          }
        }
        case 'l' -> {
          if (at(t, p, e, "login")) {
            return true;
          }
        }
        default -> {
          // not a first letter of interest
        }
      }
    }
    return false;
  }

  private static boolean at(String t, int p, int e, String word) {
    return p + word.length() <= e && AsciiCase.startsWith(t, p, word);
  }

  /** An unquoted value followed by a call, member access or index is code, not a literal. */
  static boolean followedByCode(String t, int ve) {
    if (ve >= t.length()) {
      return false;
    }
    char c = t.charAt(ve);
    return c == '(' || c == '[' || (c == '.' && ve + 1 < t.length()
        && AsciiCase.isAsciiLetter(t.charAt(ve + 1)));
  }

  static boolean endsUnquoted(char c) {
    return c <= ' ' || c == ';' || c == ',' || c == '"' || c == '\'' || c == '`' || c == ')'
        || c == ']' || c == '}' || c == '<' || c == '&' || c == '(';
  }

  static boolean isQuote(char c) {
    return c == '"' || c == '\'' || c == '`';
  }

  static boolean isTokenChar(char c) {
    return AsciiCase.isAsciiAlnum(c) || c == '+' || c == '/' || c == '=' || c == '_' || c == '-'
        || c == '.' || c == '~';
  }

  static boolean isKeyChar(char c) {
    return AsciiCase.isAsciiAlnum(c) || c == '_' || c == '-' || c == '.' || c == '$' || c == '@';
  }

  /**
   * A short lower-case word: as an unquoted configuration value it is far more often a setting
   * ("files", "none", "plain") than a password.
   *
   * @param t text
   * @param s start
   * @param e end
   * @return true for a word of fewer than eight lower-case letters
   */
  static boolean isShortWord(String t, int s, int e) {
    if (e - s >= 8) {
      return false;
    }
    for (int p = s; p < e; p++) {
      char c = t.charAt(p);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return true;
  }

  static boolean hasDigitOrSymbol(String t, int s, int e) {
    for (int p = s; p < e; p++) {
      char c = t.charAt(p);
      if (!AsciiCase.isAsciiLetter(c) && c != '_') {
        return true;
      }
    }
    return false;
  }

  static int spaces(String t, int s, int e) {
    int count = 0;
    for (int p = s; p < e; p++) {
      if (t.charAt(p) == ' ') {
        count++;
      }
    }
    return count;
  }

  static boolean allDigits(String t, int s, int e) {
    for (int p = s; p < e; p++) {
      if (!AsciiCase.isAsciiDigit(t.charAt(p))) {
        return false;
      }
    }
    return true;
  }

  static boolean isBase64(String t, int s, int e) {
    for (int p = s; p < e; p++) {
      char c = t.charAt(p);
      if (!AsciiCase.isAsciiAlnum(c) && c != '+' && c != '/') {
        return false;
      }
    }
    return true;
  }

  private static boolean isBase32Lower(String t, int s, int e) {
    for (int p = s; p < e; p++) {
      char c = t.charAt(p);
      if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
        return false;
      }
    }
    return true;
  }
}
