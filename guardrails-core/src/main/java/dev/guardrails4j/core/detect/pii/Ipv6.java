package dev.guardrails4j.core.detect.pii;

/**
 * Validates IPv6 text forms (RFC 4291 section 2.2): eight hex groups, a {@code ::} compression,
 * and an IPv4 tail such as {@code ::ffff:192.0.2.1}.
 */
final class Ipv6 {

  private Ipv6() {}

  /**
   * Whether {@code t[s, e)} is an IPv6 address that a reader would take for one: besides being
   * well formed, it holds a decimal digit and, when compressed, at least five hex digits or an IPv4
   * tail (so {@code Face::add} or {@code x[1::2]} in code are not addresses) unless it is
   * {@code ::1}.
   *
   * @param t text
   * @param s start
   * @param e end, exclusive
   * @return true for an address
   */
  static boolean isAddress(String t, int s, int e) {
    if (e - s < 3 || e - s > 45) {
      return false;
    }
    if (e - s == 3 && t.startsWith("::1", s)) {
      return true;
    }
    int groups = 0;
    int hexDigits = 0;
    boolean compressed = false;
    boolean digit = false;
    boolean ipv4Tail = false;
    int p = s;
    if (t.charAt(p) == ':') {
      if (p + 1 >= e || t.charAt(p + 1) != ':') {
        return false;
      }
      compressed = true;
      p += 2;
      if (p == e) {
        return false;
      }
    }
    while (p < e) {
      int g = p;
      while (p < e && p - g < 5 && isHex(t.charAt(p))) {
        p++;
      }
      int len = p - g;
      if (p < e && t.charAt(p) == '.') {
        // An IPv4 tail: must be the last part, and counts as two groups.
        if (!isIpv4(t, g, e)) {
          return false;
        }
        groups += 2;
        ipv4Tail = true;
        digit = true;
        p = e;
        break;
      }
      if (len == 0 || len > 4) {
        return false;
      }
      for (int k = g; k < p; k++) {
        if (t.charAt(k) >= '0' && t.charAt(k) <= '9') {
          digit = true;
        }
      }
      hexDigits += len;
      groups++;
      if (p == e) {
        break;
      }
      if (t.charAt(p) != ':') {
        return false;
      }
      p++;
      if (p < e && t.charAt(p) == ':') {
        if (compressed) {
          return false;
        }
        compressed = true;
        p++;
        if (p == e) {
          break;
        }
      } else if (p == e) {
        return false;
      }
    }
    if (!digit) {
      return false;
    }
    if (compressed) {
      return groups <= 7 && (hexDigits >= 5 || ipv4Tail);
    }
    return groups == 8;
  }

  private static boolean isIpv4(String t, int s, int e) {
    int parts = 0;
    int p = s;
    while (p < e) {
      int g = p;
      int v = 0;
      while (p < e && p - g < 4 && t.charAt(p) >= '0' && t.charAt(p) <= '9') {
        v = v * 10 + (t.charAt(p) - '0');
        p++;
      }
      int len = p - g;
      if (len == 0 || len > 3 || v > 255 || (len > 1 && t.charAt(g) == '0')) {
        return false;
      }
      parts++;
      if (p < e) {
        if (t.charAt(p) != '.' || p + 1 == e) {
          return false;
        }
        p++;
      }
    }
    return parts == 4;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
