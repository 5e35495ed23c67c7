package dev.guardrails4j.benchmarks.speed;

import dev.guardrails4j.api.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal-data detection as a team typically writes it without a library: one precompiled
 * {@code java.util.regex} pattern per entity type, each run over the whole text, with a Luhn check
 * for card numbers and nothing else (no IBAN checksum, no context words, no evasion handling).
 */
final class RegexPii {

  private static final String NAME = "regex-pii";
  private static final String[] TYPES = {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN",
      "IP_ADDRESS"};
  private static final Pattern[] PATTERNS = {
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"),
      Pattern.compile("(?:\\+\\d{1,3}[ .-]?)?\\(?\\d{2,4}\\)?[ .-]?\\d{3,4}[ .-]?\\d{4}\\b"),
      Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b"),
      Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\\b"),
      Pattern.compile("\\b\\d{3}-\\d{2}-\\d{4}\\b"),
      Pattern.compile("\\b(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\b")};
  private static final int CARD = 2;

  /** Every match of every pattern; card numbers only when Luhn-valid. */
  List<Finding> detect(String text) {
    List<Finding> out = new ArrayList<>();
    for (int p = 0; p < PATTERNS.length; p++) {
      Matcher m = PATTERNS[p].matcher(text);
      while (m.find()) {
        if (p == CARD && !luhn(text, m.start(), m.end())) {
          continue;
        }
        out.add(Finding.of(NAME, TYPES[p], m.start(), m.end(), 1.0));
      }
    }
    return out;
  }

  static boolean luhn(CharSequence s, int start, int end) {
    int sum = 0;
    int n = 0;
    for (int i = end - 1; i >= start; i--) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (n++ % 2 == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return n >= 13 && sum % 10 == 0;
  }
}
