package dev.guardrails4j.core.detect.pii;

import static dev.guardrails4j.core.detect.pii.PiiDetector.CARD;
import static dev.guardrails4j.core.detect.pii.PiiDetector.GROUP_FIELDS;
import static dev.guardrails4j.core.detect.pii.PiiDetector.SCORE_CHECKSUM;
import static dev.guardrails4j.core.detect.pii.PiiDetector.SEP_DOT;
import static dev.guardrails4j.core.detect.pii.PiiDetector.SEP_OTHER;
import static dev.guardrails4j.core.detect.pii.PiiDetector.digits;
import static dev.guardrails4j.core.detect.pii.PiiDetector.sep;
import static dev.guardrails4j.core.detect.text.Checksums.luhn;

import dev.guardrails4j.core.detect.text.FindingList;

/**
 * The {@code CREDIT_CARD} recognizer of the {@code pii} detector, over the digit groups of a number
 * cluster: Luhn-valid, inside a card scheme's issuer range and length, weighed by the words around
 * it.
 */
final class CardRecognizer {

  private CardRecognizer() {}

  private static final ContextWords NOT_CARD_WORDS = new ContextWords(
      "serial*", "fingerprint*", "uuid", "hash*", "checksum*", "timestamp*", "nonce", "seed",
      "order*", "invoice*", "tracking*", "isbn", "ean", "imei", "iccid", "msisdn", "account*");
  private static final ContextWords CARD_WORDS = new ContextWords(
      "card*", "credit*", "debit*", "cc", "visa", "mastercard", "amex", "maestro", "payment*",
      "pan", "cvv", "expir*");

  /** Reports a Luhn-valid payment card number of a known issuer in groups k.. ; returns groups used. */
  static int card(String t, int[] g, int k, int count, FindingList out) {
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

  static int totalDigits(int[] g, int count) {
    int total = 0;
    for (int j = 0; j < count; j++) {
      total += digits(g, j);
    }
    return total;
  }

  static int maxDigits(int[] g, int count) {
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
}
