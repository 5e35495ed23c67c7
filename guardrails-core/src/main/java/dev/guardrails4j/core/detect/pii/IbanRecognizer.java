package dev.guardrails4j.core.detect.pii;

import static dev.guardrails4j.core.detect.pii.PiiDetector.IBAN;
import static dev.guardrails4j.core.detect.pii.PiiDetector.SCORE_CHECKSUM;
import static dev.guardrails4j.core.detect.text.AsciiCase.isAsciiAlnum;
import static dev.guardrails4j.core.detect.text.AsciiCase.isAsciiDigit;
import static dev.guardrails4j.core.detect.text.AsciiCase.isAsciiLetter;
import static dev.guardrails4j.core.detect.text.Checksums.mod97Append;

import dev.guardrails4j.core.detect.text.FindingList;

/**
 * The {@code IBAN_CODE} recognizer of the {@code pii} detector: a registered country code, that
 * country's length and the mod-97 check, plain or printed in groups of four.
 */
final class IbanRecognizer {

  private IbanRecognizer() {}

  /** Reports an IBAN starting at i; returns its end, or i when there is none. */
  static int ibanAt(String t, int i, FindingList out) {
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
}
