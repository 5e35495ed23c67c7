package dev.guardrails4j.core.detect.pii;

import static dev.guardrails4j.core.detect.pii.PiiDetector.GROUP_FIELDS;
import static dev.guardrails4j.core.detect.pii.PiiDetector.SCORE_SSN_CONTEXT;
import static dev.guardrails4j.core.detect.pii.PiiDetector.SCORE_SSN_FORMAT;
import static dev.guardrails4j.core.detect.pii.PiiDetector.SEP_DASH;
import static dev.guardrails4j.core.detect.pii.PiiDetector.SEP_OTHER;
import static dev.guardrails4j.core.detect.pii.PiiDetector.SSN;
import static dev.guardrails4j.core.detect.pii.PiiDetector.digits;
import static dev.guardrails4j.core.detect.pii.PiiDetector.number;
import static dev.guardrails4j.core.detect.pii.PiiDetector.sep;

import dev.guardrails4j.core.detect.text.FindingList;

/**
 * The {@code US_SSN} recognizer of the {@code pii} detector, over the digit groups of a number
 * cluster: {@code NNN-NN-NNNN}, or spaced or undelimited next to "SSN" or "social security".
 */
final class SsnRecognizer {

  private SsnRecognizer() {}

  private static final ContextWords SSN_WORDS = new ContextWords(
      "ssn*", "social security*", "ss#", "ss #", "soc sec*", "ss no", "ss num*");

  /** Reports a US social security number in groups k..; returns groups used. */
  static int ssn(String t, int[] g, int k, int count, FindingList out) {
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
}
