package dev.guardrails4j.core.detect.pii;

import static dev.guardrails4j.core.detect.text.AsciiCase.isAsciiAlnum;
import static dev.guardrails4j.core.detect.text.AsciiCase.isAsciiDigit;
import static dev.guardrails4j.core.detect.text.AsciiCase.isAsciiLetter;
import static dev.guardrails4j.core.detect.text.Checksums.luhn;
import static dev.guardrails4j.core.detect.text.Checksums.mod97Append;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.detect.text.AsciiCase;
import dev.guardrails4j.core.detect.text.FindingList;
import dev.guardrails4j.core.detect.text.FoldedText;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
  private static final int MAX_PHONE_GROUPS = 8;
  private static final int MAX_GROUP_DIGITS = 19;
  private static final int MAX_LOCAL = 64;
  private static final int MAX_DOMAIN = 253;

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

  /** Words that make a nearby number a phone number. */
  private static final ContextWords PHONE_WORDS_BEFORE = new ContextWords(
      "phone*", "telephone*", "tel", "mobile*", "mob", "cell", "cellphone*", "call*", "fax",
      "sms", "whatsapp*", "text me", "message*", "contact*", "dial*", "ring", "answer*",
      "reach me", "landline*", "hotline*", "ph");
  /** Words that make a number something other than a phone number. */
  private static final ContextWords NOT_PHONE_WORDS = new ContextWords(
      "licen*", "passport*", "order*", "invoice*", "tracking*", "serial*", "isbn", "account*",
      "acct", "reference*", "ref", "policy", "ticket*", "iban", "routing", "sort code", "zip*",
      "postal*", "postcode*", "member*", "customer*", "employee*", "patient*", "student*",
      "version*", "build*", "model*", "part*", "sku", "item*", "case*", "claim*", "transaction*",
      "badge*");
  private static final String[] PHONE_LABELS_BEFORE = {"desk", "office", "home", "work", "m", "t", "p"};
  private static final String[] PHONE_WORDS_AFTER = {
    "office", "fax", "mobile", "cell", "home", "work", "desk", "phone", "tel", "landline"
  };
  private static final ContextWords SSN_WORDS = new ContextWords(
      "ssn*", "social security*", "ss#", "ss #", "soc sec*", "ss no", "ss num*");
  private static final ContextWords NOT_CARD_WORDS = new ContextWords(
      "serial*", "fingerprint*", "uuid", "hash*", "checksum*", "timestamp*", "nonce", "seed",
      "order*", "invoice*", "tracking*", "isbn", "ean", "imei", "iccid", "msisdn", "account*");
  private static final ContextWords CARD_WORDS = new ContextWords(
      "card*", "credit*", "debit*", "cc", "visa", "mastercard", "amex", "maestro", "payment*",
      "pan", "cvv", "expir*");

  /** File extensions that are not top-level domains anyone uses for mail. */
  private static final Set<String> FILE_EXTENSIONS = Set.of(
      "gif", "png", "jpg", "jpeg", "svg", "webp", "bmp", "ico", "tif", "tiff", "js", "mjs", "ts",
      "tsx", "jsx", "java", "class", "txt", "json", "xml", "html", "htm", "css", "scss", "yml",
      "yaml", "jar", "war", "pdf", "exe", "dll", "log", "csv", "properties", "toml", "lock", "bat",
      "zip", "gz", "tgz", "mp3", "mp4", "wav", "ttf", "woff", "map", "kt", "swift", "php");
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

  PiiDetector(Set<String> types) {
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

  // ---------------------------------------------------------------- e-mail

  /** Whether position i starts "[at]", "(at)", "{at}" or "<at>" in any case. */
  private static boolean isObfuscatedAt(String t, int i) {
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
  private static int emailAt(String t, int at, FindingList out) {
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

  // ---------------------------------------------------------------- IBAN

  /** Reports an IBAN starting at i; returns its end, or i when there is none. */
  private static int ibanAt(String t, int i, FindingList out) {
    int n = t.length();
    if (i + 15 > n
        || !isAsciiLetter(t.charAt(i + 1))
        || !isAsciiDigit(t.charAt(i + 2))
        || !isAsciiDigit(t.charAt(i + 3))) {
      return i;
    }
    int length = IbanCountries.length(t.charAt(i), t.charAt(i + 1));
    if (length == 0) {
      return i;
    }
    int check = (t.charAt(i + 2) - '0') * 10 + (t.charAt(i + 3) - '0');
    if (check < 2 || check > 98) {
      return i;
    }
    // Read `length` alphanumerics; a single space is allowed after every group of four.
    int p = i;
    int count = 0;
    long remainder = 0;
    // The first four characters move to the end for the check, so keep them aside.
    while (p < n && count < length) {
      char c = t.charAt(p);
      if (c == ' ' && count > 0 && count % 4 == 0 && p + 1 < n && isAsciiAlnum(t.charAt(p + 1))) {
        p++;
        continue;
      }
      if (!isAsciiAlnum(c)) {
        return i;
      }
      if (count >= 4) {
        remainder = mod97Append(remainder, c);
      }
      count++;
      p++;
    }
    if (count < length || (p < n && isAsciiAlnum(t.charAt(p)))) {
      return i;
    }
    for (int k = 0; k < 4; k++) {
      remainder = mod97Append(remainder, t.charAt(i + k));
    }
    if (remainder != 1) {
      return i;
    }
    out.add(IBAN, i, p, SCORE_CHECKSUM);
    return p;
  }

  // ---------------------------------------------------------------- numbers

  // Per group: digits start, digits end, separator kind before it, parenthesised (1/0).
  private static final int GROUP_FIELDS = 4;
  private static final int SEP_NONE = 0;
  private static final int SEP_SPACE = 1;
  private static final int SEP_DASH = 2;
  private static final int SEP_DOT = 3;
  private static final int SEP_OTHER = 4;
  private static final int SEP_SPACED_DASH = 5;
  private static final int SEP_SPACED_DOT = 6;

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
        } else if (c == '-' || c == '.') {
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

  private static int groupEnd(int[] g, int index, String t) {
    int e = g[index * GROUP_FIELDS + 1];
    return g[index * GROUP_FIELDS + 3] == 1 && e < t.length() && t.charAt(e) == ')' ? e + 1 : e;
  }

  private static boolean sameDigit(int[] g, int k, int e, String t) {
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

  private static int leadingZeroGroups(String t, int[] g, int k, int e) {
    int count = 0;
    for (int j = k; j < e; j++) {
      if (t.charAt(first(g, j)) == '0') {
        count++;
      }
    }
    return count;
  }

  private static int first(int[] g, int index) {
    return g[index * GROUP_FIELDS];
  }

  private static int digits(int[] g, int index) {
    return g[index * GROUP_FIELDS + 1] - g[index * GROUP_FIELDS];
  }

  private static int sep(int[] g, int index) {
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
        used = phone(t, start, plus && k == 0, g, k, count, out);
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
    out.add(IP, s, e, SCORE_IP);
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
    if (s1 != sep(g, k + 2) || (s1 != SEP_DASH && s1 != SEP_DOT && s1 != SEP_SPACE)) {
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

  private static boolean year(int v) {
    return v >= 1900 && v <= 2099;
  }

  private static boolean month(int v) {
    return v >= 1 && v <= 12;
  }

  private static boolean day(int v) {
    return v >= 1 && v <= 31;
  }

  /** Reports a Luhn-valid payment card number of a known issuer in groups k.. ; returns groups used. */
  private static int card(String t, int[] g, int k, int count, FindingList out) {
    // Not the fraction of a decimal number ("2.3689613327287886") or the middle of a dotted run.
    if (k > 0 && sep(g, k) == SEP_DOT) {
      return 0;
    }
    if (count == 2 && sep(g, 1) == SEP_DOT && digits(g, 0) <= 3) {
      return 0;
    }
    // Candidates: groups k..j with 12 to 19 digits and the same separator throughout; longest
    // first. Every group has a digit, so the digit count grows with j and the candidates are the
    // run firstEnd..lastEnd (at most eight of them).
    int firstEnd = -1;
    int lastEnd = -2;
    int total = 0;
    int uniform = -1;
    for (int j = k; j < count && total <= 19; j++) {
      if (g[j * GROUP_FIELDS + 3] == 1) {
        break;
      }
      if (j > k) {
        int s = sep(g, j);
        if (s == SEP_OTHER || (uniform != -1 && s != uniform)) {
          break;
        }
        uniform = s;
      }
      total += digits(g, j);
      if (total >= 12 && total <= 19) {
        if (firstEnd < 0) {
          firstEnd = j;
        }
        lastEnd = j;
      }
    }
    for (int j = lastEnd; j >= firstEnd; j--) {
      if (uniform == SEP_DOT && j - k < 2) {
        continue; // "355643992457.40485" is a decimal number, not a card written with dots
      }
      int sum = 0;
      for (int x = k; x <= j; x++) {
        sum += digits(g, x);
      }
      CardIssuers.Match match = cardMatch(t, g, k, j, sum);
      if (match == CardIssuers.Match.STRONG && hasSmallGroup(g, k, j)) {
        // "41 11 11 11 ..." is also how rows of small numbers look: ask for a card word.
        match = CardIssuers.Match.NEEDS_CONTEXT;
      }
      if (match == CardIssuers.Match.NEEDS_CONTEXT
          && !CARD_WORDS.before(t, g[k * GROUP_FIELDS], 48)) {
        match = CardIssuers.Match.NONE;
      }
      if (match == CardIssuers.Match.STRONG && NOT_CARD_WORDS.before(t, g[k * GROUP_FIELDS], 32)
          && !CARD_WORDS.before(t, g[k * GROUP_FIELDS], 48)) {
        match = CardIssuers.Match.NONE;
      }
      if (match != CardIssuers.Match.NONE) {
        out.add(CARD, g[k * GROUP_FIELDS], g[j * GROUP_FIELDS + 1], SCORE_CHECKSUM);
        return j - k + 1;
      }
    }
    return 0;
  }

  private static int totalDigits(int[] g, int count) {
    int total = 0;
    for (int j = 0; j < count; j++) {
      total += digits(g, j);
    }
    return total;
  }

  private static int maxDigits(int[] g, int count) {
    int max = 0;
    for (int j = 0; j < count; j++) {
      max = Math.max(max, digits(g, j));
    }
    return max;
  }

  private static boolean hasSmallGroup(int[] g, int from, int to) {
    for (int j = from; j < to; j++) {
      if (digits(g, j) < 3) {
        return true;
      }
    }
    return false;
  }

  private static CardIssuers.Match cardMatch(String t, int[] g, int from, int to, int length) {
    // Gather the digits into a small array for the issuer and Luhn checks.
    int[] d = new int[length];
    int at = 0;
    for (int j = from; j <= to; j++) {
      for (int p = g[j * GROUP_FIELDS]; p < g[j * GROUP_FIELDS + 1]; p++) {
        d[at++] = t.charAt(p) - '0';
      }
    }
    return luhn(d) ? CardIssuers.match(d) : CardIssuers.Match.NONE;
  }

  /** Reports a US social security number in groups k..; returns groups used. */
  private static int ssn(String t, int[] g, int k, int count, FindingList out) {
    int s = g[k * GROUP_FIELDS];
    int area;
    int group;
    int serial;
    int e;
    boolean dashed;
    if (k == 0 && count == 3 && digits(g, 0) == 3 && digits(g, 1) == 2 && digits(g, 2) == 4
        && sep(g, 1) == sep(g, 2) && sep(g, 1) != SEP_OTHER && g[3] == 0) {
      area = number(t, s, s + 3);
      group = number(t, g[GROUP_FIELDS], g[GROUP_FIELDS] + 2);
      serial = number(t, g[2 * GROUP_FIELDS], g[2 * GROUP_FIELDS] + 4);
      e = g[2 * GROUP_FIELDS + 1];
      dashed = sep(g, 1) == SEP_DASH;
    } else if (k == 0 && count == 1 && digits(g, 0) == 9) {
      area = number(t, s, s + 3);
      group = number(t, s + 3, s + 5);
      serial = number(t, s + 5, s + 9);
      e = s + 9;
      dashed = false;
    } else {
      return 0;
    }
    if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
      return 0;
    }
    // Numbers published as examples (the Woolworth wallet card and an advertised specimen).
    if ((area == 78 && group == 5 && serial == 1120) || (area == 219 && group == 9 && serial == 9999)) {
      return 0;
    }
    boolean context = SSN_WORDS.before(t, s, 48);
    if (context) {
      out.add(SSN, s, e, SCORE_SSN_CONTEXT);
      return count;
    }
    if (dashed) {
      out.add(SSN, s, e, SCORE_SSN_FORMAT);
      return count;
    }
    return 0;
  }

  /** Reports a phone number made of groups k.. (longest first); returns groups used. */
  private static int phone(
      String t, int clusterStart, boolean plus, int[] g, int k, int count, FindingList out) {
    int[] contextBefore = {0};
    for (int e = Math.min(count, k + MAX_PHONE_GROUPS); e > k; e--) {
      double score = phoneScore(t, plus, g, k, e, count, contextBefore);
      if (score > 0) {
        int s = plus ? clusterStart : g[k * GROUP_FIELDS];
        if (!plus && g[k * GROUP_FIELDS + 3] == 1) {
          s--;
        }
        int end = groupEnd(g, e - 1, t);
        if (e == count) {
          end = extensionEnd(t, end);
        }
        out.add(PHONE, s, end, score);
        return e - k;
      }
    }
    return 0;
  }

  /**
   * Scores groups [k, e) as a phone number: strong formats stand alone, weak ones need a phone
   * word nearby, and words such as "order" or "licence" rule a number out. contextBefore caches
   * the look-back (0 unknown, 1 phone word, 2 other word, 3 none) across calls for the same start.
   */
  private static double phoneScore(
      String t, boolean plus, int[] g, int k, int e, int count, int[] contextBefore) {
    int m = e - k;
    int total = 0;
    boolean parens = false;
    int maxGroup = 0;
    int minGroupAfterFirst = Integer.MAX_VALUE;
    int firstSep = m > 1 ? sep(g, k + 1) : SEP_NONE;
    boolean uniform = true;
    for (int j = k; j < e; j++) {
      int d = digits(g, j);
      total += d;
      maxGroup = Math.max(maxGroup, d);
      if (j > k) {
        minGroupAfterFirst = Math.min(minGroupAfterFirst, d);
        if (sep(g, j) != firstSep) {
          uniform = false;
        }
      }
      if (g[j * GROUP_FIELDS + 3] == 1) {
        // An area code or trunk prefix in parentheses: short, and first (or after "+CC").
        if (d > 4 || j > k + 1 || (j == k + 1 && !plus)) {
          return 0;
        }
        parens = true;
      }
    }
    if (total < 7 || total > 15 || (plus && total < 8)) {
      return 0;
    }
    if (m > 1 && maxGroup > 8) {
      return 0;
    }
    if (m == 2 && firstSep == SEP_DOT) {
      return 0; // a decimal number
    }
    if (m == 4 && uniform && firstSep == SEP_DOT && maxGroup <= 3) {
      return 0; // shaped like an IPv4 address
    }
    // A window that cuts through a run of equally separated groups is not a number of its own.
    if (m > 1 && ((k > 0 && sep(g, k) == firstSep && !plus) || (e < count && sep(g, e) == firstSep))) {
      return 0;
    }
    if (m == 1 && e < count) {
      return 0; // one group cut from a longer number, such as "+35236450" of "+35236450.6"
    }
    if (e < count && sep(g, e) == SEP_DOT && firstSep != SEP_DOT) {
      return 0; // the last group has a decimal part: "171 48 5863 122.1"
    }
    if (isRoundOrRepeated(t, first(g, k), groupEnd(g, e - 1, t)) && sameDigit(g, k, e, t)) {
      return 0; // "+00000000"
    }
    int fourDigitGroups = 0;
    for (int j = k; j < e; j++) {
      if (digits(g, j) == 4) {
        fourDigitGroups++;
      }
    }
    if (fourDigitGroups >= 3) {
      return 0; // chunked like a card or account number
    }
    // Rows of pairs ("61 61 61 61 61", "01 02 03 04") look like byte dumps: only with context.
    boolean pairs = !plus && m >= 4 && maxGroup <= 2
        && (m >= 6 || t.charAt(first(g, k)) != '0' || leadingZeroGroups(t, g, k, e) >= 3);
    int first = g[k * GROUP_FIELDS];
    boolean strong;
    if (plus) {
      strong = true;
    } else if (m == 1) {
      strong = false;
      if (total < 10 || total > 12) {
        return 0;
      }
    } else if (parens) {
      strong = total >= 8 && (m >= 3 || minGroupAfterFirst >= 3);
    } else if (m >= 3 && uniform && firstSep == SEP_DASH) {
      boolean ssnShape = m == 3 && digits(g, k) == 3 && digits(g, k + 1) == 2 && digits(g, k + 2) == 4;
      strong = total >= 8 && minGroupAfterFirst >= 2 && !ssnShape
          && (digits(g, k) >= 2 || t.charAt(first) == '1');
    } else if (m >= 3 && uniform && firstSep == SEP_DOT) {
      // Dots separate versions and addresses too: only the North American 3-3-4 (after an
      // optional 1) and the French pairs with a trunk zero stand on their own.
      int d = m == 4 && digits(g, k) == 1 && t.charAt(first) == '1' ? k + 1 : k;
      boolean nanp = e - d == 3 && digits(g, d) == 3 && digits(g, d + 1) == 3 && digits(g, d + 2) == 4;
      boolean frenchPairs = m >= 4 && maxGroup == 2 && minGroupAfterFirst == 2 && t.charAt(first) == '0';
      strong = nanp || frenchPairs;
    } else if (m >= 3 && uniform && firstSep == SEP_SPACE) {
      strong = minGroupAfterFirst >= 2 && maxGroup <= 4 && digits(g, k) >= 2
          && (total >= 10 || t.charAt(first) == '0')
          && !(digits(g, k) == 2 && t.startsWith("00", first))
          && !looksLikeYears(t, g, k, e)
          && (t.charAt(first) == '0' || !looksLikeThousands(g, k, e));
    } else {
      strong = t.startsWith("00", first) && digits(g, k) > 2 && t.charAt(first + 2) != '0'
          && total >= 10;
    }
    strong &= !pairs;
    if (!strong && m > 1 && (minGroupAfterFirst < 2 || (digits(g, k) < 2 && !plus))) {
      return 0; // even next to "phone", "01956-02-2" is not dialled like that
    }
    if (!strong && m == 1 && isRoundOrRepeated(t, first, first + total)) {
      return 0;
    }
    int s = plus ? first - 1 : (g[k * GROUP_FIELDS + 3] == 1 ? first - 1 : first);
    int end = groupEnd(g, e - 1, t);
    if (contextBefore[0] == 0) {
      contextBefore[0] = PHONE_WORDS_BEFORE.before(t, s, 40) || hasLabelBefore(t, s) ? 1
          : NOT_PHONE_WORDS.before(t, s, 40) ? 2 : 3;
    }
    boolean context = contextBefore[0] == 1 || hasWordAfter(t, end);
    if (context) {
      return strong ? SCORE_PHONE_CONTEXT : SCORE_PHONE_WEAK;
    }
    return strong && contextBefore[0] != 2 ? SCORE_PHONE_FORMAT : 0;
  }

  /** Whether a hex byte with a letter ("6c", "e4") sits right before or after [s, e). */
  private static boolean hexDumpAround(String t, int s, int e) {
    int n = t.length();
    boolean before = s >= 3 && t.charAt(s - 1) == ' ' && isHexByte(t, s - 3)
        && (s == 3 || !isAsciiAlnum(t.charAt(s - 4)));
    boolean after = e + 3 <= n && t.charAt(e) == ' ' && isHexByte(t, e + 1)
        && (e + 3 == n || !isAsciiAlnum(t.charAt(e + 3)));
    return before || after;
  }

  private static boolean isHexByte(String t, int i) {
    char a = t.charAt(i);
    char b = t.charAt(i + 1);
    boolean hexA = isAsciiDigit(a) || (a >= 'a' && a <= 'f') || (a >= 'A' && a <= 'F');
    boolean hexB = isAsciiDigit(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    return hexA && hexB && !(isAsciiDigit(a) && isAsciiDigit(b));
  }

  /** "1000000000", "5555555555": a round or repeated number rather than a subscriber number. */
  private static boolean isRoundOrRepeated(String t, int s, int e) {
    int zeros = 0;
    boolean same = true;
    for (int p = s; p < e; p++) {
      if (t.charAt(p) == '0') {
        zeros++;
      }
      if (t.charAt(p) != t.charAt(s)) {
        same = false;
      }
    }
    return same || zeros * 2 > e - s;
  }

  /** "2019 2020 2021": every group a year. */
  private static boolean looksLikeYears(String t, int[] g, int k, int e) {
    for (int j = k; j < e; j++) {
      int s = g[j * GROUP_FIELDS];
      if (digits(g, j) != 4 || !year(number(t, s, s + 4))) {
        return false;
      }
    }
    return true;
  }

  /** "12 345 678": thousands separated by spaces, as many languages write large numbers. */
  private static boolean looksLikeThousands(int[] g, int k, int e) {
    if (digits(g, k) > 3) {
      return false;
    }
    for (int j = k + 1; j < e; j++) {
      if (digits(g, j) != 3) {
        return false;
      }
    }
    return true;
  }

  private static boolean isExtension(String t, int i) {
    return extensionEnd(t, i) > i;
  }

  /** The end of an extension such as "x123", " ext. 12" starting at i, or i. */
  private static int extensionEnd(String t, int i) {
    int n = t.length();
    int p = i;
    if (p < n && t.charAt(p) == ' ') {
      p++;
    }
    if (p < n && (t.charAt(p) == 'x' || t.charAt(p) == 'X')) {
      p++;
    } else if (p + 2 < n && AsciiCase.startsWith(t, p, "ext")) {
      p += 3;
      if (p < n && t.charAt(p) == '.') {
        p++;
      }
    } else {
      return i;
    }
    if (p < n && t.charAt(p) == ' ') {
      p++;
    }
    int digitsStart = p;
    while (p < n && isAsciiDigit(t.charAt(p)) && p - digitsStart < 6) {
      p++;
    }
    if (p == digitsStart || (p < n && isAsciiAlnum(t.charAt(p)))) {
      return i;
    }
    return p;
  }

  /** A short label right before the number: "Desk: ", "M: ", "(office) ". */
  private static boolean hasLabelBefore(String t, int s) {
    int p = s;
    while (p > 0 && (t.charAt(p - 1) == ' ' || t.charAt(p - 1) == '\n' || t.charAt(p - 1) == '\t')
        && s - p < 4) {
      p--;
    }
    if (p == 0 || (t.charAt(p - 1) != ':' && t.charAt(p - 1) != ')')) {
      return false;
    }
    p--;
    int wordEnd = p;
    while (p > 0 && isAsciiLetter(t.charAt(p - 1)) && wordEnd - p < 8) {
      p--;
    }
    if (p > 0 && isAsciiLetter(t.charAt(p - 1))) {
      return false;
    }
    for (String label : PHONE_LABELS_BEFORE) {
      if (wordEnd - p == label.length() && AsciiCase.startsWith(t, p, label)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasWordAfter(String t, int e) {
    int n = t.length();
    int p = e;
    while (p < n && p - e < 3 && (t.charAt(p) == ' ' || t.charAt(p) == '-' || t.charAt(p) == '('
        || t.charAt(p) == ',')) {
      p++;
    }
    if (p == e && p < n && isAsciiLetter(t.charAt(p))) {
      return false;
    }
    for (String w : PHONE_WORDS_AFTER) {
      if (p + w.length() <= n && AsciiCase.startsWith(t, p, w)
          && (p + w.length() == n || !isAsciiLetter(t.charAt(p + w.length())))) {
        return true;
      }
    }
    return false;
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
    out.add(IP, s, e, SCORE_IP);
    return e;
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

  private static int number(String t, int s, int e) {
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
