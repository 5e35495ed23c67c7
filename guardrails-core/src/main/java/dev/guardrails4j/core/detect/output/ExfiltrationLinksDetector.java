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

  static final int RAW = 0;
  static final int MARKDOWN = 1;
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

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isAsciiAlnum(char c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9');
  }

  static boolean isSlash(char c) {
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
  private final class Scan extends LinkAssessment {
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
      super(text, ExfiltrationLinksDetector.this.name, allowed, types);
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
