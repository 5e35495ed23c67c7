package dev.guardrails4j.core.detect.secrets;

import dev.guardrails4j.core.detect.text.AsciiCase;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Judges a candidate secret value found after a key such as {@code password} or {@code api_key}:
 * is it a literal at all (not a variable, expression or template), is it a placeholder, and for
 * keys that name machine tokens, does it look random (Shannon entropy and character classes).
 */
final class SecretValues {

  private SecretValues() {}

  /** Values that are placeholders when they are the whole value (compared without punctuation). */
  private static final Set<String> PLACEHOLDERS = Set.of(
      "password", "passwd", "pass", "pwd", "mypassword", "yourpassword", "mypass", "mysecret",
      "yoursecret", "token", "mytoken", "yourtoken", "apikey", "myapikey", "yourapikey", "key",
      "mykey", "yourkey", "secretkey", "accesskey", "default", "test", "testing", "null", "none",
      "nil", "undefined", "empty", "true", "false", "string", "value", "required", "optional",
      "hidden", "masked", "notset", "unset", "tbd", "na", "foo", "bar", "foobar", "changeit",
      "str", "text", "char", "bytes", "int", "object", "any", "env", "secretvalue");

  /** Markers that make any value a placeholder or a template. */
  private static final String[] PLACEHOLDER_MARKS = {
    "xxx", "***", "...", "your", "changeme", "change_me", "change-me", "example", "placeholder",
    "dummy", "sample", "redacted", "replace", "insert", "enter_", "enter-", "enter ", "fixme",
    "todo", "goes here", "_here", "-here", "${", "#{", "{{", "}}", "%(", "%s",
  };

  /** Fragments that show a value is read from somewhere else rather than written down. */
  private static final String[] REFERENCE_MARKS = {
    "${", "#{", "{{", "$(", "%(", "process.env", "os.environ", "getenv", "env[", "env(",
    "secrets.", "system.get", "vault:", "ssm:", "keyvault", "import.meta.env",
  };

  /**
   * Whether {@code t[s, e)} refers to a value instead of being one: a variable, interpolation,
   * environment lookup, format directive.
   *
   * @param t text
   * @param s start
   * @param e end
   * @return true for a reference
   */
  static boolean isReference(String t, int s, int e) {
    if (e <= s) {
      return true;
    }
    char first = t.charAt(s);
    if (first == '$' && !(e - s > 2 && AsciiCase.isAsciiDigit(t.charAt(s + 1)))) {
      return true;
    }
    if (first == '%' || first == '{' || first == '&' || first == '\\') {
      return true;
    }
    if (first == '@' && isIdentifier(t, s + 1, e)) {
      return true;
    }
    if (first == '/' || t.startsWith("~/", s) || t.startsWith("./", s) || t.startsWith("../", s)
        || (e - s > 2 && AsciiCase.isAsciiLetter(first) && t.charAt(s + 1) == ':'
            && t.charAt(s + 2) == '\\')) {
      return true; // a file path
    }
    String lower = t.substring(s, e).toLowerCase(Locale.ROOT);
    if (lower.contains("\\u")) {
      return true; // text written with Unicode escapes: a translated message, not a credential
    }
    for (String mark : REFERENCE_MARKS) {
      if (lower.contains(mark)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code t[s, e)} is a placeholder: filler characters, a template marker, a word such as
   * {@code changeme}, or a name that repeats the key ({@code password: my_password}).
   *
   * @param t text
   * @param s start
   * @param e end
   * @param key the key's name, or null
   * @return true for a placeholder
   */
  static boolean isPlaceholder(String t, int s, int e, @Nullable String key) {
    if (e <= s) {
      return true;
    }
    String value = t.substring(s, e);
    char first = value.charAt(0);
    String trimmed = value.strip();
    char last = trimmed.isEmpty() ? first : trimmed.charAt(trimmed.length() - 1);
    if (first == '<' || first == '[' || last == '>' || last == ']' || last == ':') {
      return true; // a template, or a label such as "Password:"
    }
    String lower = value.toLowerCase(Locale.ROOT);
    for (String mark : PLACEHOLDER_MARKS) {
      if (lower.contains(mark)) {
        return true;
      }
    }
    StringBuilder alnum = new StringBuilder(lower.length());
    char only = 0;
    boolean same = true;
    for (int k = 0; k < lower.length(); k++) {
      char c = lower.charAt(k);
      if (AsciiCase.isAsciiAlnum(c)) {
        alnum.append(c);
        if (only == 0) {
          only = c;
        } else if (c != only) {
          same = false;
        }
      }
    }
    if (alnum.length() == 0 || same) {
      return true;
    }
    if (isDottedName(t, s, e) && !hasRandomSegment(t, s, e)) {
      return true; // a property or member name: db.password, keyPair.privateKey
    }
    String bare = alnum.toString();
    if (PLACEHOLDERS.contains(bare)) {
      return true;
    }
    if (key != null && bare.equals(KeyNames.bare(key))) {
      return true;
    }
    // "smtp_password", "DB_SECRET", "myApiToken": a name without digits, not a value.
    List<String> words = value.length() <= 32 && isName(value) ? KeyNames.segments(value) : List.of();
    if (words.size() >= 2) {
      for (String word : words) {
        if (word.equals("password") || word.equals("passwd") || word.equals("secret")
            || word.equals("token") || word.equals("apikey")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code t[s, e)} looks like a machine-generated token: long enough, no whitespace,
   * Shannon entropy of at least 3 bits per character, and a mix of character classes (digits and
   * letters, or three classes), without being a dotted name, path or URL.
   *
   * @param t text
   * @param s start
   * @param e end
   * @return true if it looks random
   */
  static boolean looksRandom(String t, int s, int e) {
    int len = e - s;
    if (len < 12 || len > 1024) {
      return false;
    }
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean symbol = false;
    int slashes = 0;
    int[] counts = new int[128];
    for (int p = s; p < e; p++) {
      char c = t.charAt(p);
      if (c >= 128 || c <= ' ') {
        return false;
      }
      counts[c]++;
      if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else {
        symbol = true;
        if (c == '/') {
          slashes++;
        }
      }
    }
    if (slashes >= 2 && (t.startsWith("/", s) || t.startsWith("http", s) || t.startsWith("./", s))) {
      return false;
    }
    // Random tokens of this length almost always mix digits and letters; names and code do not.
    if (!(digit && (lower || upper))) {
      return false;
    }
    if (symbol && !onlyTokenSymbols(t, s, e)) {
      return false;
    }
    if (isDottedName(t, s, e) && !hasRandomSegment(t, s, e)) {
      return false;
    }
    if (!lower && counts['_'] >= 2) {
      return false; // a CONSTANT_NAME
    }
    return entropy(counts, len) >= 3.0;
  }

  /**
   * Whether {@code t[s, e)} is a chain of identifiers joined by dots: code such as
   * {@code keyPair.privateKey.bytes}, or a property name such as {@code app.jwt.signing-key}.
   *
   * @param t text
   * @param s start
   * @param e end
   * @return true for a dotted name
   */
  static boolean isDottedName(String t, int s, int e) {
    int dots = 0;
    boolean atStart = true;
    for (int p = s; p < e; p++) {
      char c = t.charAt(p);
      if (c == '.') {
        if (atStart) {
          return false;
        }
        dots++;
        atStart = true;
      } else if (atStart) {
        if (!AsciiCase.isAsciiLetter(c) && c != '_' && c != '$') {
          return false;
        }
        atStart = false;
      } else if (!AsciiCase.isAsciiAlnum(c) && c != '_' && c != '$' && c != '-') {
        return false;
      }
    }
    return dots > 0 && !atStart;
  }

  /** Letters joined by '_', '-' or '.', as names are written. */
  private static boolean isName(String value) {
    for (int k = 0; k < value.length(); k++) {
      char c = value.charAt(k);
      if (!AsciiCase.isAsciiLetter(c) && c != '_' && c != '-' && c != '.') {
        return false;
      }
    }
    return true;
  }

  /** Whether a dot-separated part is long and mixes upper case, lower case and digits. */
  private static boolean hasRandomSegment(String t, int s, int e) {
    int start = s;
    for (int p = s; p <= e; p++) {
      if (p == e || t.charAt(p) == '.') {
        if (p - start >= 16) {
          boolean upper = false;
          boolean lower = false;
          boolean digit = false;
          for (int q = start; q < p; q++) {
            char c = t.charAt(q);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= AsciiCase.isAsciiDigit(c);
          }
          if (upper && lower && digit) {
            return true;
          }
        }
        start = p + 1;
      }
    }
    return false;
  }

  private static boolean onlyTokenSymbols(String t, int s, int e) {
    for (int p = s; p < e; p++) {
      char c = t.charAt(p);
      if (!AsciiCase.isAsciiAlnum(c) && "+/=_-.~".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Shannon entropy in bits per character of a character histogram. */
  static double entropy(int[] counts, int len) {
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = (double) c / len;
        h -= p * Math.log(p);
      }
    }
    return h / Math.log(2);
  }

  private static boolean isIdentifier(String t, int s, int e) {
    if (e <= s) {
      return false;
    }
    for (int p = s; p < e; p++) {
      char c = t.charAt(p);
      if (!(AsciiCase.isAsciiAlnum(c) || c == '_' || c == '.')) {
        return false;
      }
    }
    return true;
  }
}
