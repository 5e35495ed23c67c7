package dev.guardrails4j.core.detect.pii;

/**
 * Payment card issuer identification number (IIN) ranges and lengths, from the card schemes'
 * published ranges: Visa, Mastercard (including the 2-series), American Express, Discover,
 * Diners Club, JCB, UnionPay, Maestro, Mir and RuPay.
 */
final class CardIssuers {

  /** The issuer range a number falls in. */
  enum Match {
    /** No known issuer has this prefix and length. */
    NONE,
    /** A range whose prefix and length identify a card on their own. */
    STRONG,
    /**
     * Only Maestro's broad ranges (50, 56-69, at 12 to 19 digits): too common among other long
     * numbers to report without a word such as "card" nearby.
     */
    NEEDS_CONTEXT
  }

  private CardIssuers() {}

  /**
   * Classifies digits by issuer range.
   *
   * @param d the digits, 12 to 19 of them
   * @return the match
   */
  static Match match(int[] d) {
    int len = d.length;
    int p1 = d[0];
    int p2 = p1 * 10 + d[1];
    int p3 = p2 * 10 + d[2];
    int p4 = p3 * 10 + d[3];
    int p6 = p4 * 100 + d[4] * 10 + d[5];
    boolean len16to19 = len >= 16 && len <= 19;
    boolean strong =
        // Visa
        (p1 == 4 && (len == 13 || len == 16 || len == 19))
        // Mastercard, 51-55 and 2221-2720
        || (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && len == 16)
        // American Express
        || ((p2 == 34 || p2 == 37) && len == 15)
        // Discover
        || ((p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925))
            && len16to19)
        // Diners Club International, Carte Blanche
        || (((p3 >= 300 && p3 <= 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39)
            && len >= 14 && len <= 19)
        // JCB, and its original 15-digit ranges
        || (p4 >= 3528 && p4 <= 3589 && len16to19)
        || ((p4 == 1800 || p4 == 2131) && len == 15)
        // UnionPay
        || (p2 == 62 && len16to19)
        // Mir
        || (p4 >= 2200 && p4 <= 2204 && len16to19)
        // RuPay
        || ((p2 == 81 || p2 == 82 || p3 == 508) && len == 16);
    if (strong) {
      return Match.STRONG;
    }
    return isMaestro(p2, p4) && len >= 12 && len <= 19 ? Match.NEEDS_CONTEXT : Match.NONE;
  }

  private static boolean isMaestro(int p2, int p4) {
    // 0604 was listed for Maestro in older published range tables.
    return p2 == 50 || (p2 >= 56 && p2 <= 69) || p4 == 6304 || p4 == 6759
        || (p4 >= 6761 && p4 <= 6763) || p4 == 604;
  }
}
