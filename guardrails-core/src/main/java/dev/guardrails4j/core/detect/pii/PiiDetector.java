package dev.guardrails4j.core.detect.pii;

import static dev.guardrails4j.core.detect.pii.CardRecognizer.card;
import static dev.guardrails4j.core.detect.pii.CardRecognizer.maxDigits;
import static dev.guardrails4j.core.detect.pii.CardRecognizer.totalDigits;
import static dev.guardrails4j.core.detect.pii.EmailRecognizer.emailAt;
import static dev.guardrails4j.core.detect.pii.EmailRecognizer.isObfuscatedAt;
import static dev.guardrails4j.core.detect.pii.IbanRecognizer.ibanAt;
import static dev.guardrails4j.core.detect.pii.PhoneRecognizer.hexDumpAround;
import static dev.guardrails4j.core.detect.pii.PhoneRecognizer.isExtension;
import static dev.guardrails4j.core.detect.pii.PhoneRecognizer.phone;
import static dev.guardrails4j.core.detect.pii.SsnRecognizer.ssn;
import static dev.guardrails4j.core.detect.text.AsciiCase.isAsciiAlnum;
import static dev.guardrails4j.core.detect.text.AsciiCase.isAsciiDigit;
import static dev.guardrails4j.core.detect.text.AsciiCase.isAsciiLetter;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.detect.text.AsciiCase;
import dev.guardrails4j.core.detect.text.FindingList;
import dev.guardrails4j.core.detect.text.FoldedText;
import dev.guardrails4j.core.detect.text.views.SharedViews;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds structured personal identifiers in one pass over the text: e-mail addresses, phone
 * numbers, payment card numbers, IBANs, US social security numbers and IP addresses.
 *
 * <p>The scan only stops at anchors: {@code @} (and the bracketed {@code [at]} forms) for e-mail,
 * the start of a digit run for numbers, a digit after a word's first two letters for IBANs, and a
 * colon for IPv6; every other character costs one table lookup. Numbers are parsed into groups once, and the
 * groups are classified in order of how much the format proves: checksums (Luhn, mod-97) first,
 * then formats, then formats that also need context words. Text with invisible or compatibility
 * characters is scanned on a {@link FoldedText folded} copy; offsets always refer to the original.
 */
final class PiiDetector implements Detector {

  static final String NAME = "pii";
  static final String EMAIL = "EMAIL_ADDRESS";
  static final String PHONE = "PHONE_NUMBER";
  static final String CARD = "CREDIT_CARD";
  static final String IBAN = "IBAN_CODE";
  static final String SSN = "US_SSN";
  static final String IP = "IP_ADDRESS";
  static final Set<String> TYPES = Set.of(EMAIL, PHONE, CARD, IBAN, SSN, IP);

  /** Scores: a passed checksum proves the value; formats are strong or need context. */
  static final double SCORE_CHECKSUM = 1.0;
  static final double SCORE_EMAIL = 0.95;
  static final double SCORE_IP = 0.85;
  static final double SCORE_SSN_CONTEXT = 0.95;
  static final double SCORE_SSN_FORMAT = 0.7;
  static final double SCORE_PHONE_CONTEXT = 0.9;
  static final double SCORE_PHONE_FORMAT = 0.75;
  static final double SCORE_PHONE_WEAK = 0.6;

  private static final int MAX_GROUPS = 20;
  static final int MAX_PHONE_GROUPS = 8;
  private static final int MAX_GROUP_DIGITS = 19;
  static final int MAX_LOCAL = 64;
  static final int MAX_DOMAIN = 253;

  private static final byte NONE = 0;
  private static final byte DIGIT = 2;
  private static final byte PLUS = 3;
  private static final byte OPEN = 4;
  private static final byte AT = 5;
  private static final byte COLON = 6;
  private static final byte NON_ASCII = 7;
  /** The kind of every ASCII character, and at index 128 of every other one. */
  private static final byte[] KIND = new byte[129];

  static {
    for (char c = '0'; c <= '9'; c++) {
      KIND[c] = DIGIT;
    }
    KIND['+'] = PLUS;
    KIND['('] = OPEN;
    KIND['['] = OPEN;
    KIND['{'] = OPEN;
    KIND['<'] = OPEN;
    KIND['@'] = AT;
    KIND[':'] = COLON;
    KIND[128] = NON_ASCII;
  }

  /** Words before a dotted quad that make it a section or version number. */
  private static final ContextWords NOT_IP_WORDS = new ContextWords(
      "section*", "sect", "chapter*", "clause*", "paragraph*", "jvms", "jls", "rfc", "version*",
      "ver", "release*", "build*", "spec*", "figure*", "table*", "step*", "item*", "v");

  private final Set<String> types;
  private final boolean email;
  private final boolean phone;
  private final boolean card;
  private final boolean iban;
  private final boolean ssn;
  private final boolean ip;
  private final boolean numbers;
  private final PhoneNumbers phoneNumbers;

  PiiDetector(Set<String> types) {
    this(types, PhoneNumbers.of(PhoneNumbers.DEFAULT_REGIONS));
  }

  PiiDetector(Set<String> types, PhoneNumbers phoneNumbers) {
    this.phoneNumbers = phoneNumbers;
    this.types = Set.copyOf(types);
    this.email = types.contains(EMAIL);
    this.phone = types.contains(PHONE);
    this.card = types.contains(CARD);
    this.iban = types.contains(IBAN);
    this.ssn = types.contains(SSN);
    this.ip = types.contains(IP);
    this.numbers = phone || card || ssn || ip;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> types() {
    return types;
  }

  @Override
  public List<Finding> detect(String text) {
    Objects.requireNonNull(text, "text");
    // the shared views (clean, bridged digit groups, decoded runs) are scanned too, so a disguised
    // value is found with its span in the original text
    return SharedViews.of(text).widen(detectPlain(text), plainScan, VIEWS, VALIDATED_NUMBERS);
  }

  /** The views this detector scans, and the types it keeps from bridged digit groups. */
  private static final int VIEWS = SharedViews.CLEAN | SharedViews.DIGITS | SharedViews.DECODED;
  private static final Set<String> VALIDATED_NUMBERS = Set.of(CARD, IBAN, PHONE);
  private final Function<String, List<Finding>> plainScan = this::detectPlain;

  /** Scans one text, folded if it needs folding, without the shared views. */
  List<Finding> detectPlain(String text) {
    FindingList out = new FindingList(NAME, null);
    int foldAt = scan(text, out, true);
    if (foldAt >= 0) {
      FoldedText folded = FoldedText.fold(text, foldAt);
      out = new FindingList(NAME, folded);
      scan(folded.text(), out, false);
    }
    return out.result();
  }

  /**
   * Scans t; returns -1, or (when checkFold is set) the index of the first character that needs
   * folding, in which case the caller folds the text and scans again.
   */
  private int scan(String t, FindingList out, boolean checkFold) {
    int n = t.length();
    int i = 0;
    int[] groups = null;
    while (i < n) {
      char c = t.charAt(i);
      // One lookup and one well-predicted branch per ordinary character.
      byte kind = KIND[Math.min(c, 128)];
      if (kind == NONE) {
        i = skipOrdinary(t, i + 1, n);
        continue;
      }
      switch (kind) {
        case NON_ASCII -> {
          if (checkFold && FoldedText.foldsAt(t, i)) {
            return i;
          }
          i++;
        }
        case DIGIT, PLUS -> {
          if (iban && c != '+' && i >= 2 && isAsciiLetter(t.charAt(i - 1))
              && isAsciiLetter(t.charAt(i - 2)) && !alnumAt(t, i - 3)) {
            int end = ibanAt(t, i - 2, out);
            if (end > i) {
              i = end;
              continue;
            }
          }
          if (numbers && startsNumber(t, i)) {
            if (groups == null) {
              groups = new int[MAX_GROUPS * GROUP_FIELDS];
            }
            i = numberCluster(t, i, groups, out);
          } else {
            i++;
            while (i < n && KIND[Math.min(t.charAt(i), 128)] == DIGIT) {
              i++;
            }
          }
        }
        case OPEN -> {
          if (email && isObfuscatedAt(t, i)) {
            int end = emailAt(t, i, out);
            i = end > i ? end : i + 1;
          } else if (c == '(' && numbers && i + 1 < n && isAsciiDigit(t.charAt(i + 1))
              && !alnumAt(t, i - 1)) {
            if (groups == null) {
              groups = new int[MAX_GROUPS * GROUP_FIELDS];
            }
            i = numberCluster(t, i, groups, out);
          } else {
            i++;
          }
        }
        case AT -> {
          int end = email ? emailAt(t, i, out) : i;
          i = end > i ? end : i + 1;
        }
        case COLON -> {
          int end = ip ? ipv6Around(t, i, out) : i;
          i = end > i ? end : i + 1;
        }
        default -> i++;
      }
    }
    return -1;
  }

  /** The index of the first character from i on that is not of kind NONE, or n. */
  private static int skipOrdinary(String t, int i, int n) {
    int p = i;
    while (p < n && KIND[Math.min(t.charAt(p), 128)] == NONE) {
      p++;
    }
    return p;
  }

  // ---------------------------------------------------------------- numbers

  // Per group: digits start, digits end, separator kind before it, parenthesised (1/0).
  static final int GROUP_FIELDS = 4;
  static final int SEP_NONE = 0;
  static final int SEP_SPACE = 1;
  static final int SEP_DASH = 2;
  static final int SEP_DOT = 3;
  static final int SEP_OTHER = 4;
  private static final int SEP_SPACED_DASH = 5;
  private static final int SEP_SPACED_DOT = 6;
  /** A slash, as in the German "030/1234567"; also a date's separator. */
  static final int SEP_SLASH = 7;

  private static boolean startsNumber(String t, int i) {
    char c = t.charAt(i);
    if (c == '+') {
      return i + 1 < t.length()
          && (isAsciiDigit(t.charAt(i + 1)) || t.charAt(i + 1) == '(')
          && !alnumAt(t, i - 1);
    }
    if (alnumAt(t, i - 1) || (i > 0 && (t.charAt(i - 1) == '_'))) {
      return false;
    }
    // "aix-6107-1415-64", "build_2024": digits attached to a word by a hyphen or underscore.
    if (i > 1 && (t.charAt(i - 1) == '-' || t.charAt(i - 1) == '_')
        && (alnumAt(t, i - 2) || t.charAt(i - 2) == '-' || t.charAt(i - 2) == '_')) {
      return false;
    }
    // Not the continuation of a dotted number or version such as "v1.2" or "1.2.3".
    return !(i > 1 && t.charAt(i - 1) == '.' && alnumAt(t, i - 2));
  }

  /**
   * Parses the digit groups starting at start (digits joined by single spaces, dashes, dots or
   * parentheses), classifies them and returns the index after the cluster.
   */
  private int numberCluster(String t, int start, int[] g, FindingList out) {
    int n = t.length();
    int p = start;
    boolean plus = false;
    if (t.charAt(p) == '+') {
      plus = true;
      p++;
    }
    int count = 0;
    int sepKind = SEP_NONE;
    int end = p;
    while (p < n && count < MAX_GROUPS) {
      boolean paren = false;
      int q = p;
      if (t.charAt(q) == '(') {
        if (q + 1 < n && isAsciiDigit(t.charAt(q + 1))) {
          paren = true;
          q++;
        } else {
          break;
        }
      }
      int digitsStart = q;
      while (q < n && isAsciiDigit(t.charAt(q)) && q - digitsStart <= MAX_GROUP_DIGITS) {
        q++;
      }
      if (q - digitsStart > MAX_GROUP_DIGITS) {
        // A long digit run is not one of ours; skip all of it.
        while (q < n && isAsciiDigit(t.charAt(q))) {
          q++;
        }
        return classify(t, start, plus, g, count, out, q);
      }
      if (paren) {
        if (q < n && t.charAt(q) == ')') {
          q++;
        } else {
          break;
        }
      }
      int base = count * GROUP_FIELDS;
      g[base] = digitsStart;
      g[base + 1] = paren ? q - 1 : q;
      g[base + 2] = sepKind;
      g[base + 3] = paren ? 1 : 0;
      count++;
      end = q;
      // Separator: up to three of ' ', '-', '.', with at most one dash or dot.
      int r = q;
      int spaces = 0;
      int marks = 0;
      char mark = 0;
      while (r < n && r - q < 3) {
        char c = t.charAt(r);
        if (c == ' ') {
          spaces++;
        } else if (c == '-' || c == '.' || c == '/') {
          marks++;
          mark = c;
        } else {
          break;
        }
        r++;
      }
      if (paren && r == q && r < n && isAsciiDigit(t.charAt(r))) {
        sepKind = SEP_OTHER;
      } else if (r == q || spaces > 2 || marks > 1) {
        break;
      } else if (marks == 0) {
        sepKind = SEP_SPACE;
      } else if (mark == '/') {
        sepKind = SEP_SLASH;
      } else if (spaces > 0) {
        sepKind = mark == '-' ? SEP_SPACED_DASH : SEP_SPACED_DOT;
      } else {
        sepKind = mark == '-' ? SEP_DASH : SEP_DOT;
      }
      if (r < n && (isAsciiDigit(t.charAt(r))
          || (t.charAt(r) == '(' && r + 1 < n && isAsciiDigit(t.charAt(r + 1))))) {
        p = r;
      } else {
        break;
      }
    }
    // "15-140-75-75-c-90", "-iso10646-1": digits that go on into a hyphenated name are part of it
    // (but "555-1234-Office" is a number with a label).
    if (end + 1 < n && (t.charAt(end) == '-' || t.charAt(end) == '_')) {
      int w = end + 1;
      while (w < n && isAsciiLetter(t.charAt(w)) && w - end <= 4) {
        w++;
      }
      if (w > end + 1 && w - end <= 4 && w < n && (t.charAt(w) == '-' || isAsciiDigit(t.charAt(w)))) {
        return w;
      }
    }
    // A cluster glued to a following letter or digit belongs to a word or code: drop its tail.
    while (count > 0 && end < n && isAsciiAlnum(t.charAt(end)) && !isExtension(t, end)) {
      count--;
      end = count == 0 ? start : groupEnd(g, count - 1, t);
    }
    return classify(t, start, plus, g, count, out, Math.max(end, start + 1));
  }

  static int groupEnd(int[] g, int index, String t) {
    int e = g[index * GROUP_FIELDS + 1];
    return g[index * GROUP_FIELDS + 3] == 1 && e < t.length() && t.charAt(e) == ')' ? e + 1 : e;
  }

  static boolean sameDigit(int[] g, int k, int e, String t) {
    char c = t.charAt(first(g, k));
    for (int j = k; j < e; j++) {
      for (int p = first(g, j); p < g[j * GROUP_FIELDS + 1]; p++) {
        if (t.charAt(p) != c) {
          return false;
        }
      }
    }
    return true;
  }

  static int leadingZeroGroups(String t, int[] g, int k, int e) {
    int count = 0;
    for (int j = k; j < e; j++) {
      if (t.charAt(first(g, j)) == '0') {
        count++;
      }
    }
    return count;
  }

  static int first(int[] g, int index) {
    return g[index * GROUP_FIELDS];
  }

  static int digits(int[] g, int index) {
    return g[index * GROUP_FIELDS + 1] - g[index * GROUP_FIELDS];
  }

  static int sep(int[] g, int index) {
    return g[index * GROUP_FIELDS + 2];
  }

  /** Classifies groups [0, count) and returns resume. */
  private int classify(
      String t, int start, boolean plus, int[] g, int count, FindingList out, int resume) {
    if (count < 4 && totalDigits(g, count) < 7) {
      // Too short for anything reported: an IPv4 address needs four groups, a phone number seven
      // digits, a social security number nine and a card twelve.
      return resume;
    }
    if (count > 1 && maxDigits(g, count) <= 2 && hexDumpAround(t, start, groupEnd(g, count - 1, t))) {
      return resume; // bytes of a hex dump, such as "57 68 61 74 20 69 73"
    }
    int clusterEnd = count > 0 ? groupEnd(g, count - 1, t) : start;
    if (start > 0 && t.charAt(start - 1) == ':' && clusterEnd < t.length()
        && t.charAt(clusterEnd) == ':') {
      return resume; // a field of a colon-separated identifier such as an ARN
    }
    int k = 0;
    while (k < count) {
      int used = 0;
      if (ip) {
        used = ipv4(t, g, k, count, out);
      }
      if (used == 0) {
        used = date(t, g, k, count);
      }
      if (used == 0 && card) {
        used = card(t, g, k, count, out);
      }
      if (used == 0 && ssn) {
        used = ssn(t, g, k, count, out);
      }
      if (used == 0 && phone) {
        used = phone(t, start, plus && k == 0, g, k, count, phoneNumbers, out);
      }
      k += used == 0 ? 1 : used;
    }
    return resume;
  }

  private static int ipv4(String t, int[] g, int k, int count, FindingList out) {
    if (k + 4 > count || (k > 0 && sep(g, k) == SEP_DOT)) {
      return 0;
    }
    for (int j = k; j < k + 4; j++) {
      if ((j > k && sep(g, j) != SEP_DOT) || g[j * GROUP_FIELDS + 3] == 1) {
        return 0;
      }
      int d = digits(g, j);
      int s = g[j * GROUP_FIELDS];
      if (d > 3 || (d > 1 && t.charAt(s) == '0') || number(t, s, s + d) > 255) {
        return 0;
      }
    }
    if (k + 4 < count && sep(g, k + 4) == SEP_DOT) {
      return 0;
    }
    int s = g[k * GROUP_FIELDS];
    int e = g[(k + 3) * GROUP_FIELDS + 1];
    if (precededByVersionWord(t, s) || NOT_IP_WORDS.in(t, Math.max(0, s - 24), s)
        || (s > 0 && t.charAt(s - 1) == '\u00A7')) {
      return 0;
    }
    out.add(IP, s, portEnd(t, e), SCORE_IP);
    return 4;
  }

  private static boolean precededByVersionWord(String t, int s) {
    int p = s;
    while (p > 0 && t.charAt(p - 1) == ' ' && s - p < 2) {
      p--;
    }
    return endsWithIgnoreCase(t, p, "version") || endsWithIgnoreCase(t, p, "ver.")
        || endsWithIgnoreCase(t, p, "release");
  }

  /** Skips three groups that form a calendar date (ISO, or day/month/year with a 4-digit year). */
  private static int date(String t, int[] g, int k, int count) {
    if (k + 3 > count) {
      return 0;
    }
    int s1 = sep(g, k + 1);
    if (s1 != sep(g, k + 2) || (s1 != SEP_DASH && s1 != SEP_DOT && s1 != SEP_SPACE && s1 != SEP_SLASH)) {
      return 0;
    }
    int d0 = digits(g, k);
    int d1 = digits(g, k + 1);
    int d2 = digits(g, k + 2);
    int v0 = number(t, g[k * GROUP_FIELDS], g[k * GROUP_FIELDS + 1]);
    int v1 = number(t, g[(k + 1) * GROUP_FIELDS], g[(k + 1) * GROUP_FIELDS + 1]);
    int v2 = number(t, g[(k + 2) * GROUP_FIELDS], g[(k + 2) * GROUP_FIELDS + 1]);
    boolean iso = d0 == 4 && d1 <= 2 && d2 <= 2 && month(v1) && day(v2);
    boolean dmy = d2 == 4 && v2 >= 1000 && v2 < 3000 && d0 <= 2 && d1 <= 2
        && ((day(v0) && month(v1)) || (month(v0) && day(v1)));
    if (s1 == SEP_SPACE) {
      return 0;
    }
    return iso || dmy ? 3 : 0;
  }

  static boolean year(int v) {
    return v >= 1900 && v <= 2099;
  }

  private static boolean month(int v) {
    return v >= 1 && v <= 12;
  }

  private static boolean day(int v) {
    return v >= 1 && v <= 31;
  }

  // ---------------------------------------------------------------- IPv6

  /**
   * Looks for an IPv6 address around the colon at i; returns the end of a reported address, or i.
   */
  private static int ipv6Around(String t, int i, FindingList out) {
    int n = t.length();
    boolean before = i > 0 && (isHex(t.charAt(i - 1)) || t.charAt(i - 1) == ':');
    boolean after = i + 1 < n && (isHex(t.charAt(i + 1)) || t.charAt(i + 1) == ':');
    if (!after || (!before && !(i + 1 < n && t.charAt(i + 1) == ':'))) {
      return i;
    }
    int s = i;
    while (s > 0 && i - s < 4 && isHex(t.charAt(s - 1))) {
      s--;
    }
    if (s > 0 && (isAsciiAlnum(t.charAt(s - 1)) || t.charAt(s - 1) == ':'
        || t.charAt(s - 1) == '.' || t.charAt(s - 1) == '_')) {
      return i;
    }
    int e = s;
    while (e < n && e - s < 45 && (isHex(t.charAt(e)) || t.charAt(e) == ':' || t.charAt(e) == '.')) {
      e++;
    }
    // Trim trailing punctuation such as a sentence's full stop or a label's colon.
    while (e > s && (t.charAt(e - 1) == '.'
        || (t.charAt(e - 1) == ':' && e - 2 >= s && t.charAt(e - 2) != ':'))) {
      e--;
    }
    if (e < n && (isAsciiAlnum(t.charAt(e)) || t.charAt(e) == '_')) {
      return i;
    }
    if (!Ipv6.isAddress(t, s, e)) {
      return i;
    }
    // A zone ("%eth0", "%25en0" in a URI), then brackets and a port ("[2001:db8::1]:8080"): the
    // finding covers all of it, so redaction leaves no part of the address behind.
    if (e + 1 < n && t.charAt(e) == '%' && isAsciiAlnum(t.charAt(e + 1))) {
      int z = e + 1;
      while (z < n && z - e <= 16 && (isAsciiAlnum(t.charAt(z)) || t.charAt(z) == '.'
          || t.charAt(z) == '_' || t.charAt(z) == '-')) {
        z++;
      }
      e = z;
    }
    if (s > 0 && t.charAt(s - 1) == '[' && e < n && t.charAt(e) == ']') {
      s--;
      e = portEnd(t, e + 1);
    }
    out.add(IP, s, e, SCORE_IP);
    return e;
  }

  /** The end of a port (":" and 1 to 5 digits, at most 65535) at e, or e. */
  private static int portEnd(String t, int e) {
    int n = t.length();
    if (e + 1 >= n || t.charAt(e) != ':' || !isAsciiDigit(t.charAt(e + 1))) {
      return e;
    }
    int p = e + 1;
    while (p < n && isAsciiDigit(t.charAt(p)) && p - e <= 5) {
      p++;
    }
    if (p - e > 6 || (p < n && (isAsciiAlnum(t.charAt(p)) || t.charAt(p) == ':' || t.charAt(p) == '.'
        && p + 1 < n && isAsciiDigit(t.charAt(p + 1)))) || number(t, e + 1, p) > 65535) {
      return e;
    }
    return p;
  }

  // ---------------------------------------------------------------- characters

  private static boolean isHex(char c) {
    return isAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean alnumAt(String t, int i) {
    if (i < 0 || i >= t.length()) {
      return false;
    }
    char c = t.charAt(i);
    return c < 128 ? isAsciiAlnum(c) : Character.isLetterOrDigit(c);
  }

  static int number(String t, int s, int e) {
    int v = 0;
    for (int p = s; p < e && p - s < 9; p++) {
      v = v * 10 + (t.charAt(p) - '0');
    }
    return v;
  }

  private static boolean endsWithIgnoreCase(String t, int end, String word) {
    int s = end - word.length();
    return s >= 0 && AsciiCase.startsWith(t, s, word)
        && (s == 0 || !isAsciiLetter(t.charAt(s - 1)));
  }
}
