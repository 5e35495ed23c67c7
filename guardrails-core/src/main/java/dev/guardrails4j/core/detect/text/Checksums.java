package dev.guardrails4j.core.detect.text;

import static dev.guardrails4j.core.detect.text.AsciiCase.isAsciiDigit;

/**
 * Not API. The check-digit sums that more than one detector family runs over a match: Luhn for
 * card numbers, ISO 7064 mod 97-10 for IBANs.
 */
public final class Checksums {

  private Checksums() {}

  /**
   * The Luhn check over decimal digits, as card numbers use it.
   *
   * @param d the digits, each 0 to 9, most significant first
   * @return true if they pass
   */
  public static boolean luhn(int[] d) {
    int sum = 0;
    boolean twice = false;
    for (int i = d.length - 1; i >= 0; i--) {
      int v = d[i];
      if (twice) {
        v *= 2;
        if (v > 9) {
          v -= 9;
        }
      }
      sum += v;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  /**
   * Appends one IBAN character (digit, or letter as 10..35) to a running mod-97 remainder.
   *
   * @param remainder the remainder so far
   * @param c an ASCII letter or digit
   * @return the new remainder
   */
  public static long mod97Append(long remainder, char c) {
    if (isAsciiDigit(c)) {
      return (remainder * 10 + (c - '0')) % 97;
    }
    int value = Character.toUpperCase(c) - 'A' + 10;
    return (remainder * 100 + value) % 97;
  }
}
