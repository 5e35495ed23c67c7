package dev.guardrails4j.core.detect.output;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds links, images and URLs whose host is outside the allowed domains, in one forward pass
 * over the text. See {@link ExfiltrationLinksDetectorFactory}.
 *
 * <p>Every step looks at a bounded window or advances past what it read, so the scan is linear:
 * bracket lookahead is capped, an HTML tag is read at most once up to the next {@code >} (cached),
 * a URL is analysed on at most {@value #MAX_ANALYSED} characters.
 */
final class ExfiltrationLinksDetector implements Detector {

  static final String IMAGE = "EXFILTRATION_IMAGE";
  static final String LINK = "EXFILTRATION_LINK";
  static final String URL = "EXFILTRATION_URL";
  static final Set<String> TYPES = Set.of(IMAGE, LINK, URL);

  static final int MAX_ANALYSED = 4096;
  private static final int MAX_TAG = 8192;
  private static final int MAX_LABEL = 999;
  private static final int MAX_SPACE = 64;
  private static final int STACK = 64;

  private static final int RAW = 0;
  private static final int MARKDOWN = 1;
  private static final int HTML = 2;

  private final String name;
  private final String[] allowed;
  private final boolean rawUrls;
  private final Set<String> types;

  ExfiltrationLinksDetector(String name, List<String> allowed, boolean rawUrls, Set<String> types) {
    this.name = name;
    this.allowed = allowed.toArray(new String[0]);
    this.rawUrls = rawUrls && types.contains(URL);
    this.types = Set.copyOf(types);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> types() {
    return types;
  }

  @Override
  public List<Finding> detect(String text) {
    if (text.length() < 4) {
      return List.of();
    }
    return new Scan(text).run();
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAsciiAlnum(char c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9');
  }

  private static boolean isSlash(char c) {
    return c == '/' || c == '\\';
  }

  private static int tagKind(String tag) {
    return switch (tag) {
      case "a", "area", "form", "button", "base" -> 2;
      case "img", "image", "video", "audio", "source", "iframe", "frame", "embed", "object",
          "script", "input", "track", "link", "body", "table", "td", "th", "use", "svg" -> 1;
      default -> 0;
    };
  }

  private static boolean isUrlAttribute(String attribute) {
    return switch (attribute) {
      case "src", "href", "srcset", "imagesrcset", "poster", "data", "action", "formaction",
          "background", "lowsrc", "dynsrc", "xlink:href", "ping", "cite", "longdesc", "codebase",
          "manifest", "icon" -> true;
      default -> false;
    };
  }

  /** Per-call state. */
  private final class Scan {
    private final String t;
    private final int n;
    private List<Finding> out;
    private int[] stack;
    private boolean[] stackImage;
    private boolean[] stackLineStart;
    private int depth;
    private Set<String> imageLabels;
    private List<int[]> definitions;
    private int rawUntil;
    private int tagUntil;
    private int nextGt = -1;

    Scan(String text) {
      this.t = text;
      this.n = text.length();
    }

    List<Finding> run() {
      for (int i = 0; i < n; i++) {
        char c = t.charAt(i);
        if (c < ':' || (c > ']' && c != 'w')) {
          continue; // every trigger is one of : < [ ] w W
        }
        switch (c) {
          case '[' -> open(i);
          case ']' -> i = close(i);
          case '<' -> {
            if (i >= tagUntil) {
              angle(i);
            }
          }
          case ':' -> {
            if (rawUrls && i >= rawUntil) {
              rawScheme(i);
            }
          }
          case 'w', 'W' -> {
            if (rawUrls && i >= rawUntil) {
              rawWww(i);
            }
          }
          default -> {
            // not a trigger
          }
        }
      }
      resolveDefinitions();
      return finish();
    }

    // ---- Markdown -------------------------------------------------------------------------

    private void open(int i) {
      if (i > 0 && t.charAt(i - 1) == '\\') {
        return;
      }
      if (stack == null) {
        stack = new int[STACK];
        stackImage = new boolean[STACK];
        stackLineStart = new boolean[STACK];
      }
      if (depth == STACK) {
        return;
      }
      stack[depth] = i;
      stackImage[depth] = i > 0 && t.charAt(i - 1) == '!';
      stackLineStart[depth] = atLineStart(i);
      depth++;
    }

    private boolean atLineStart(int i) {
      int k = i;
      while (k > 0 && i - k < 4 && t.charAt(k - 1) == ' ') {
        k--;
      }
      return i - k <= 3 && (k == 0 || t.charAt(k - 1) == '\n' || t.charAt(k - 1) == '\r');
    }

    /** Handles a closing bracket; returns the index the main loop continues after. */
    private int close(int i) {
      if (depth == 0 || t.charAt(i - 1) == '\\') {
        return i;
      }
      depth--;
      int open = stack[depth];
      boolean image = stackImage[depth];
      int j = i + 1;
      if (j < n && t.charAt(j) == ':' && stackLineStart[depth] && !image) {
        long dest = destination(j + 1);
        if (dest < 0) {
          return i;
        }
        if (definitions == null) {
          definitions = new ArrayList<>();
        }
        definitions.add(new int[] {open + 1, i, (int) (dest >>> 32), (int) dest});
        return (int) dest - 1;
      }
      int k = skipSpace(j);
      if (k < n && t.charAt(k) == '(') {
        long dest = destination(k + 1);
        if (dest < 0) {
          return i;
        }
        report(image ? IMAGE : LINK, (int) (dest >>> 32), (int) dest, MARKDOWN);
        return Math.max(i, (int) dest - 1);
      }
      if (k < n && t.charAt(k) == '[') {
        int end = k + 1;
        while (end < n && end - k <= MAX_LABEL && t.charAt(end) != ']' && t.charAt(end) != '[') {
          end++;
        }
        if (end >= n || t.charAt(end) != ']') {
          return i;
        }
        if (image) {
          recordImageLabel(end == k + 1 ? open + 1 : k + 1, end == k + 1 ? i : end);
        }
        return end;
      }
      if (image) {
        recordImageLabel(open + 1, i);
      }
      return i;
    }

    /** Skips spaces, tabs and at most one line break, within a bound. */
    private int skipSpace(int from) {
      int p = from;
      boolean newline = false;
      while (p < n && p - from <= MAX_SPACE) {
        char c = t.charAt(p);
        if (c == '\n') {
          if (newline) {
            return p;
          }
          newline = true;
        } else if (c != ' ' && c != '\t' && c != '\r') {
          return p;
        }
        p++;
      }
      return p;
    }

    /** A link destination after optional space, packed as start << 32 | end, or -1. */
    private long destination(int from) {
      int p = skipSpace(from);
      if (p >= n || p - from > MAX_SPACE) {
        return -1;
      }
      if (t.charAt(p) == '<') {
        int q = p + 1;
        while (q < n) {
          char c = t.charAt(q);
          if (c == '>' || c == '\n' || c == '<') {
            break;
          }
          q += c == '\\' ? 2 : 1;
        }
        if (q >= n || t.charAt(q) != '>' || q == p + 1) {
          return -1;
        }
        return ((long) (p + 1) << 32) | q;
      }
      int q = p;
      int parens = 0;
      while (q < n) {
        char c = t.charAt(q);
        if (c <= ' ') {
          break;
        }
        if (c == '\\') {
          q += 2;
          continue;
        }
        if (c == '(') {
          if (++parens > 32) {
            break;
          }
        } else if (c == ')') {
          if (parens == 0) {
            break;
          }
          parens--;
        }
        q++;
      }
      q = Math.min(q, n);
      return q == p ? -1 : ((long) p << 32) | q;
    }

    private void recordImageLabel(int start, int end) {
      String label = label(start, end);
      if (label != null) {
        if (imageLabels == null) {
          imageLabels = new HashSet<>();
        }
        imageLabels.add(label);
      }
    }

    private String label(int start, int end) {
      if (end - start > MAX_LABEL || end <= start) {
        return null;
      }
      StringBuilder b = new StringBuilder(end - start);
      boolean space = false;
      for (int k = start; k < end; k++) {
        char c = t.charAt(k);
        if (Character.isWhitespace(c)) {
          space = b.length() > 0;
        } else {
          if (space) {
            b.append(' ');
            space = false;
          }
          b.append(c);
        }
      }
      return b.toString().toLowerCase(Locale.ROOT);
    }

    private void resolveDefinitions() {
      if (definitions == null) {
        return;
      }
      for (int[] d : definitions) {
        String label = label(d[0], d[1]);
        boolean image = label != null && imageLabels != null && imageLabels.contains(label);
        report(image ? IMAGE : LINK, d[2], d[3], MARKDOWN);
      }
    }

    // ---- HTML -----------------------------------------------------------------------------

    private void angle(int i) {
      int p = i + 1;
      if (p >= n || !isAsciiLetter(t.charAt(p))) {
        return;
      }
      int q = p;
      while (q < n && q - p < 33 && (isAsciiAlnum(t.charAt(q)) || t.charAt(q) == '+'
          || t.charAt(q) == '.' || t.charAt(q) == '-')) {
        q++;
      }
      int gt = nextGreater(q);
      if (gt < 0 || gt - i > MAX_TAG) {
        return;
      }
      if (q < n && t.charAt(q) == ':') {
        for (int k = q + 1; k < gt; k++) {
          char c = t.charAt(k);
          if (c <= ' ' || c == '<') {
            return;
          }
        }
        report(LINK, p, gt, HTML); // autolink <scheme:...>
        return;
      }
      if (q - p > 10 || (q < n && !Character.isWhitespace(t.charAt(q)) && t.charAt(q) != '/'
          && t.charAt(q) != '>')) {
        return;
      }
      int kind = tagKind(t.substring(p, q).toLowerCase(Locale.ROOT));
      if (kind == 0) {
        return;
      }
      tagUntil = gt;
      attributes(q, gt, kind == 1 ? IMAGE : LINK);
    }

    private int nextGreater(int from) {
      if (nextGt < from) {
        nextGt = t.indexOf('>', from);
        if (nextGt < 0) {
          nextGt = n;
        }
      }
      return nextGt == n ? -1 : nextGt;
    }

    private void attributes(int from, int to, String type) {
      int a = from;
      while (a < to) {
        char c = t.charAt(a);
        if (Character.isWhitespace(c) || c == '/') {
          a++;
          continue;
        }
        int nameStart = a;
        while (a < to && !Character.isWhitespace(t.charAt(a)) && t.charAt(a) != '='
            && t.charAt(a) != '/') {
          a++;
        }
        int nameEnd = a;
        while (a < to && Character.isWhitespace(t.charAt(a))) {
          a++;
        }
        if (a >= to || t.charAt(a) != '=') {
          if (a == nameStart) {
            a++;
          }
          continue;
        }
        a++;
        while (a < to && Character.isWhitespace(t.charAt(a))) {
          a++;
        }
        int valueStart;
        int valueEnd;
        if (a < to && (t.charAt(a) == '"' || t.charAt(a) == '\'')) {
          char quote = t.charAt(a);
          valueStart = a + 1;
          valueEnd = valueStart;
          while (valueEnd < to && t.charAt(valueEnd) != quote) {
            valueEnd++; // never past the tag's end: an unclosed quote must not cost a rescan
          }
          a = valueEnd + 1;
        } else {
          valueStart = a;
          while (a < to && !Character.isWhitespace(t.charAt(a))) {
            a++;
          }
          valueEnd = a;
        }
        if (nameEnd - nameStart <= 12) {
          String attribute = t.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
          if (isUrlAttribute(attribute)) {
            urlValue(attribute, valueStart, valueEnd, type);
          }
        }
      }
    }

    private void urlValue(String attribute, int start, int end, String type) {
      if (!attribute.endsWith("srcset") && !attribute.equals("ping")) {
        report(type, start, end, HTML);
        return;
      }
      int k = start;
      while (k < end) {
        while (k < end && (Character.isWhitespace(t.charAt(k)) || t.charAt(k) == ',')) {
          k++;
        }
        int urlStart = k;
        while (k < end && !Character.isWhitespace(t.charAt(k))) {
          k++;
        }
        int urlEnd = k;
        if (urlEnd > urlStart && t.charAt(urlEnd - 1) == ',') {
          urlEnd--;
        }
        if (urlEnd > urlStart) {
          report(type, urlStart, urlEnd, HTML);
        }
        if (attribute.equals("ping")) {
          continue;
        }
        while (k < end && t.charAt(k) != ',') {
          k++; // skip the width or density descriptor
        }
      }
    }

    // ---- Raw URLs -------------------------------------------------------------------------

    private void rawScheme(int colon) {
      if (colon + 2 >= n || !isSlash(t.charAt(colon + 1)) || !isSlash(t.charAt(colon + 2))) {
        return;
      }
      int s = colon;
      while (s > 0 && colon - s < 6 && isAsciiLetter(t.charAt(s - 1))) {
        s--;
      }
      if (s == colon || (s > 0 && isAsciiAlnum(t.charAt(s - 1)))) {
        return;
      }
      int len = colon - s;
      boolean web = (len == 4 && t.regionMatches(true, s, "http", 0, 4))
          || (len == 5 && (t.regionMatches(true, s, "https", 0, 5)
              || t.regionMatches(true, s, "ftps", 0, 4)))
          || (len == 3 && (t.regionMatches(true, s, "ftp", 0, 3)
              || t.regionMatches(true, s, "wss", 0, 3)))
          || (len == 2 && t.regionMatches(true, s, "ws", 0, 2));
      if (!web) {
        return;
      }
      int end = rawEnd(colon + 3);
      if (end > colon + 3) {
        report(URL, s, end, RAW);
        rawUntil = end;
      }
    }

    private void rawWww(int i) {
      if (i + 4 >= n || t.charAt(i + 3) != '.' || (t.charAt(i + 1) | 0x20) != 'w'
          || (t.charAt(i + 2) | 0x20) != 'w' || !isAsciiAlnum(t.charAt(i + 4))) {
        return;
      }
      if (i > 0) {
        char p = t.charAt(i - 1);
        if (isAsciiAlnum(p) || p == '.' || p == '/' || p == '@' || p == '-' || p == '\\') {
          return;
        }
      }
      int end = rawEnd(i + 4);
      report(URL, i, end, RAW);
      rawUntil = end;
    }

    /** Where a raw URL ends: at space, quotes, angle or square brackets, an unbalanced ')'. */
    private int rawEnd(int from) {
      int q = from;
      if (q < n && t.charAt(q) == '[') {
        for (int k = q + 1; k < n && k - q < 64; k++) {
          if (t.charAt(k) == ']') {
            q = k + 1; // IPv6 literal
            break;
          }
        }
      }
      int parens = 0;
      while (q < n) {
        char c = t.charAt(q);
        if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '`' || c == '['
            || c == ']' || c == '{' || c == '}' || c == '|' || Character.isWhitespace(c)
            || Character.isSpaceChar(c)) {
          break;
        }
        if (c == '(') {
          parens++;
        } else if (c == ')') {
          if (parens == 0) {
            break;
          }
          parens--;
        }
        q++;
      }
      while (q > from && ".,;:!?*_~".indexOf(t.charAt(q - 1)) >= 0) {
        q--;
      }
      return q;
    }

    // ---- Assessment ----------------------------------------------------------------------

    private void report(String type, int start, int end, int mode) {
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

  static String percentDecode(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '%' && k + 2 < s.length() && Character.digit(s.charAt(k + 1), 16) >= 0
          && Character.digit(s.charAt(k + 2), 16) >= 0) {
        bytes.write(Character.digit(s.charAt(k + 1), 16) * 16 + Character.digit(s.charAt(k + 2), 16));
        k += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static final Set<Character.UnicodeScript> JAPANESE = EnumSet.of(
      Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN,
      Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA);
  private static final Set<Character.UnicodeScript> CHINESE = EnumSet.of(
      Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN,
      Character.UnicodeScript.BOPOMOFO);
  private static final Set<Character.UnicodeScript> KOREAN = EnumSet.of(
      Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN,
      Character.UnicodeScript.HANGUL);

  /**
   * Whether a label of the host mixes scripts, other than the combinations CJK names use
   * (Latin with Han and Kana, Bopomofo or Hangul), as browsers judge IDN spoofing.
   */
  static boolean mixedScripts(String host) {
    EnumSet<Character.UnicodeScript> scripts = EnumSet.noneOf(Character.UnicodeScript.class);
    for (int k = 0; k <= host.length(); ) {
      if (k == host.length() || host.charAt(k) == '.') {
        if (scripts.size() > 1 && !JAPANESE.containsAll(scripts) && !CHINESE.containsAll(scripts)
            && !KOREAN.containsAll(scripts)) {
          return true;
        }
        scripts.clear();
        k++;
        continue;
      }
      int cp = host.codePointAt(k);
      Character.UnicodeScript script = Character.UnicodeScript.of(cp);
      if (script != Character.UnicodeScript.COMMON && script != Character.UnicodeScript.INHERITED
          && script != Character.UnicodeScript.UNKNOWN) {
        scripts.add(script);
      }
      k += Character.charCount(cp);
    }
    return false;
  }

  /** IPv6 in brackets, or only digits, dots and hex prefixes (browsers accept 0x7f.1). */
  static boolean isIpLiteral(String host) {
    if (host.startsWith("[")) {
      return true;
    }
    boolean digit = false;
    for (int k = 0; k < host.length(); k++) {
      char c = host.charAt(k);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c != '.' && c != 'x') {
        return false;
      }
    }
    return digit;
  }
}
