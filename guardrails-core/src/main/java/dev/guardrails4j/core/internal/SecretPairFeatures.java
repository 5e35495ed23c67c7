package dev.guardrails4j.core.internal;

import java.util.Objects;

/**
 * Not API. Describes a name/value pair (a key and what is assigned to it, such as
 * {@code db_password = "..."}) as a short sentence of feature words, for a {@link LinearTextModel}
 * that scores pairs: the words of the name, and the shape of the value (length, character classes,
 * entropy, hex, digits, UUID or version shape, placeholder marks), how it is written (quoted, the
 * binder) and crosses of the two. The value's characters themselves never become features, so the
 * model learns what secrets look like, not which strings were in its training data.
 *
 * <p>Used by the {@code secrets} detector at run time and by {@code guardrails-training} when it
 * trains the pair model, so both see the same features. Stateless and thread-safe.
 */
public final class SecretPairFeatures {

  private static final int MAX_NAME_WORDS = 6;

  private SecretPairFeatures() {}

  /**
   * The feature sentence of a pair.
   *
   * @param name the key, as written (any case, separators kept)
   * @param value the value, without its quotes
   * @param quoted whether the value was quoted
   * @param binder how the pair is written: {@code '='}, {@code ':'}, {@code '>'} (an XML element),
   *     {@code '-'} (a command-line flag) or {@code '@'} (credentials in a URL)
   * @return the words, separated by spaces
   */
  public static String describe(CharSequence name, CharSequence value, boolean quoted, char binder) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    StringBuilder out = new StringBuilder(160);
    String firstWord = nameWords(name, out);
    int n = value.length();
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean symbol = false;
    boolean space = false;
    boolean hex = n > 0;
    boolean versionLike = n > 0;
    int[] counts = new int[128];
    int other = 0;
    StringBuilder shape = new StringBuilder(8);
    char lastClass = 0;
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      char cls;
      if (c >= 'a' && c <= 'z') {
        lower = true;
        cls = 'a';
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
        cls = 'b';
      } else if (c >= '0' && c <= '9') {
        digit = true;
        cls = 'd';
      } else if (c == ' ') {
        space = true;
        cls = 's';
      } else {
        symbol = true;
        cls = 'p';
      }
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        hex = false;
      }
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == 'v')) {
        versionLike = false;
      }
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
      if (cls != lastClass && shape.length() < 6) {
        shape.append(cls);
      }
      lastClass = cls;
    }
    double entropy = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = (double) count / n;
        entropy -= p * Math.log(p) / Math.log(2);
      }
    }
    if (other > 0) {
      double p = (double) other / n;
      entropy -= p * Math.log(p) / Math.log(2);
    }
    String classes = (lower ? "l" : "") + (upper ? "u" : "") + (digit ? "d" : "") + (symbol ? "s" : "")
        + (space ? "w" : "");
    String length = lengthBucket(n);
    word(out, "vlen" + length);
    word(out, "vcls" + (classes.isEmpty() ? "none" : classes));
    word(out, "vent" + Math.min(12, (int) Math.round(entropy * 2)));
    word(out, "vbits" + Math.min(16, (int) (entropy * n / 16)));
    word(out, "vshape" + shape);
    if (hex && n >= 8) {
      word(out, "vhex" + (n == 32 || n == 40 || n == 64 || n == 128 ? "digest" : "other"));
    }
    if (digit && !lower && !upper && !symbol && !space) {
      word(out, "valldigits");
    }
    if (versionLike && digit && contains(value, '.')) {
      word(out, "vversion");
    }
    if (isUuid(value)) {
      word(out, "vuuid");
    }
    if (placeholder(value)) {
      word(out, "vplaceholder");
    }
    if (n > 0 && repeated(value)) {
      word(out, "vrepeated");
    }
    word(out, quoted ? "quoted" : "bare");
    word(out, "bind" + switch (binder) {
      case '=' -> "eq";
      case ':' -> "colon";
      case '>' -> "xml";
      case '-' -> "flag";
      case '@' -> "url";
      default -> "other";
    });
    // crosses: the name's first word with the value's classes and length
    word(out, "x" + firstWord + classes);
    word(out, "x" + firstWord + "len" + length);
    return out.toString();
  }

  /** Appends the name's words ("dbPassword" and "DB_PASSWORD" both give db, password); returns the first. */
  private static String nameWords(CharSequence name, StringBuilder out) {
    String first = "none";
    int words = 0;
    StringBuilder w = new StringBuilder(16);
    int n = name.length();
    for (int i = 0; i <= n && words < MAX_NAME_WORDS; i++) {
      char c = i < n ? name.charAt(i) : ' ';
      boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      boolean camelBreak = c >= 'A' && c <= 'Z' && i > 0 && name.charAt(i - 1) >= 'a' && name.charAt(i - 1) <= 'z';
      if ((!letterOrDigit || camelBreak) && w.length() > 0) {
        String word = w.length() > 16 ? w.substring(0, 16) : w.toString();
        if (words == 0) {
          first = word;
        }
        word(out, "n" + word);
        words++;
        w.setLength(0);
      }
      if (letterOrDigit) {
        w.append(Character.toLowerCase(c));
      }
    }
    if (words == 0) {
      word(out, "nnone");
    }
    return first;
  }

  private static String lengthBucket(int n) {
    if (n < 4) {
      return "0";
    } else if (n < 8) {
      return "1";
    } else if (n < 12) {
      return "2";
    } else if (n < 20) {
      return "3";
    } else if (n < 32) {
      return "4";
    } else if (n < 48) {
      return "5";
    } else if (n < 80) {
      return "6";
    }
    return "7";
  }

  private static void word(StringBuilder out, String w) {
    if (out.length() > 0) {
      out.append(' ');
    }
    out.append(w);
  }

  private static boolean contains(CharSequence s, char c) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        return true;
      }
    }
    return false;
  }

  /** "${DB_PASS}", "{{ token }}", "<your-key>", "%s", "xxxx", "****": a value still to be filled in. */
  private static boolean placeholder(CharSequence v) {
    int n = v.length();
    if (n == 0) {
      return false;
    }
    char c = v.charAt(0);
    if (c == '$' || c == '{' || c == '<' || c == '%' || c == '[') {
      return true;
    }
    int marks = 0;
    for (int i = 0; i < n; i++) {
      char d = v.charAt(i);
      if (d == 'x' || d == 'X' || d == '*' || d == '.' || d == '#') {
        marks++;
      }
    }
    return marks * 2 > n;
  }

  /** Half or more of the value is one character repeated. */
  private static boolean repeated(CharSequence v) {
    int[] counts = new int[128];
    int max = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 128) {
        max = Math.max(max, ++counts[c]);
      }
    }
    return max * 2 >= v.length() && v.length() >= 4;
  }

  private static boolean isUuid(CharSequence v) {
    if (v.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = v.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }
}
