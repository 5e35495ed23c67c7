package dev.guardrails4j.core.detect.pii;

import static dev.guardrails4j.core.detect.pii.PiiDetector.EMAIL;
import static dev.guardrails4j.core.detect.pii.PiiDetector.MAX_DOMAIN;
import static dev.guardrails4j.core.detect.pii.PiiDetector.MAX_LOCAL;
import static dev.guardrails4j.core.detect.pii.PiiDetector.SCORE_EMAIL;
import static dev.guardrails4j.core.detect.text.AsciiCase.isAsciiAlnum;

import dev.guardrails4j.core.detect.text.FindingList;
import java.util.Set;

/**
 * The {@code EMAIL_ADDRESS} recognizer of the {@code pii} detector: a local part, {@code @} (or
 * {@code [at]}, {@code (at)}), and a domain with a letter top-level domain that is not a file
 * extension.
 */
final class EmailRecognizer {

  private EmailRecognizer() {}

  /** File extensions that are not top-level domains anyone uses for mail. */
  private static final Set<String> FILE_EXTENSIONS = Set.of(
      "gif", "png", "jpg", "jpeg", "svg", "webp", "bmp", "ico", "tif", "tiff", "js", "mjs", "ts",
      "tsx", "jsx", "java", "class", "txt", "json", "xml", "html", "htm", "css", "scss", "yml",
      "yaml", "jar", "war", "pdf", "exe", "dll", "log", "csv", "properties", "toml", "lock", "bat",
      "zip", "gz", "tgz", "mp3", "mp4", "wav", "ttf", "woff", "map", "kt", "swift", "php");

  /** Whether position i starts "[at]", "(at)", "{at}" or "<at>" in any case. */
  static boolean isObfuscatedAt(String t, int i) {
    return i + 3 < t.length()
        && (t.charAt(i + 1) | 0x20) == 'a'
        && (t.charAt(i + 2) | 0x20) == 't'
        && t.charAt(i + 3) == closing(t.charAt(i));
  }

  private static boolean isObfuscatedDot(String t, int i) {
    return i + 4 < t.length()
        && (t.charAt(i) == '[' || t.charAt(i) == '(' || t.charAt(i) == '{' || t.charAt(i) == '<')
        && (t.charAt(i + 1) | 0x20) == 'd'
        && (t.charAt(i + 2) | 0x20) == 'o'
        && (t.charAt(i + 3) | 0x20) == 't'
        && t.charAt(i + 4) == closing(t.charAt(i));
  }

  private static char closing(char open) {
    return switch (open) {
      case '[' -> ']';
      case '(' -> ')';
      case '{' -> '}';
      case '<' -> '>';
      default -> '\0';
    };
  }

  /**
   * Reports an e-mail address whose '@' (or bracketed "at") is at position at; returns the end of
   * the address, or at when there is none.
   */
  static int emailAt(String t, int at, FindingList out) {
    boolean obfuscated = t.charAt(at) != '@';
    int localEnd = at;
    int afterAt = at + 1;
    if (obfuscated) {
      afterAt = at + 4;
      int s = at;
      for (int k = 0; k < 2 && s > 0 && t.charAt(s - 1) == ' '; k++) {
        s--;
      }
      localEnd = s;
      for (int k = 0; k < 2 && afterAt < t.length() && t.charAt(afterAt) == ' '; k++) {
        afterAt++;
      }
    }
    int localStart = localEnd;
    while (localStart > 0 && localEnd - localStart < MAX_LOCAL && isLocalChar(t.charAt(localStart - 1))) {
      localStart--;
    }
    if (localStart > 0 && localEnd - localStart == MAX_LOCAL && isLocalChar(t.charAt(localStart - 1))) {
      return at;
    }
    while (localStart < localEnd && !isLocalEdge(t.charAt(localStart))) {
      localStart++;
    }
    int localLast = localEnd;
    if (localStart >= localEnd || !isLocalEdge(t.charAt(localLast - 1))) {
      return at;
    }
    int domainEnd = domainAt(t, afterAt, obfuscated);
    if (domainEnd < 0) {
      return at;
    }
    out.add(EMAIL, localStart, domainEnd, SCORE_EMAIL);
    return domainEnd;
  }

  /** Parses a domain name starting at i; returns its end or -1. */
  private static int domainAt(String t, int i, boolean obfuscatedDots) {
    int n = t.length();
    int labels = 0;
    int end = -1;
    int p = i;
    int lastLabelStart = -1;
    int limit = Math.min(n, i + MAX_DOMAIN + 40);
    while (p < limit) {
      int labelStart = p;
      while (p < limit && isLabelChar(t.charAt(p))) {
        p++;
      }
      int labelLength = p - labelStart;
      if (labelLength == 0 || labelLength > 63
          || t.charAt(labelStart) == '-' || t.charAt(p - 1) == '-') {
        break;
      }
      labels++;
      lastLabelStart = labelStart;
      end = p;
      if (p + 1 < n && t.charAt(p) == '.' && isLabelChar(t.charAt(p + 1))) {
        p++;
        continue;
      }
      if (obfuscatedDots) {
        int q = p;
        for (int k = 0; k < 2 && q < n && t.charAt(q) == ' '; k++) {
          q++;
        }
        if (isObfuscatedDot(t, q)) {
          q += 5;
          for (int k = 0; k < 2 && q < n && t.charAt(q) == ' '; k++) {
            q++;
          }
          if (q < n && isLabelChar(t.charAt(q))) {
            p = q;
            continue;
          }
        }
      }
      break;
    }
    if (labels < 2 || end < 0) {
      return -1;
    }
    if (end < n && (isLabelChar(t.charAt(end)) || t.charAt(end) == '@')) {
      return -1;
    }
    // The top-level domain is letters (or an IDN "xn--" label), at least two of them.
    int tldLength = end - lastLabelStart;
    if (tldLength < 2) {
      return -1;
    }
    if (!t.startsWith("xn--", lastLabelStart)) {
      for (int k = lastLabelStart; k < end; k++) {
        if (!Character.isLetter(t.charAt(k))) {
          return -1;
        }
      }
      if (tldLength <= 10 && FILE_EXTENSIONS.contains(
          t.substring(lastLabelStart, end).toLowerCase(java.util.Locale.ROOT))) {
        return -1; // "icon@2x.png", "filename@125pct.gif": a file name, not an address
      }
    }
    return end;
  }

  private static boolean isLocalChar(char c) {
    if (c < 128) {
      return isAsciiAlnum(c) || "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0;
    }
    return Character.isLetterOrDigit(c);
  }

  private static boolean isLocalEdge(char c) {
    return c < 128 ? isAsciiAlnum(c) || c == '_' : Character.isLetterOrDigit(c);
  }

  private static boolean isLabelChar(char c) {
    return c < 128 ? isAsciiAlnum(c) || c == '-' : Character.isLetterOrDigit(c);
  }
}
