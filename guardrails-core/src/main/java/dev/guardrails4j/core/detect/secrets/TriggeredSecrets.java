package dev.guardrails4j.core.detect.secrets;

import static dev.guardrails4j.core.detect.secrets.SecretText.boundaryAfter;
import static dev.guardrails4j.core.detect.secrets.SecretText.boundaryBefore;
import static dev.guardrails4j.core.detect.secrets.SecretText.countSpaces;
import static dev.guardrails4j.core.detect.secrets.SecretText.decodeBase64;
import static dev.guardrails4j.core.detect.secrets.SecretText.hasDigitOrSymbol;
import static dev.guardrails4j.core.detect.secrets.SecretText.hostStart;
import static dev.guardrails4j.core.detect.secrets.SecretText.indexOf;
import static dev.guardrails4j.core.detect.secrets.SecretText.isAlnum;
import static dev.guardrails4j.core.detect.secrets.SecretText.isBase64Char;
import static dev.guardrails4j.core.detect.secrets.SecretText.isBearerChar;
import static dev.guardrails4j.core.detect.secrets.SecretText.isLowerAlnum;
import static dev.guardrails4j.core.detect.secrets.SecretText.isUrlSafe;
import static dev.guardrails4j.core.detect.secrets.SecretText.lineEnd;
import static dev.guardrails4j.core.detect.secrets.SecretText.lookingAt;
import static dev.guardrails4j.core.detect.secrets.SecretText.wordBefore;
import static dev.guardrails4j.core.detect.secrets.SecretsDetector.JWT_BODY;
import static dev.guardrails4j.core.detect.secrets.SecretsDetector.MAX_VALUE;
import static dev.guardrails4j.core.detect.secrets.SecretsDetector.PEM_WINDOW;
import static dev.guardrails4j.core.detect.secrets.SecretsDetector.SCORE_ASSIGNED;
import static dev.guardrails4j.core.detect.secrets.SecretsDetector.SCORE_ASSIGNED_UNQUOTED;
import static dev.guardrails4j.core.detect.secrets.SecretsDetector.SCORE_FORMAT;
import static dev.guardrails4j.core.detect.secrets.SecretsDetector.SCORE_IDENTIFIER;
import static dev.guardrails4j.core.detect.secrets.SecretsDetector.SCORE_STRUCTURE;

import dev.guardrails4j.core.detect.secrets.SecretsDetector.Sink;
import dev.guardrails4j.core.detect.text.AsciiCase;

/**
 * The checks of the {@code secrets} scan that start at a trigger word: a value in prose after a key
 * that names a secret, netrc and credential calls, HTTP {@code Basic} and {@code Bearer}
 * credentials, Vault unseal keys, PuTTY and base64-encoded PEM keys, JSON Web Tokens, and
 * provider hosts and identifiers.
 */
final class TriggeredSecrets {

  private TriggeredSecrets() {}

  /**
   * "&lt;word&gt; is &lt;value&gt;" in prose ("the password is 'hunter2'", "my API token is
   * 3f9a..."): a quoted value, or an unquoted one that reads as a password (for passwords and
   * secrets) or looks random (for tokens and keys).
   */
  static int isPhrase(String t, int wordEnd, boolean password, Sink sink) {
    int n = t.length();
    int p = wordEnd;
    while (p < n && t.charAt(p) == ' ' && p - wordEnd < 4) {
      p++;
    }
    if (t.regionMatches(true, p, "is ", 0, 3)) {
      p += 3;
    } else if (t.regionMatches(true, p, "was ", 0, 4)) {
      p += 4;
    } else {
      return -1;
    }
    while (p < n && t.charAt(p) == ' ' && p - wordEnd < 12) {
      p++;
    }
    if (p >= n) {
      return -1;
    }
    if (t.charAt(p) == '"' || t.charAt(p) == '\'') {
      return password ? quotedPassword(t, p, sink) : -1;
    }
    int e = p;
    while (e < n && t.charAt(e) > ' ' && e - p < MAX_VALUE) {
      e++;
    }
    int known = sink.prefixed(t, p);
    if (known > 0) {
      return known;
    }
    e = AssignmentText.trimSentenceEnd(t, p, e);
    boolean accepted = password
        ? AssignmentText.looksLikeProsePassword(t, p, e)
        : SecretValues.looksRandom(t, p, e);
    if (!accepted || SecretValues.isReference(t, p, e) || SecretValues.isPlaceholder(t, p, e, null)) {
      return -1;
    }
    sink.add(SecretFormats.GENERIC, p, e, SCORE_ASSIGNED_UNQUOTED);
    return e;
  }

  static int quotedPassword(String t, int q, Sink sink) {
    int[] span = SecretAssignments.value(t, q);
    if (span == null || span[2] != 1) {
      return -1;
    }
    int s = span[0];
    int e = span[1];
    if (e - s < 4 || SecretValues.isReference(t, s, e) || SecretValues.isPlaceholder(t, s, e, "password")
        || countSpaces(t, s, e) > 1) {
      return -1;
    }
    sink.add(SecretFormats.GENERIC, s, e, SCORE_ASSIGNED);
    return e + 1;
  }

  /** Whether "machine ... login ..." (or "default ... login ...") comes shortly before i. */
  static boolean netrcBefore(String t, int i) {
    int from = Math.max(0, i - 200);
    int lines = 0;
    boolean login = false;
    for (int p = i - 1; p >= from; p--) {
      char c = t.charAt(p);
      if (c == '\n' && ++lines > 2) {
        return false;
      }
      if ((c == 'l' || c == 'm' || c == 'd') && (p == 0 || !AsciiCase.isAsciiAlnum(t.charAt(p - 1)))) {
        if (t.startsWith("login ", p)) {
          login = true;
        } else if (login && (t.startsWith("machine ", p) || t.startsWith("default ", p))) {
          return true;
        }
      }
    }
    return false;
  }

  /** "Bearer &lt;token&gt;" in an Authorization header or with a clearly random token. */
  static int bearer(String t, int i, int wordEnd, Sink sink) {
    int n = t.length();
    if (wordEnd >= n || t.charAt(wordEnd) != ' ') {
      return -1;
    }
    int s = wordEnd + 1;
    int e = s;
    while (e < n && isBearerChar(t.charAt(e)) && e - s < 4096) {
      e++;
    }
    while (e < n && t.charAt(e) == '=' && e - s < 4100) {
      e++;
    }
    if (e - s < 8 || !boundaryAfter(t, e)) {
      return -1;
    }
    int known = sink.prefixed(t, s);
    if (known > 0) {
      return known;
    }
    if (SecretValues.isReference(t, s, e) || SecretValues.isPlaceholder(t, s, e, "token")) {
      return -1;
    }
    boolean header = wordBefore(t, i, "authorization", 40) || wordBefore(t, i, "auth", 24);
    boolean random = SecretValues.looksRandom(t, s, e);
    if (!(header && hasDigitOrSymbol(t, s, e)) && !(random && e - s >= 20)) {
      return -1;
    }
    sink.add(SecretFormats.HTTP_AUTH, s, e, SCORE_FORMAT);
    return e;
  }

  /** "Basic &lt;base64 of user:password&gt;". */
  static int basic(String t, int i, int wordEnd, Sink sink) {
    int n = t.length();
    if (wordEnd >= n || t.charAt(wordEnd) != ' ') {
      return -1;
    }
    int s = wordEnd + 1;
    int e = s;
    while (e < n && (AsciiCase.isAsciiAlnum(t.charAt(e)) || t.charAt(e) == '+' || t.charAt(e) == '/')
        && e - s < 512) {
      e++;
    }
    while (e < n && t.charAt(e) == '=' && e - s < 516) {
      e++;
    }
    if (e - s < 8 || !boundaryAfter(t, e)) {
      return -1;
    }
    String decoded = decodeBase64(t, s, e);
    if (decoded == null) {
      return -1;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0 || colon == decoded.length() - 1) {
      return -1;
    }
    sink.add(SecretFormats.HTTP_AUTH, s, e, SCORE_STRUCTURE);
    return e;
  }

  /** HashiCorp Vault unseal keys: "Unseal Key 1: ..." or "vault operator unseal ...". */
  static int unseal(String t, int i, int wordEnd, Sink sink) {
    int n = t.length();
    int p = wordEnd;
    int limit = Math.min(n, wordEnd + 24);
    while (p < limit && (AsciiCase.isAsciiAlnum(t.charAt(p)) || t.charAt(p) == ' '
        || t.charAt(p) == ':') && !isUnsealKeyAt(t, p)) {
      p++;
    }
    if (!isUnsealKeyAt(t, p)) {
      return -1;
    }
    int e = p;
    while (e < n && isBase64Char(t.charAt(e)) && e - p < 64) {
      e++;
    }
    sink.add(SecretFormats.VAULT_UNSEAL, p, e, SCORE_FORMAT);
    return e;
  }

  private static boolean isUnsealKeyAt(String t, int p) {
    if (p <= 0 || t.charAt(p - 1) != ' ') {
      return false;
    }
    int e = p;
    while (e < t.length() && isBase64Char(t.charAt(e)) && e - p < 64) {
      e++;
    }
    return e - p >= 40 && e - p <= 60 && boundaryAfter(t, e) && SecretValues.looksRandom(t, p, e);
  }

  /** {@code NetworkCredential("user", "password")} and {@code DirectoryEntry(path, user, pw)}. */
  static int credentialCall(String t, int wordEnd, int arguments, Sink sink) {
    int n = t.length();
    int p = wordEnd;
    while (p < n && Character.isWhitespace(t.charAt(p)) && p - wordEnd < 8) {
      p++;
    }
    if (p >= n || t.charAt(p) != '(') {
      return -1;
    }
    p++;
    int[] span = null;
    for (int a = 0; a < arguments; a++) {
      while (p < n && Character.isWhitespace(t.charAt(p)) && p - wordEnd < 400) {
        p++;
      }
      if (p >= n || t.charAt(p) != '"') {
        return -1;
      }
      span = SecretAssignments.value(t, p);
      if (span == null || span[2] != 1) {
        return -1;
      }
      p = span[1] + 1;
      while (p < n && Character.isWhitespace(t.charAt(p)) && p - wordEnd < 400) {
        p++;
      }
      if (a < arguments - 1) {
        if (p >= n || t.charAt(p) != ',') {
          return -1;
        }
        p++;
      }
    }
    int s = span[0];
    int e = span[1];
    if (e - s < 4 || SecretValues.isReference(t, s, e) || SecretValues.isPlaceholder(t, s, e, "password")) {
      return -1;
    }
    sink.add(SecretFormats.GENERIC, s, e, SCORE_ASSIGNED);
    return e;
  }

  static int putty(String t, int i, Sink sink) {
    int limit = Math.min(t.length(), i + 8192);
    int lines = indexOf(t, "Private-Lines:", i, limit);
    if (lines < 0) {
      return -1;
    }
    int mac = indexOf(t, "Private-MAC:", lines, limit);
    int end = mac < 0 ? lineEnd(t, lines) : lineEnd(t, mac);
    sink.add(SecretFormats.PRIVATE_KEY, i, end, SCORE_STRUCTURE);
    return end;
  }

  /** A base64-encoded PEM private key (the encoding of "-----BEGIN ... PRIVATE KEY-----"). */
  static int base64Pem(String t, int i, Sink sink) {
    int e = i;
    while (e < t.length() && isBase64Char(t.charAt(e)) && e - i < PEM_WINDOW) {
      e++;
    }
    String head = decodeBase64(t, i, Math.min(e, i + 64));
    if (head == null || !head.contains("PRIVATE KEY")) {
      return -1;
    }
    sink.add(SecretFormats.PRIVATE_KEY, i, e, SCORE_STRUCTURE);
    return e;
  }

  static int jwt(String t, int i, Sink sink) {
    int e = lookingAt(JWT_BODY, t, i + 3, 12_010);
    if (e < 0 || !boundaryAfter(t, e)) {
      return -1;
    }
    sink.add(SecretFormats.JWT, i, e, SCORE_FORMAT);
    return e;
  }

  /** A host name that ends in a provider's domain: "shop.myshopify.com", "b.storage.googleapis.com". */
  static int hostSuffix(String t, int i, String suffix, String type, Sink sink) {
    if (i == 0 || t.charAt(i - 1) != '.' || !t.regionMatches(true, i, suffix, 0, suffix.length())) {
      return -1;
    }
    int e = i + suffix.length();
    int s = hostStart(t, i - 1);
    if (s >= i - 1 || !boundaryAfter(t, e)) {
      return -1;
    }
    sink.add(type, s, e, SCORE_IDENTIFIER);
    return e;
  }

  /** An S3 bucket host: "bucket.s3.amazonaws.com", "bucket.s3-us-east-2.amazonaws.com". */
  static int s3Host(String t, int i, Sink sink) {
    if (i == 0 || t.charAt(i - 1) != '.') {
      return -1;
    }
    int limit = Math.min(t.length(), i + 40);
    int aws = indexOf(t, ".amazonaws.com", i, limit);
    if (aws < 0) {
      return -1;
    }
    for (int p = i + 2; p < aws; p++) {
      char c = t.charAt(p);
      if (!(AsciiCase.isAsciiAlnum(c) || c == '-' || c == '.')) {
        return -1;
      }
    }
    int s = hostStart(t, i - 1);
    if (s >= i - 1) {
      return -1;
    }
    int e = aws + ".amazonaws.com".length();
    sink.add(SecretFormats.CLOUD_BUCKET, s, e, SCORE_IDENTIFIER);
    return e;
  }

  /** Google OAuth client IDs: "&lt;project number&gt;-&lt;32 chars&gt;.apps.googleusercontent.com". */
  static int googleClientId(String t, int i, Sink sink) {
    if (i < 44 || t.charAt(i - 1) != '.') {
      return -1;
    }
    int p = i - 1;
    int q = p;
    while (q > 0 && isLowerAlnum(t, q - 1, q) && p - q < 33) {
      q--;
    }
    if (p - q != 32 || q == 0 || t.charAt(q - 1) != '-') {
      return -1;
    }
    int d = q - 1;
    while (d > 0 && AsciiCase.isAsciiDigit(t.charAt(d - 1)) && q - 1 - d < 14) {
      d--;
    }
    if (q - 1 - d < 6 || !boundaryBefore(t, d)) {
      return -1;
    }
    int e = i + "apps.googleusercontent.com".length();
    sink.add(SecretFormats.GOOGLE_CLIENT_ID, d, e, SCORE_IDENTIFIER);
    return e;
  }

  /** Terraform Cloud tokens: "&lt;14&gt;.atlasv1.&lt;60-70&gt;". */
  static int terraform(String t, int i, Sink sink) {
    if (i < 15 || t.charAt(i - 1) != '.') {
      return -1;
    }
    int s = i - 15;
    if (!isAlnum(t, s, i - 1) || !boundaryBefore(t, s)) {
      return -1;
    }
    int b = i + "atlasv1.".length();
    int e = b;
    while (e < t.length() && (isUrlSafe(t.charAt(e)) || t.charAt(e) == '=') && e - b <= 70) {
      e++;
    }
    if (e - b < 60 || e - b > 70 || !boundaryAfter(t, e)) {
      return -1;
    }
    sink.add(SecretFormats.TERRAFORM, s, e, SCORE_FORMAT);
    return e;
  }

  /** ThingsBoard device access tokens in the HTTP API path: ".../api/v1/&lt;token&gt;/telemetry". */
  static int thingsboard(String t, int i, Sink sink) {
    if (i < 30 || t.charAt(i - 1) != '/') {
      return -1;
    }
    int e = i - 1;
    int s = e;
    while (s > 0 && AsciiCase.isAsciiAlnum(t.charAt(s - 1)) && e - s < 32) {
      s--;
    }
    if (e - s < 20 || !t.startsWith("/api/v1/", s - 8) || !SecretValues.looksRandom(t, s, e)) {
      return -1;
    }
    sink.add(SecretFormats.THINGSBOARD, s, e, SCORE_FORMAT);
    return i + "telemetry".length();
  }
}
