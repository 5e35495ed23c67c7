package dev.guardrails4j.core.detect.secrets;

import dev.guardrails4j.core.detect.text.AsciiCase;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One fixed-format credential: a literal prefix at a word start, then a body whose shape is a
 * small, bounded, backtracking-free regular expression that only ever runs on the window right
 * after the prefix.
 */
final class TokenRule {

  /** How a matched body is checked beyond its shape. */
  enum Check {
    /** Shape only. */
    NONE,
    /** GitHub-style: the last six base62 characters are the CRC32 of the 30 before them. */
    CRC32_BASE62,
    /** OpenAI's legacy keys carry the marker "T3BlbkFJ" (base64 of "OpenAI") in the middle. */
    OPENAI_MARKER
  }

  final String prefix;
  final String type;
  final double score;
  final boolean identifier;
  /** A word that must appear shortly before the token, for prefixes too short to stand alone. */
  final @Nullable String context;
  private final Pattern body;
  private final int window;
  private final Check check;
  /**
   * One bit per ASCII character that can begin the body: the body expression is only run when
   * the character after the prefix is one of them ("00" followed by ':' never reaches it).
   */
  private final long firstLow;
  private final long firstHigh;

  private TokenRule(
      String prefix, String type, String body, int window, double score, boolean identifier,
      Check check) {
    this(prefix, type, body, window, score, identifier, check, null);
  }

  private TokenRule(
      String prefix, String type, String body, int window, double score, boolean identifier,
      Check check, @Nullable String context) {
    this.context = context;
    this.prefix = prefix;
    this.type = type;
    this.body = Pattern.compile(body);
    long low = 0;
    long high = 0;
    for (char c = 0; c < 128; c++) {
      // A one-character input on which the body fails without reaching the end rules out every
      // input that starts with that character.
      Matcher m = this.body.matcher(String.valueOf(c));
      if (m.lookingAt() || m.hitEnd()) {
        if (c < 64) {
          low |= 1L << c;
        } else {
          high |= 1L << (c - 64);
        }
      }
    }
    this.firstLow = low;
    this.firstHigh = high;
    this.window = window;
    this.score = score;
    this.identifier = identifier;
    this.check = check;
  }

  /** A credential with a score of 0.9. */
  static TokenRule token(String prefix, String type, String body, int maxBody) {
    return new TokenRule(prefix, type, body, maxBody, SecretsDetector.SCORE_FORMAT, false, Check.NONE);
  }

  /** A credential whose format carries a checksum or marker. */
  static TokenRule checked(String prefix, String type, String body, int maxBody, Check check) {
    return new TokenRule(prefix, type, body, maxBody, SecretsDetector.SCORE_FORMAT, false, check);
  }

  /** A credential with a weaker format (shared or short prefix). */
  static TokenRule weak(String prefix, String type, String body, int maxBody, double score) {
    return new TokenRule(prefix, type, body, maxBody, score, false, Check.NONE);
  }

  /** A credential whose prefix is too short to stand alone: the word must come shortly before. */
  static TokenRule contextual(String prefix, String type, String body, int maxBody, String word) {
    return new TokenRule(
        prefix, type, body, maxBody, SecretsDetector.SCORE_FORMAT, false, Check.NONE, word);
  }

  /** An identifier: not a credential, but names infrastructure; low score. */
  static TokenRule identifier(String prefix, String type, String body, int maxBody) {
    return new TokenRule(
        prefix, type, body, maxBody, SecretsDetector.SCORE_IDENTIFIER, true, Check.NONE);
  }

  /**
   * Matches the body after the prefix at i, which the caller has already compared.
   *
   * @param t text
   * @param i where the prefix starts
   * @return the end of the token, or -1
   */
  int match(String t, int i) {
    int bodyStart = i + prefix.length();
    int n = t.length();
    if (bodyStart > n) {
      return -1;
    }
    if (bodyStart < n && !mayStartBody(t.charAt(bodyStart))) {
      return -1;
    }
    Matcher m = body.matcher(t);
    m.region(bodyStart, Math.min(n, bodyStart + window + 1));
    if (!m.lookingAt()) {
      return -1;
    }
    int end = m.end();
    if (end < n && AsciiCase.isAsciiAlnum(t.charAt(end))) {
      return -1;
    }
    return end;
  }

  /**
   * Whether a body may start with a character: false only for an ASCII character on which the
   * body's expression fails at once.
   *
   * @param c the character after the prefix
   * @return true if the expression has to run
   */
  boolean mayStartBody(char c) {
    return c >= 128 || ((c < 64 ? firstLow >>> c : firstHigh >>> (c - 64)) & 1) != 0;
  }

  /**
   * Whether the body's expression matches at the start of a string, without the first-character
   * gate.
   *
   * @param s text that starts where the body would
   * @return true if it matches
   */
  boolean bodyMatches(String s) {
    return body.matcher(s).lookingAt();
  }

  /**
   * The score of a matched token: checksum or marker verified, shape only, or filler.
   *
   * @param t text
   * @param start token start
   * @param end token end
   * @return score
   */
  double scoreOf(String t, int start, int end) {
    int bodyStart = start + prefix.length();
    if (looksLikeFiller(t, bodyStart, end)) {
      return SecretsDetector.SCORE_FILLER;
    }
    return switch (check) {
      case CRC32_BASE62 -> crc32Base62(t, bodyStart, end) ? SecretsDetector.SCORE_CHECKSUM : score;
      case OPENAI_MARKER -> SecretText.indexOf(t, "T3BlbkFJ", bodyStart, end) >= 0
          ? SecretsDetector.SCORE_CHECKSUM
          : score;
      case NONE -> score;
    };
  }

  /**
   * A body that is filler rather than random: few distinct characters, or a visible marker such as
   * "xxxxxxxx" or "EXAMPLE". Such tokens are still reported, at a low score, since a real token
   * cannot be told from a template by shape alone.
   */
  static boolean looksLikeFiller(String t, int s, int e) {
    int len = e - s;
    if (len <= 0) {
      return true;
    }
    long seen1 = 0;
    long seen2 = 0;
    int distinct = 0;
    for (int p = s; p < e; p++) {
      char c = t.charAt(p);
      if (c >= 128 || !AsciiCase.isAsciiAlnum(c)) {
        continue;
      }
      if (c < 64) {
        if ((seen1 & (1L << c)) == 0) {
          seen1 |= 1L << c;
          distinct++;
        }
      } else if ((seen2 & (1L << (c - 64))) == 0) {
        seen2 |= 1L << (c - 64);
        distinct++;
      }
    }
    if (distinct <= Math.min(4, len / 4 + 1)) {
      return true;
    }
    String body = t.substring(s, e).toLowerCase(Locale.ROOT);
    return body.contains("xxxxxx") || body.contains("example") || body.contains("000000000")
        || body.contains("your");
  }

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  /** Whether the last six characters are the base62 CRC32 of the characters before them. */
  static boolean crc32Base62(String t, int s, int e) {
    if (e - s < 7) {
      return false;
    }
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    for (int p = s; p < e - 6; p++) {
      crc.update(t.charAt(p));
    }
    return base62(crc.getValue()).equals(t.substring(e - 6, e));
  }

  /** A value in base62, left-padded with zeros to six characters. */
  static String base62(long value) {
    char[] out = new char[6];
    long v = value;
    for (int k = 5; k >= 0; k--) {
      out[k] = BASE62.charAt((int) (v % 62));
      v /= 62;
    }
    return new String(out);
  }
}
