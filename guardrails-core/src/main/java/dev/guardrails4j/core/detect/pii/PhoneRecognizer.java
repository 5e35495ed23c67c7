package dev.guardrails4j.core.detect.pii;

import static dev.guardrails4j.core.detect.pii.PiiDetector.GROUP_FIELDS;
import static dev.guardrails4j.core.detect.pii.PiiDetector.MAX_PHONE_GROUPS;
import static dev.guardrails4j.core.detect.pii.PiiDetector.PHONE;
import static dev.guardrails4j.core.detect.pii.PiiDetector.SCORE_PHONE_CONTEXT;
import static dev.guardrails4j.core.detect.pii.PiiDetector.SCORE_PHONE_FORMAT;
import static dev.guardrails4j.core.detect.pii.PiiDetector.SCORE_PHONE_WEAK;
import static dev.guardrails4j.core.detect.pii.PiiDetector.SEP_DASH;
import static dev.guardrails4j.core.detect.pii.PiiDetector.SEP_DOT;
import static dev.guardrails4j.core.detect.pii.PiiDetector.SEP_NONE;
import static dev.guardrails4j.core.detect.pii.PiiDetector.SEP_SLASH;
import static dev.guardrails4j.core.detect.pii.PiiDetector.SEP_SPACE;
import static dev.guardrails4j.core.detect.pii.PiiDetector.digits;
import static dev.guardrails4j.core.detect.pii.PiiDetector.first;
import static dev.guardrails4j.core.detect.pii.PiiDetector.groupEnd;
import static dev.guardrails4j.core.detect.pii.PiiDetector.leadingZeroGroups;
import static dev.guardrails4j.core.detect.pii.PiiDetector.number;
import static dev.guardrails4j.core.detect.pii.PiiDetector.sameDigit;
import static dev.guardrails4j.core.detect.pii.PiiDetector.sep;
import static dev.guardrails4j.core.detect.pii.PiiDetector.year;
import static dev.guardrails4j.core.detect.text.AsciiCase.isAsciiAlnum;
import static dev.guardrails4j.core.detect.text.AsciiCase.isAsciiDigit;
import static dev.guardrails4j.core.detect.text.AsciiCase.isAsciiLetter;

import dev.guardrails4j.core.detect.text.AsciiCase;
import dev.guardrails4j.core.detect.text.FindingList;

/**
 * The {@code PHONE_NUMBER} recognizer of the {@code pii} detector, over the digit groups of a number
 * cluster: the format's score and the words and labels around it that make a number a phone number
 * or something else.
 */
final class PhoneRecognizer {

  private PhoneRecognizer() {}

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

  /** Reports a phone number made of groups k.. (longest first); returns groups used. */
  static int phone(String t, int clusterStart, boolean plus, int[] g, int k, int count,
      PhoneNumbers numbers, FindingList out) {
    int[] contextBefore = {0};
    for (int e = Math.min(count, k + MAX_PHONE_GROUPS); e > k; e--) {
      double score = phoneScore(t, plus, g, k, e, count, numbers, contextBefore);
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
  private static double phoneScore(String t, boolean plus, int[] g, int k, int e, int count,
      PhoneNumbers numbers, int[] contextBefore) {
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
    if (fourDigitGroups >= 3 && !(digits(g, k) == 4 && t.startsWith("00", first(g, k)))) {
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
    // The library decides: a number with a country code must be valid in that country, a national
    // one in a default region; the format rules above only keep shapes that are not dialled.
    int first0 = first(g, k);
    boolean zeroZero = !plus && digits(g, k) >= 2 && t.startsWith("00", first0)
        && (digits(g, k) > 2 ? t.charAt(first0 + 2) != '0' : m > 1 && t.charAt(first(g, k + 1)) != '0');
    if (plus || zeroZero) {
      boolean valid = PhoneNumbers.validInternational(digitString(t, g, k, e, plus ? 0 : 2));
      strong = valid && !pairs;
    } else if (m > 1 && !pairs && (strong
        || (firstSep == SEP_SLASH && !looksLikeYears(t, g, k, e)
            && (t.charAt(first) == '0' || total >= 10))
        || (firstSep == SEP_SPACE && m >= 3 && digits(g, k) >= 2 && minGroupAfterFirst >= 2
            && !looksLikeYears(t, g, k, e)
            && (t.charAt(first) == '0' || !looksLikeThousands(g, k, e))))) {
      strong = numbers.validNational(digitString(t, g, k, e, 0));
    } else if (firstSep == SEP_SLASH) {
      return 0;
    }
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

  /** The digits of groups [k, e), skipping the first skip of them ("00" of an international prefix). */
  private static String digitString(String t, int[] g, int k, int e, int skip) {
    StringBuilder sb = new StringBuilder(20);
    for (int j = k; j < e; j++) {
      sb.append(t, first(g, j), g[j * GROUP_FIELDS + 1]);
    }
    return sb.substring(Math.min(skip, sb.length()));
  }

  /** Whether a hex byte with a letter ("6c", "e4") sits right before or after [s, e). */
  static boolean hexDumpAround(String t, int s, int e) {
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

  static boolean isExtension(String t, int i) {
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
}
