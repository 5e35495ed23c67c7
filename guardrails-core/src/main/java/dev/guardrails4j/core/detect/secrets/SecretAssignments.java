package dev.guardrails4j.core.detect.secrets;

import static dev.guardrails4j.core.detect.secrets.AssignmentText.allDigits;
import static dev.guardrails4j.core.detect.secrets.AssignmentText.attributeKey;
import static dev.guardrails4j.core.detect.secrets.AssignmentText.endsUnquoted;
import static dev.guardrails4j.core.detect.secrets.AssignmentText.followedByCode;
import static dev.guardrails4j.core.detect.secrets.AssignmentText.hasDigitOrSymbol;
import static dev.guardrails4j.core.detect.secrets.AssignmentText.insideCall;
import static dev.guardrails4j.core.detect.secrets.AssignmentText.isBase64;
import static dev.guardrails4j.core.detect.secrets.AssignmentText.isKeyChar;
import static dev.guardrails4j.core.detect.secrets.AssignmentText.isQuote;
import static dev.guardrails4j.core.detect.secrets.AssignmentText.isShortWord;
import static dev.guardrails4j.core.detect.secrets.AssignmentText.isTokenChar;
import static dev.guardrails4j.core.detect.secrets.AssignmentText.looksLikeProsePassword;
import static dev.guardrails4j.core.detect.secrets.AssignmentText.mayNameSecret;
import static dev.guardrails4j.core.detect.secrets.AssignmentText.spaces;
import static dev.guardrails4j.core.detect.secrets.AssignmentText.specialType;
import static dev.guardrails4j.core.detect.secrets.AssignmentText.trimSentenceEnd;

import dev.guardrails4j.core.detect.text.AsciiCase;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Secrets written as a key and a value: {@code password = "..."}, {@code api_key: ...},
 * {@code "token": "..."}, {@code PASSWORD=...} in an env file, {@code Password=...;} in a
 * connection string, {@code <password>...</password>}, {@code if password == "..."} and
 * {@code setProperty("sonar.login", "...")}.
 *
 * <p>The check starts at the binder ({@code =}, {@code :}, {@code :=}, {@code =>}, {@code ==},
 * {@code !=}, {@code ,} between string literals, {@code >} closing an XML start tag), reads the key
 * to its left and stops unless the key names a secret ({@link KeyNames}). Only then is the value
 * parsed and judged ({@link SecretValues}): a reference, expression or placeholder is never
 * reported; an unquoted value only in configuration-style lines, where it cannot be code.
 */
final class SecretAssignments {

  /** Where the findings go, and how a value that is a known token is handed back to the scan. */
  interface Sink {
    /**
     * Whether a type is asked for.
     *
     * @param type type
     * @return true if requested
     */
    boolean wants(String type);

    /**
     * Reports a finding.
     *
     * @param type type
     * @param start start
     * @param end end
     * @param score score
     */
    void add(String type, int start, int end, double score);

    /**
     * Reports a known provider token starting at s, if there is one.
     *
     * @param t text
     * @param s start
     * @return the token's end, or -1
     */
    int prefixed(String t, int s);

    /**
     * Whether the learned pair model takes a pair the rules found too plain for a secret.
     *
     * @param t text
     * @param keyStart the key's start
     * @param keyEnd the key's end
     * @param vs the value's start
     * @param ve the value's end
     * @param quoted whether the value is quoted
     * @param binder how the pair is written, as {@code SecretPairFeatures} names it
     * @return true when the model's score reaches its threshold
     */
    boolean learned(String t, int keyStart, int keyEnd, int vs, int ve, boolean quoted, char binder);
  }

  private SecretAssignments() {}

  private static final int MAX_KEY = 64;
  private static final int MAX_VALUE = 256;
  private static final int LONG_VALUE = 16 * 1024;

  /**
   * Checks the binder at b.
   *
   * @param t text
   * @param b binder position
   * @param sink findings
   * @return where to resume scanning (after a reported value), or -1
   */
  static int assignment(String t, int b, Sink sink) {
    int n = t.length();
    char c = t.charAt(b);
    int opEnd;
    boolean comparison = false;
    boolean argumentPair = false;
    boolean xml = false;
    switch (c) {
      case '=' -> {
        if (b > 0 && "=!<>:".indexOf(t.charAt(b - 1)) >= 0) {
          return -1;
        }
        if (b + 1 < n && t.charAt(b + 1) == '=') {
          comparison = true;
          opEnd = b + 2 < n && t.charAt(b + 2) == '=' ? b + 3 : b + 2;
        } else if (b + 1 < n && t.charAt(b + 1) == '>') {
          opEnd = b + 2;
        } else {
          opEnd = b + 1;
        }
      }
      case '!' -> {
        if (b + 1 >= n || t.charAt(b + 1) != '=') {
          return -1;
        }
        comparison = true;
        opEnd = b + 2 < n && t.charAt(b + 2) == '=' ? b + 3 : b + 2;
      }
      case ':' -> {
        if ((b + 1 < n && t.charAt(b + 1) == ':') || (b > 0 && t.charAt(b - 1) == ':')) {
          return -1;
        }
        opEnd = b + 1 < n && t.charAt(b + 1) == '=' ? b + 2 : b + 1;
      }
      case ',' -> {
        argumentPair = true;
        opEnd = b + 1;
      }
      case '>' -> {
        if (b > 0 && (t.charAt(b - 1) == '-' || t.charAt(b - 1) == '=')) {
          return -1;
        }
        xml = true;
        opEnd = b + 1;
      }
      default -> {
        return -1;
      }
    }

    // The key, to the left of the binder.
    int p = b;
    while (p > 0 && (t.charAt(p - 1) == ' ' || t.charAt(p - 1) == '\t') && b - p < 16) {
      p--;
    }
    if (p == 0) {
      return -1;
    }
    int keyStart;
    int keyEnd;
    char before = t.charAt(p - 1);
    if (xml) {
      keyEnd = p;
      keyStart = keyEnd;
      while (keyStart > 0 && isKeyChar(t.charAt(keyStart - 1)) && keyEnd - keyStart < MAX_KEY) {
        keyStart--;
      }
      if (keyStart == 0 || t.charAt(keyStart - 1) != '<') {
        return -1;
      }
    } else if (isQuote(before) || (before == ']' && p > 1 && isQuote(t.charAt(p - 2)))) {
      int close = before == ']' ? p - 2 : p - 1;
      char q = t.charAt(close);
      keyEnd = close;
      keyStart = keyEnd;
      while (keyStart > 0 && t.charAt(keyStart - 1) != q && t.charAt(keyStart - 1) != '\n'
          && keyEnd - keyStart < MAX_KEY) {
        keyStart--;
      }
      // A key whose opening quote lies before the start of the text (a cut-off snippet) counts.
      if (keyStart > 0 && t.charAt(keyStart - 1) != q) {
        return -1;
      }
      if (argumentPair && keyStart > 0 && !insideCall(t, keyStart - 1)) {
        return -1; // ["getpass", "getuser"] is a list, not a key and its value
      }
    } else {
      if (argumentPair) {
        return -1;
      }
      keyEnd = p;
      keyStart = keyEnd;
      while (keyStart > 0 && isKeyChar(t.charAt(keyStart - 1)) && keyEnd - keyStart < MAX_KEY) {
        keyStart--;
      }
    }
    if (keyEnd - keyStart < 2) {
      return -1;
    }
    boolean service = KeyNames.isServiceName(t, keyStart, keyEnd);
    boolean mayName = service || mayNameSecret(t, keyStart, keyEnd);
    if (c == ':' && !xml && !argumentPair && !mayName) {
      return label(t, b, sink);
    }
    String key;
    if (keyEnd - keyStart == 5 && t.regionMatches(true, keyStart, "value", 0, 5)) {
      // <add key="FromEmailPassword" value="..."/>: the name is in another attribute.
      String attribute = attributeKey(t, keyStart);
      if (attribute == null || !mayNameSecret(attribute, 0, attribute.length())) {
        return -1;
      }
      key = attribute;
    } else if (mayName) {
      key = t.substring(keyStart, keyEnd);
    } else {
      return -1;
    }
    String bare = KeyNames.bare(key);
    boolean awsAccount = bare.contains("aws") && bare.contains("accountid");
    KeyNames.Kind kind = awsAccount ? KeyNames.Kind.TOKEN : KeyNames.classify(key);
    if (kind == KeyNames.Kind.NONE) {
      return -1;
    }

    // The value, to the right.
    int v = opEnd;
    while (v < n && (t.charAt(v) == ' ' || t.charAt(v) == '\t') && v - opEnd < 16) {
      v++;
    }
    if (c == ':' && v < n && t.charAt(v) == '\n') {
      int w = v + 1;
      while (w < n && t.charAt(w) == ' ' && w - v < 16) {
        w++;
      }
      if (w > v + 1) {
        v = w;
      }
    }
    if (v >= n) {
      return -1;
    }
    if ((t.charAt(v) == 'b' || t.charAt(v) == 'r' || t.charAt(v) == 'u') && v + 1 < n
        && isQuote(t.charAt(v + 1))) {
      v++;
    }
    int[] span;
    if (xml) {
      int e = v;
      while (e < n && t.charAt(e) != '<' && t.charAt(e) != '\n' && e - v < MAX_VALUE) {
        e++;
      }
      if (e >= n || t.charAt(e) != '<' || !t.startsWith("</", e)) {
        return -1;
      }
      span = new int[] {v, e, 1};
    } else {
      span = value(t, v);
    }
    if (span == null) {
      return -1;
    }
    int vs = span[0];
    int ve = span[1];
    boolean quoted = span[2] == 1;
    if (quoted && ve - vs >= 2 && isQuote(t.charAt(vs)) && t.charAt(ve - 1) == t.charAt(vs)) {
      vs++; // a string inside a string: '"951bc..."' in a Gradle buildConfigField
      ve--;
    }
    if ((comparison || argumentPair) && !quoted) {
      return -1;
    }
    // Cheap shape checks first; the costlier judgements below copy the value.
    int spaceCount = spaces(t, vs, ve);
    if (kind == KeyNames.Kind.TOKEN ? spaceCount > 0 || ve - vs < 12
        : spaceCount > 1 || ve - vs < (kind == KeyNames.Kind.PASSWORD ? 4 : 6)) {
      return -1;
    }
    int known = sink.prefixed(t, vs);
    if (known > 0) {
      return known;
    }
    if (awsAccount) {
      if (ve - vs == 12 && allDigits(t, vs, ve)) {
        sink.add(SecretFormats.AWS_ACCOUNT_ID, vs, ve, SecretsDetector.SCORE_IDENTIFIER);
        return ve;
      }
      return -1;
    }
    String type = specialType(bare, t, vs, ve);
    if (type.equals(SecretFormats.AWS_SECRET_KEY) && ve - vs == 40 && isBase64(t, vs, ve)) {
      // The exact AWS format under its own name: reported even when it is filler, like tokens.
      sink.add(type, vs, ve, TokenRule.looksLikeFiller(t, vs, ve)
          ? SecretsDetector.SCORE_FILLER : SecretsDetector.SCORE_FORMAT);
      return ve;
    }
    if (SecretValues.isReference(t, vs, ve) || (!quoted && followedByCode(t, ve))
        || SecretValues.isPlaceholder(t, vs, ve, key)) {
      return -1;
    }
    double score = quoted ? SecretsDetector.SCORE_ASSIGNED : SecretsDetector.SCORE_ASSIGNED_UNQUOTED;
    char binder = xml ? '>' : c == ':' ? ':' : '=';
    if (kind == KeyNames.Kind.TOKEN) {
      if (!SecretValues.looksRandom(t, vs, ve)) {
        if (!sink.learned(t, keyStart, keyEnd, vs, ve, quoted, binder)) {
          return -1;
        }
        score = SecretsDetector.SCORE_LEARNED;
      } else {
        score = SecretsDetector.SCORE_ASSIGNED;
      }
    } else {
      int min = kind == KeyNames.Kind.PASSWORD ? 4 : 6;
      if (ve - vs < min || spaces(t, vs, ve) > 1) {
        return -1;
      }
      if (!quoted && !SecretValues.looksRandom(t, vs, ve)) {
        int style = unquotedStyle(t, keyStart, b, opEnd, vs, ve);
        if (style == STYLE_NONE) {
          ve = trimSentenceEnd(t, vs, ve);
          if (!looksLikeProsePassword(t, vs, ve)) {
            if (ve - vs < min || !sink.learned(t, keyStart, keyEnd, vs, ve, quoted, binder)) {
              return -1;
            }
            score = SecretsDetector.SCORE_LEARNED;
          }
        }
        if (style == STYLE_CONNECTION_STRING && type.equals(SecretFormats.GENERIC)) {
          type = SecretFormats.CONNECTION_STRING;
        }
      }
    }
    if (!sink.wants(type)) {
      return -1;
    }
    sink.add(type, vs, ve, score);
    return ve;
  }

  /**
   * A prose label that ends in a colon and names a secret, followed by a random-looking value on
   * the same or one of the next lines: "Please use the following password to proceed:\n\n3f9a...".
   */
  private static int label(String t, int colon, Sink sink) {
    int n = t.length();
    // The value first: it is short to check and usually rules the label out.
    int v = colon + 1;
    int newlines = 0;
    while (v < n && (t.charAt(v) == ' ' || t.charAt(v) == '\n' || t.charAt(v) == '\r')) {
      if (t.charAt(v) == '\n' && ++newlines > 3) {
        return -1;
      }
      v++;
    }
    int e = v;
    while (e < n && t.charAt(e) > ' ' && e - v < MAX_VALUE) {
      e++;
    }
    if (e - v < 16) {
      return -1;
    }
    int lineStart = colon;
    while (lineStart > 0 && t.charAt(lineStart - 1) != '\n' && colon - lineStart < 100) {
      lineStart--;
    }
    if (!mayNameSecret(t, lineStart, colon)) {
      return -1;
    }
    String line = t.substring(lineStart, colon).toLowerCase(Locale.ROOT);
    boolean names = line.contains("password") || line.contains("passwd") || line.contains("secret")
        || line.contains("token") || line.contains("api key") || line.contains("apikey")
        || line.contains("access key") || line.contains("private key");
    if (!names || e - v < 16 || !SecretValues.looksRandom(t, v, e)) {
      return -1;
    }
    int known = sink.prefixed(t, v);
    if (known > 0) {
      return known;
    }
    if (SecretValues.isPlaceholder(t, v, e, null) || !sink.wants(SecretFormats.GENERIC)) {
      return -1;
    }
    sink.add(SecretFormats.GENERIC, v, e, SecretsDetector.SCORE_ASSIGNED_UNQUOTED);
    return e;
  }

  /**
   * Reads a value starting at v: a quoted string (single, double or back quotes, also written as
   * {@code \"...\"} inside another string) on one line, or an unquoted run up to whitespace or
   * punctuation that ends values.
   *
   * @param t text
   * @param v where the value starts
   * @return {start, end, 1 if quoted else 0}, or null
   */
  static int @Nullable [] value(String t, int v) {
    int n = t.length();
    if (v >= n) {
      return null;
    }
    char c = t.charAt(v);
    if (c == '\\' && v + 1 < n && isQuote(t.charAt(v + 1))) {
      char q = t.charAt(v + 1);
      int s = v + 2;
      for (int e = s; e + 1 < n && e - s <= MAX_VALUE; e++) {
        char x = t.charAt(e);
        if (x == '\n') {
          return null;
        }
        if (x == '\\' && t.charAt(e + 1) == q) {
          return e > s ? new int[] {s, e, 1} : null;
        }
      }
      return null;
    }
    if (isQuote(c)) {
      int s = v + 1;
      for (int e = s; e < n && e - s <= LONG_VALUE; e++) {
        char x = t.charAt(e);
        if (x == '\n') {
          return null;
        }
        if (x == '\\' && c != '`') {
          if (e + 1 < n && t.charAt(e + 1) == c) {
            return e > s ? new int[] {s, e, 1} : null;
          }
          e++;
          continue;
        }
        if (x == c) {
          return e > s ? new int[] {s, e, 1} : null;
        }
      }
      return null;
    }
    int e = v;
    while (e < n && e - v < MAX_VALUE && !endsUnquoted(t.charAt(e))) {
      // '=' inside an unquoted value starts another assignment unless it is base64 padding.
      if (t.charAt(e) == '=' && e + 1 < n && t.charAt(e + 1) != '=' && !endsUnquoted(t.charAt(e + 1))) {
        break;
      }
      e++;
    }
    if (e - v == MAX_VALUE) {
      // A long unquoted run: take it whole if it is one blob of token characters, else give up.
      int limit = Math.min(n, v + LONG_VALUE);
      while (e < limit && isTokenChar(t.charAt(e))) {
        e++;
      }
      if (e < n && !endsUnquoted(t.charAt(e))) {
        return null;
      }
    }
    return e > v ? new int[] {v, e, 0} : null;
  }

  private static final int STYLE_NONE = 0;
  private static final int STYLE_LINE = 1;
  private static final int STYLE_CONNECTION_STRING = 2;
  private static final int STYLE_QUERY = 3;

  /**
   * Where an unquoted value may be trusted to be a literal: a connection string
   * ({@code ;Password=x;}), a URL query ({@code ?password=x}), or a configuration line whose key
   * starts the line and whose value runs to its end (env files, properties, YAML, INI). With spaces
   * around {@code =} (as in code) the value must also hold a digit or symbol, since a bare word
   * there is most likely a variable.
   */
  private static int unquotedStyle(String t, int keyStart, int b, int opEnd, int vs, int ve) {
    int n = t.length();
    int k = keyStart;
    while (k > 0 && t.charAt(k - 1) == ' ') {
      k--;
    }
    char before = k > 0 ? t.charAt(k - 1) : '\n';
    boolean tight = t.charAt(b) == '=' && vs == b + 1;
    if (before == ';' || (tight && ve < n && t.charAt(ve) == ';' && nextIsPair(t, ve + 1))) {
      return STYLE_CONNECTION_STRING;
    }
    if (before == '?' || before == '&') {
      return STYLE_QUERY;
    }
    int lineStart = k;
    while (lineStart > 0 && t.charAt(lineStart - 1) != '\n' && k - lineStart < 40) {
      lineStart--;
    }
    if (lineStart > 0 && t.charAt(lineStart - 1) != '\n') {
      return STYLE_NONE;
    }
    String lead = t.substring(lineStart, keyStart).trim().toLowerCase(Locale.ROOT);
    if (!(lead.isEmpty() || lead.equals("export") || lead.equals("set") || lead.equals("env")
        || lead.equals("rem set") || lead.equals("#") || lead.equals("-") || lead.equals("//")
        || lead.equals("--") || lead.equals("# export") || lead.equals("-d"))) {
      return STYLE_NONE;
    }
    // The value must end the line (a trailing comment is fine).
    int e = ve;
    while (e < n && (t.charAt(e) == ' ' || t.charAt(e) == '\t' || t.charAt(e) == '\r')) {
      e++;
    }
    if (e < n && t.charAt(e) != '\n' && t.charAt(e) != '#' && !t.startsWith("//", e)) {
      return STYLE_NONE;
    }
    boolean spaced = (b > 0 && t.charAt(b - 1) == ' ') && t.charAt(b) == '=';
    boolean plainWord = !hasDigitOrSymbol(t, vs, ve);
    boolean userPair = plainWord && userAssignedBefore(t, lineStart);
    if (spaced && plainWord && !userPair) {
      return STYLE_NONE;
    }
    if (isShortWord(t, vs, ve) && !userPair) {
      return STYLE_NONE; // "passwd: files" in nsswitch.conf names a database, not a password
    }
    return opEnd > b ? STYLE_LINE : STYLE_NONE;
  }

  /**
   * Whether one of the three lines before names a user ({@code user = x}, {@code username: x}):
   * a user and a password assigned together are a credential pair, not two variables.
   */
  private static boolean userAssignedBefore(String t, int lineStart) {
    int end = lineStart - 1;
    for (int line = 0; line < 4 && end > 0; line++) {
      int start = end;
      while (start > 0 && t.charAt(start - 1) != '\n' && end - start < 200) {
        start--;
      }
      int p = start;
      while (p < end && (t.charAt(p) == ' ' || t.charAt(p) == '\t')) {
        p++;
      }
      int k = p;
      while (k < end && (AsciiCase.isAsciiAlnum(t.charAt(k)) || t.charAt(k) == '_')) {
        k++;
      }
      String word = t.substring(p, k).toLowerCase(Locale.ROOT);
      int q = k;
      while (q < end && t.charAt(q) == ' ') {
        q++;
      }
      if ((word.equals("user") || word.equals("username") || word.equals("login"))
          && q < end && (t.charAt(q) == '=' || t.charAt(q) == ':')) {
        return true;
      }
      end = start - 1;
    }
    return false;
  }

  private static boolean nextIsPair(String t, int from) {
    int n = t.length();
    int p = from;
    while (p < n && t.charAt(p) == ' ') {
      p++;
    }
    if (p >= n || t.charAt(p) == '"' || t.charAt(p) == '\'') {
      return true;
    }
    int k = p;
    while (k < n && k - p < 40 && (isKeyChar(t.charAt(k)) || t.charAt(k) == ' ')) {
      k++;
    }
    return k < n && k > p && t.charAt(k) == '=';
  }
}
