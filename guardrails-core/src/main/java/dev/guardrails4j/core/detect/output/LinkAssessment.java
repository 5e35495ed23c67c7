package dev.guardrails4j.core.detect.output;

import static dev.guardrails4j.core.detect.output.ExfiltrationLinksDetector.IMAGE;
import static dev.guardrails4j.core.detect.output.ExfiltrationLinksDetector.LINK;
import static dev.guardrails4j.core.detect.output.ExfiltrationLinksDetector.MARKDOWN;
import static dev.guardrails4j.core.detect.output.ExfiltrationLinksDetector.MAX_ANALYSED;
import static dev.guardrails4j.core.detect.output.ExfiltrationLinksDetector.RAW;
import static dev.guardrails4j.core.detect.output.ExfiltrationLinksDetector.URL;
import static dev.guardrails4j.core.detect.output.ExfiltrationLinksDetector.isAsciiAlnum;
import static dev.guardrails4j.core.detect.output.ExfiltrationLinksDetector.isAsciiLetter;
import static dev.guardrails4j.core.detect.output.ExfiltrationLinksDetector.isIpLiteral;
import static dev.guardrails4j.core.detect.output.ExfiltrationLinksDetector.isSlash;
import static dev.guardrails4j.core.detect.output.ExfiltrationLinksDetector.mixedScripts;
import static dev.guardrails4j.core.detect.output.ExfiltrationLinksDetector.percentDecode;

import dev.guardrails4j.api.Finding;
import java.net.IDN;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The assessment half of one {@code exfiltration-links} scan: a URL that the markup scan found is
 * cleaned the way a browser reads it, its host compared with the allowed domains, its score
 * weighed, and the findings sorted and filtered at the end. The markup scan extends it.
 */
abstract class LinkAssessment {
  final String t;
  final int n;
  private final String name;
  private final String[] allowed;
  private final Set<String> types;
  private List<Finding> out;

  LinkAssessment(String text, String name, String[] allowed, Set<String> types) {
    this.t = text;
    this.n = text.length();
    this.name = name;
    this.allowed = allowed;
    this.types = types;
  }

  void report(String type, int start, int end, int mode) {
    double score = assess(type, start, end, mode);
    if (score < 0) {
      return;
    }
    if (out == null) {
      out = new ArrayList<>(4);
    }
    out.add(Finding.of(name, type, start, end, Math.min(1.0, Math.round(score * 100) / 100.0)));
  }

  /** The score of a URL, or -1 when it has no host or its host is allowed. */
  private double assess(String type, int start, int end, int mode) {
    StringBuilder u = clean(start, end, mode);
    int len = u.length();
    int colon = -1;
    if (len > 0 && isAsciiLetter(u.charAt(0))) {
      int k = 1;
      while (k < len && k < 32 && (isAsciiAlnum(u.charAt(k)) || u.charAt(k) == '+'
          || u.charAt(k) == '.' || u.charAt(k) == '-')) {
        k++;
      }
      if (k < len && u.charAt(k) == ':') {
        colon = k;
      }
    }
    int hostStart;
    boolean special = true;
    if (colon > 0) {
      String scheme = u.substring(0, colon).toLowerCase(Locale.ROOT);
      switch (scheme) {
        case "javascript", "vbscript" -> {
          return 1.0;
        }
        case "data" -> {
          return IMAGE.equals(type) ? 0.4 : 0.8;
        }
        case "mailto" -> {
          int at = u.indexOf("@", colon);
          if (at < 0) {
            return -1;
          }
          int stop = at + 1;
          while (stop < len && u.charAt(stop) != '?' && u.charAt(stop) != '#'
              && u.charAt(stop) != ',') {
            stop++;
          }
          return hostScore(type, u, at + 1, stop, stop, end - start, false);
        }
        case "http", "https", "ftp", "ftps", "ws", "wss" -> {
          hostStart = colon + 1;
          while (hostStart < len && isSlash(u.charAt(hostStart))) {
            hostStart++;
          }
        }
        case "file" -> {
          return -1;
        }
        default -> {
          if (colon + 2 < len && u.charAt(colon + 1) == '/' && u.charAt(colon + 2) == '/') {
            hostStart = colon + 3;
            special = false;
          } else {
            return -1; // no authority: tel:, urn:, about:, ...
          }
        }
      }
    } else if (len > 1 && isSlash(u.charAt(0)) && isSlash(u.charAt(1))) {
      hostStart = 2;
      while (hostStart < len && isSlash(u.charAt(hostStart))) {
        hostStart++;
      }
    } else if (mode == RAW && len > 4 && u.substring(0, 4).equalsIgnoreCase("www.")) {
      hostStart = 0;
    } else {
      return -1; // relative reference: same site
    }
    int authorityEnd = hostStart;
    while (authorityEnd < len) {
      char c = u.charAt(authorityEnd);
      if (c == '/' || c == '?' || c == '#' || (special && c == '\\')) {
        break;
      }
      authorityEnd++;
    }
    boolean userInfo = false;
    boolean credentials = false;
    for (int k = authorityEnd - 1; k >= hostStart; k--) {
      if (u.charAt(k) == '@') {
        // A password or a long user name in the user-info is data on its way out.
        credentials = k - hostStart >= 16 || u.indexOf(":", hostStart) < k
            && u.indexOf(":", hostStart) >= 0;
        hostStart = k + 1;
        userInfo = true;
        break;
      }
    }
    int hostEnd = authorityEnd;
    if (hostStart < hostEnd && u.charAt(hostStart) == '[') {
      int closing = u.indexOf("]", hostStart);
      hostEnd = closing < 0 || closing > authorityEnd ? authorityEnd : closing + 1;
    } else {
      for (int k = hostEnd - 1; k >= hostStart; k--) {
        char c = u.charAt(k);
        if (c == ':') {
          hostEnd = k;
          break;
        }
        if (c < '0' || c > '9') {
          break;
        }
      }
    }
    double score = hostScore(type, u, hostStart, hostEnd, authorityEnd, end - start, userInfo);
    return score < 0 || !credentials ? score : score + 0.15;
  }

  private double hostScore(String type, StringBuilder u, int hostStart, int hostEnd,
      int rest, int fullLength, boolean userInfo) {
    boolean encoded = false;
    String host = u.substring(hostStart, hostEnd);
    if (host.indexOf('%') >= 0) {
      host = percentDecode(host);
      encoded = true;
    }
    char[] h = new char[host.length()];
    int length = 0;
    boolean ascii = true;
    for (int k = 0; k < host.length(); k++) {
      char c = host.charAt(k);
      if (c >= 0xFF01 && c <= 0xFF5E) {
        c = (char) (c - 0xFEE0);
        encoded = true;
      }
      if (c == 0x3002 || c == 0xFF0E || c == 0xFF61) {
        c = '.';
      }
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + 0x20);
      } else if (c >= 0x80) {
        ascii = false;
      }
      h[length++] = c;
    }
    while (length > 0 && h[length - 1] == '.') {
      length--;
    }
    if (length == 0) {
      return -1;
    }
    String lower = new String(h, 0, length);
    if (!ascii) {
      lower = lower.toLowerCase(Locale.ROOT);
    }
    boolean mixed = false;
    String asciiHost = lower;
    if (!ascii) {
      mixed = mixedScripts(lower);
      try {
        asciiHost = IDN.toASCII(lower, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        asciiHost = null;
      }
    }
    if (!mixed && asciiHost != null && isAllowed(asciiHost)) {
      return -1;
    }
    boolean deceptive = userInfo || mixed || encoded || !ascii || asciiHost == null
        || asciiHost.startsWith("xn--") || asciiHost.contains(".xn--") || isIpLiteral(lower);
    double base = IMAGE.equals(type) ? 0.8 : LINK.equals(type) ? 0.6 : 0.5;
    return base + dataBonus(u, rest, fullLength - rest) + (deceptive ? 0.1 : 0.0);
  }

  private boolean isAllowed(String host) {
    for (String domain : allowed) {
      if (host.equals(domain)) {
        return true;
      }
      int dl = domain.length();
      if (host.length() > dl && host.endsWith(domain)
          && host.charAt(host.length() - dl - 1) == '.') {
        return true;
      }
    }
    return false;
  }

  /** Up to 0.3 for a URL that looks like it carries data in its path or query. */
  private double dataBonus(StringBuilder u, int from, int restLength) {
    int len = u.length();
    int params = 0;
    int longest = 0;
    boolean encodedValue = false;
    boolean encodedPath = false;
    int query = -1;
    int segmentStart = from;
    for (int k = from; k <= len; k++) {
      char c = k < len ? u.charAt(k) : '/';
      if (query < 0) {
        if (c == '/' || c == '?' || c == '#') {
          if (k - segmentStart >= 24 && looksEncoded(u, segmentStart, k)) {
            encodedPath = true;
          }
          segmentStart = k + 1;
          if (c == '?' || (c == '#' && k < len)) {
            query = k + 1;
          }
        }
      } else if (c == '&' || c == ';' || c == '#' || k == len) {
        int eq = query;
        while (eq < k && u.charAt(eq) != '=') {
          eq++;
        }
        int valueStart = eq < k ? eq + 1 : query;
        if (k > query) {
          params++;
          longest = Math.max(longest, k - valueStart);
          if (k - valueStart >= 16 && looksEncoded(u, valueStart, k)) {
            encodedValue = true;
          }
        }
        query = k + 1;
      }
    }
    double bonus = 0;
    if (longest >= 32 || encodedValue) {
      bonus += 0.15;
    }
    if (encodedPath) {
      bonus += 0.1;
    }
    if (params >= 3) {
      bonus += 0.05;
    }
    if (params >= 6) {
      bonus += 0.05;
    }
    if (restLength >= 200) {
      bonus += 0.1;
    }
    return Math.min(0.3, bonus);
  }

  /** Letters and digits mixed, in the base64/hex/percent alphabet: encoded data, not words. */
  private boolean looksEncoded(StringBuilder u, int from, int to) {
    boolean letter = false;
    boolean digit = false;
    int percents = 0;
    for (int k = from; k < to; k++) {
      char c = u.charAt(k);
      if (isAsciiLetter(c)) {
        letter = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c == '%') {
        percents++;
      } else if (c != '+' && c != '/' && c != '=' && c != '_' && c != '-') {
        return false;
      }
    }
    return (letter && digit) || percents >= 3;
  }

  /** The URL as a browser reads it: tabs and line breaks dropped, references decoded. */
  private StringBuilder clean(int start, int end, int mode) {
    StringBuilder b = new StringBuilder(Math.min(end - start, MAX_ANALYSED));
    for (int k = start; k < end && b.length() < MAX_ANALYSED; k++) {
      char c = t.charAt(k);
      if (c == '\t' || c == '\n' || c == '\r') {
        continue;
      }
      if (mode == MARKDOWN && c == '\\' && k + 1 < end) {
        char next = t.charAt(k + 1);
        if (next > ' ' && next < 0x7F && !isAsciiAlnum(next) && next != '\\') {
          b.append(next);
          k++;
          continue;
        }
      }
      if (mode != RAW && c == '&') {
        int next = entity(k, end, b);
        if (next > k) {
          k = next - 1;
          continue;
        }
      }
      b.append(c);
    }
    int lead = 0;
    while (lead < b.length() && b.charAt(lead) <= ' ') {
      lead++;
    }
    b.delete(0, lead);
    int trail = b.length();
    while (trail > 0 && b.charAt(trail - 1) <= ' ') {
      trail--;
    }
    b.setLength(trail);
    return b;
  }

  /** Decodes an HTML character reference at {@code k} into {@code b}; returns its end or k. */
  private int entity(int k, int end, StringBuilder b) {
    int p = k + 1;
    if (p < end && t.charAt(p) == '#') {
      p++;
      boolean hex = p < end && (t.charAt(p) == 'x' || t.charAt(p) == 'X');
      if (hex) {
        p++;
      }
      int digitsStart = p;
      long value = 0;
      while (p < end && p - digitsStart < 8 && Character.digit(t.charAt(p), hex ? 16 : 10) >= 0) {
        value = value * (hex ? 16 : 10) + Character.digit(t.charAt(p), hex ? 16 : 10);
        p++;
      }
      if (p == digitsStart || value > Character.MAX_CODE_POINT) {
        return k;
      }
      if (p < end && t.charAt(p) == ';') {
        p++;
      }
      if (value != '\t' && value != '\n' && value != '\r') {
        b.appendCodePoint((int) value);
      }
      return p;
    }
    int nameStart = p;
    while (p < end && p - nameStart < 10 && isAsciiLetter(t.charAt(p))) {
      p++;
    }
    if (p >= end || t.charAt(p) != ';') {
      return k;
    }
    String entity = t.substring(nameStart, p);
    char c = switch (entity) {
      case "amp" -> '&';
      case "colon" -> ':';
      case "sol" -> '/';
      case "bsol" -> '\\';
      case "period" -> '.';
      case "commat" -> '@';
      case "percnt" -> '%';
      case "num" -> '#';
      case "quest" -> '?';
      case "equals" -> '=';
      case "lt" -> '<';
      case "gt" -> '>';
      case "quot" -> '"';
      case "apos" -> '\'';
      case "Tab", "NewLine" -> 0;
      default -> 1;
    };
    if (c == 1) {
      return k;
    }
    if (c != 0) {
      b.append(c);
    }
    return p + 1;
  }

  List<Finding> finish() {
    if (out == null) {
      return List.of();
    }
    out.sort(Comparator.comparingInt(Finding::start));
    List<Finding> markup = new ArrayList<>();
    for (Finding f : out) {
      if (!URL.equals(f.type())) {
        markup.add(f);
      }
    }
    int[] maxEnd = new int[markup.size()];
    for (int k = 0; k < maxEnd.length; k++) {
      maxEnd[k] = Math.max(k > 0 ? maxEnd[k - 1] : 0, markup.get(k).end());
    }
    List<Finding> result = new ArrayList<>(out.size());
    for (Finding f : out) {
      if (!types.contains(f.type())) {
        continue;
      }
      if (URL.equals(f.type()) && overlapsMarkup(markup, maxEnd, f)) {
        continue;
      }
      result.add(f);
    }
    return result.isEmpty() ? List.of() : Collections.unmodifiableList(result);
  }

  /** Whether a markup finding starting before f's end ends after f's start. */
  private boolean overlapsMarkup(List<Finding> markup, int[] maxEnd, Finding f) {
    int lo = 0;
    int hi = markup.size() - 1;
    int last = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (markup.get(mid).start() < f.end()) {
        last = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return last >= 0 && maxEnd[last] > f.start();
  }
}
