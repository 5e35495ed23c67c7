package dev.guardrails4j.core.detect.secrets;

import static dev.guardrails4j.core.detect.secrets.SecretText.boundaryAfter;
import static dev.guardrails4j.core.detect.secrets.SecretText.boundaryBefore;
import static dev.guardrails4j.core.detect.secrets.SecretText.hasDigitOrSymbol;
import static dev.guardrails4j.core.detect.secrets.SecretText.indexOf;
import static dev.guardrails4j.core.detect.secrets.SecretText.isSchemeChar;
import static dev.guardrails4j.core.detect.secrets.SecretText.isSecretChar;
import static dev.guardrails4j.core.detect.secrets.SecretText.isUrlSafe;
import static dev.guardrails4j.core.detect.secrets.SecretText.lookingAt;
import static dev.guardrails4j.core.detect.secrets.SecretsDetector.HASH;
import static dev.guardrails4j.core.detect.secrets.SecretsDetector.MAX_VALUE;
import static dev.guardrails4j.core.detect.secrets.SecretsDetector.PEM_WINDOW;
import static dev.guardrails4j.core.detect.secrets.SecretsDetector.SCORE_ASSIGNED;
import static dev.guardrails4j.core.detect.secrets.SecretsDetector.SCORE_ASSIGNED_UNQUOTED;
import static dev.guardrails4j.core.detect.secrets.SecretsDetector.SCORE_FORMAT;
import static dev.guardrails4j.core.detect.secrets.SecretsDetector.SCORE_STRUCTURE;

import dev.guardrails4j.core.detect.secrets.SecretsDetector.Sink;
import dev.guardrails4j.core.detect.text.AsciiCase;

/**
 * The checks of the {@code secrets} scan that start at a punctuation anchor: credentials in a URL's
 * authority and Telegram bot tokens (at a colon), command-line flags and private key blocks (at a
 * dash), password hashes (at a dollar sign) and Azure AD client secrets (at a tilde).
 */
final class AnchoredSecrets {

  private AnchoredSecrets() {}

  /** Credentials in a URL's authority: {@code scheme://user:password@host}. */
  static int urlCredentials(String t, int colon, Sink sink) {
    int n = t.length();
    int s = colon;
    while (s > 0 && colon - s < 24 && isSchemeChar(t.charAt(s - 1))) {
      s--;
    }
    if (s == colon) {
      return -1;
    }
    int a = colon + 3;
    int at = -1;
    int firstColon = -1;
    int p = a;
    while (p < n && p - a < MAX_VALUE) {
      char c = t.charAt(p);
      if (c <= ' ' || c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<'
          || c == '>' || c == '`' || c == '\\') {
        break;
      }
      if (c == ':' && firstColon < 0 && at < 0) {
        firstColon = p;
      }
      if (c == '@') {
        at = p;
      }
      p++;
    }
    if (at < 0 || firstColon < 0 || firstColon > at || firstColon + 1 >= at) {
      return -1;
    }
    int ps = firstColon + 1;
    int known = sink.prefixed(t, ps);
    if (known > 0) {
      return known;
    }
    if (SecretValues.isReference(t, ps, at) || SecretValues.isPlaceholder(t, ps, at, "password")
        || at - ps < 4) {
      return -1;
    }
    sink.add(SecretFormats.CONNECTION_STRING, ps, at, SCORE_FORMAT);
    return at + 1;
  }

  /** Telegram bot tokens: {@code <bot id>:AA<33 characters>}. */
  static int telegram(String t, int colon, Sink sink) {
    int s = colon;
    while (s > 0 && AsciiCase.isAsciiDigit(t.charAt(s - 1)) && colon - s <= 10) {
      s--;
    }
    int digits = colon - s;
    if (digits < 8 || digits > 10 || !boundaryBefore(t, s)) {
      return -1;
    }
    int p = colon + 3;
    int e = p;
    while (e < t.length() && isUrlSafe(t.charAt(e)) && e - p <= 36) {
      e++;
    }
    if (e - p < 30 || e - p > 36 || !boundaryAfter(t, e)) {
      return -1;
    }
    sink.add(SecretFormats.TELEGRAM, s, e, SCORE_FORMAT);
    return e;
  }


  /**
   * A command-line flag that carries a secret: {@code --password x}, {@code -Password x},
   * {@code --api-key=x}, {@code -vaultToken x}, {@code -p x} after a {@code -u} flag (PsExec,
   * docker login), {@code -u user:password} (curl).
   */
  static int dash(String t, int i, Sink sink) {
    int n = t.length();
    if (t.startsWith("----", i)) {
      return privateKeyBlock(t, i, sink);
    }
    if (i > 0 && !isFlagBoundary(t.charAt(i - 1))) {
      return -1;
    }
    int p = i + 1;
    if (p < n && t.charAt(p) == '-') {
      p++;
    }
    int flagEnd = p;
    while (flagEnd < n && flagEnd - p < 40 && (AsciiCase.isAsciiAlnum(t.charAt(flagEnd))
        || t.charAt(flagEnd) == '-' || t.charAt(flagEnd) == '_')) {
      flagEnd++;
    }
    if (flagEnd == p || flagEnd >= n || (t.charAt(flagEnd) != ' ' && t.charAt(flagEnd) != '=')) {
      return -1;
    }
    boolean single = p == i + 1;
    boolean shortP = single && flagEnd == p + 1 && t.charAt(p) == 'p' && userFlagBefore(t, i);
    boolean user = (single && flagEnd == p + 1 && t.charAt(p) == 'u')
        || (flagEnd == p + 4 && t.startsWith("user", p));
    KeyNames.Kind kind = KeyNames.Kind.PASSWORD;
    if (!shortP && !user) {
      if (!AssignmentText.mayNameSecret(t, p, flagEnd)) {
        return -1;
      }
      kind = KeyNames.classify(t.substring(p, flagEnd));
      if (kind == KeyNames.Kind.NONE) {
        return -1;
      }
    }
    int v = flagEnd + 1;
    while (v < n && t.charAt(v) == ' ' && v - flagEnd < 4) {
      v++;
    }
    int[] span = SecretAssignments.value(t, v);
    if (span == null) {
      return -1;
    }
    int vs = span[0];
    int ve = span[2] == 1 ? span[1] : AssignmentText.trimSentenceEnd(t, span[0], span[1]);
    if (user) {
      int colon = indexOf(t, ":", vs, ve);
      if (colon < 0 || colon >= ve - 1) {
        return -1;
      }
      vs = colon + 1;
    }
    int known = sink.prefixed(t, vs);
    if (known > 0) {
      return known;
    }
    if (ve - vs < 4 || SecretValues.isReference(t, vs, ve)
        || SecretValues.isPlaceholder(t, vs, ve, "password")
        || (kind == KeyNames.Kind.TOKEN && !SecretValues.looksRandom(t, vs, ve))) {
      return -1;
    }
    // A password flag in documentation is followed by a word ("-keypasswd commands"); a real one
    // by a quoted value, or a value with a digit or symbol, or it is the "-p" of a "-u ... -p" pair.
    if (!shortP && span[2] == 0 && !hasDigitOrSymbol(t, vs, ve)) {
      return -1;
    }
    sink.add(SecretFormats.GENERIC, vs, ve, span[2] == 1 ? SCORE_ASSIGNED : SCORE_ASSIGNED_UNQUOTED);
    return ve;
  }

  private static boolean isFlagBoundary(char c) {
    return c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == '[' || c == ','
        || c == '`' || c == '\n';
  }

  /** Whether a "-u", "--user" or "-U" flag comes earlier on the same line. */
  private static boolean userFlagBefore(String t, int i) {
    int from = Math.max(0, i - 200);
    for (int p = i - 1; p > from; p--) {
      char c = t.charAt(p);
      if (c == '\n') {
        return false;
      }
      if (c == '-' && (t.charAt(p - 1) == ' ' || t.charAt(p - 1) == '-')
          && p + 2 < i && (t.charAt(p + 1) == 'u' || t.charAt(p + 1) == 'U')
          && (t.charAt(p + 2) == ' ' || t.startsWith("ser", p + 2))) {
        return true;
      }
    }
    return false;
  }

  /** A PEM (or SSH2) private key block, from its BEGIN line to its END line. */
  private static int privateKeyBlock(String t, int i, Sink sink) {
    int n = t.length();
    int p = i;
    while (p < n && t.charAt(p) == '-' && p - i < 6) {
      p++;
    }
    if (p - i < 4) {
      return -1;
    }
    if (p < n && t.charAt(p) == ' ') {
      p++;
    }
    if (!t.startsWith("BEGIN ", p)) {
      return p;
    }
    int labelEnd = p;
    while (labelEnd < n && labelEnd - p < 60 && t.charAt(labelEnd) != '-'
        && t.charAt(labelEnd) != '\n') {
      labelEnd++;
    }
    String label = t.substring(p, labelEnd);
    if (!label.contains("PRIVATE KEY")) {
      return labelEnd;
    }
    int headerEnd = labelEnd;
    while (headerEnd < n && t.charAt(headerEnd) == '-') {
      headerEnd++;
    }
    // The body: base64 with whatever a source file wraps it in (quotes, "\n", "+", spaces).
    int limit = Math.min(n, headerEnd + PEM_WINDOW);
    int run = 0;
    int bestRun = 0;
    int bodyEnd = headerEnd;
    for (int q = headerEnd; q < limit; q++) {
      char c = t.charAt(q);
      if (AsciiCase.isAsciiAlnum(c) || c == '/' || c == '+' || c == '=') {
        run++;
        bestRun = Math.max(bestRun, run);
        bodyEnd = q + 1;
      } else if (c == '-' && t.startsWith("----", q)) {
        break;
      } else {
        run = 0;
      }
    }
    if (bestRun < 20) {
      return headerEnd;
    }
    int end = bodyEnd;
    int endMarker = indexOf(t, "END ", bodyEnd, Math.min(n, bodyEnd + 64));
    if (endMarker > 0) {
      end = endMarker + 4;
      while (end < n && end - endMarker < 80 && t.charAt(end) != '\n' && t.charAt(end) != '"'
          && t.charAt(end) != '\\') {
        end++;
      }
      while (end > endMarker && t.charAt(end - 1) != '-') {
        end--;
      }
    }
    sink.add(SecretFormats.PRIVATE_KEY, i, end, SCORE_STRUCTURE);
    return end;
  }


  static int hash(String t, int i, Sink sink) {
    if (i > 0 && (AsciiCase.isAsciiAlnum(t.charAt(i - 1)) || t.charAt(i - 1) == '$')) {
      return -1;
    }
    if (i + 3 >= t.length() || !mayStartHash(t, i + 1)) {
      return -1;
    }
    int e = lookingAt(HASH, t, i, 8500);
    if (e < 0 || !boundaryAfter(t, e)) {
      return -1;
    }
    sink.add(SecretFormats.PASSWORD_HASH, i, e, SCORE_FORMAT);
    return e;
  }

  /**
   * Whether the characters after a '$' can start one of the {@link #HASH} schemes: a cheap
   * necessary condition, so that amounts such as "$3,456.00" never reach the regular expression.
   */
  private static boolean mayStartHash(String t, int p) {
    char a = t.charAt(p);
    char b = t.charAt(p + 1);
    return switch (a) {
      case '1', '5', '6', '8', '9', 'y' -> b == '$';
      case '2' -> b == 'a' || b == 'b' || b == 'x' || b == 'y';
      case 'a' -> b == 'r';
      case 'p' -> b == 'b';
      case 'k' -> b == 'r';
      default -> false;
    };
  }

  /** Azure AD client secrets: three characters, a digit, "Q~", then 31 to 34 characters. */
  static int azureClientSecret(String t, int tilde, Sink sink) {
    if (tilde < 5 || t.charAt(tilde - 1) != 'Q' || !AsciiCase.isAsciiDigit(t.charAt(tilde - 2))) {
      return -1;
    }
    int s = tilde - 5;
    for (int p = s; p < tilde - 2; p++) {
      if (!isSecretChar(t.charAt(p))) {
        return -1;
      }
    }
    if (s > 0 && isSecretChar(t.charAt(s - 1))) {
      return -1;
    }
    int e = tilde + 1;
    while (e < t.length() && isSecretChar(t.charAt(e)) && e - tilde <= 35) {
      e++;
    }
    int len = e - tilde - 1;
    if (len < 31 || len > 34 || !boundaryAfter(t, e)) {
      return -1;
    }
    sink.add(SecretFormats.AZURE_CLIENT_SECRET, s, e, SCORE_FORMAT);
    return e;
  }
}
