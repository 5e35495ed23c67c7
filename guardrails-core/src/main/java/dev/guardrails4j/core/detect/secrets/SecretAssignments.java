package dev.guardrails4j.core.detect.secrets;

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
    if (kind == KeyNames.Kind.TOKEN) {
      if (!SecretValues.looksRandom(t, vs, ve)) {
        return -1;
      }
      score = SecretsDetector.SCORE_ASSIGNED;
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
            return -1;
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
  private static boolean insideCall(String t, int quote) {
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
  private static String specialType(String bare, String t, int vs, int ve) {
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
  private static @Nullable String attributeKey(String t, int valueAttr) {
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
  private static boolean followedByCode(String t, int ve) {
    if (ve >= t.length()) {
      return false;
    }
    char c = t.charAt(ve);
    return c == '(' || c == '[' || (c == '.' && ve + 1 < t.length()
        && AsciiCase.isAsciiLetter(t.charAt(ve + 1)));
  }

  private static boolean endsUnquoted(char c) {
    return c <= ' ' || c == ';' || c == ',' || c == '"' || c == '\'' || c == '`' || c == ')'
        || c == ']' || c == '}' || c == '<' || c == '&' || c == '(';
  }

  static boolean isQuote(char c) {
    return c == '"' || c == '\'' || c == '`';
  }

  private static boolean isTokenChar(char c) {
    return AsciiCase.isAsciiAlnum(c) || c == '+' || c == '/' || c == '=' || c == '_' || c == '-'
        || c == '.' || c == '~';
  }

  private static boolean isKeyChar(char c) {
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

  private static boolean hasDigitOrSymbol(String t, int s, int e) {
    for (int p = s; p < e; p++) {
      char c = t.charAt(p);
      if (!AsciiCase.isAsciiLetter(c) && c != '_') {
        return true;
      }
    }
    return false;
  }

  private static int spaces(String t, int s, int e) {
    int count = 0;
    for (int p = s; p < e; p++) {
      if (t.charAt(p) == ' ') {
        count++;
      }
    }
    return count;
  }

  private static boolean allDigits(String t, int s, int e) {
    for (int p = s; p < e; p++) {
      if (!AsciiCase.isAsciiDigit(t.charAt(p))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBase64(String t, int s, int e) {
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
