package dev.guardrails4j.core.detect.lists;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.detect.text.AsciiCase;
import dev.guardrails4j.core.detect.text.Checksums;
import dev.guardrails4j.core.detect.text.FindingList;
import dev.guardrails4j.core.detect.text.FoldedText;
import dev.guardrails4j.core.internal.CheckDeadline;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A custom entity type from a policy file: an RE2 pattern (linear time on any input), an optional
 * checksum the match must pass, and a score.
 */
final class PatternDetector implements Detector {

  static final String NAME = "pattern";

  /** Checksums a match can be required to pass. */
  enum Validator {
    /** No check. */
    NONE,
    /** The match's digits pass the Luhn check (payment cards, IMEI, many account numbers). */
    LUHN,
    /** The match's letters and digits pass ISO 7064 mod 97-10 (IBAN, LEI). */
    MOD97
  }

  private final String type;
  private final Pattern pattern;
  private final Validator validator;
  private final double score;

  PatternDetector(String type, Pattern pattern, Validator validator, double score) {
    this.type = type;
    this.pattern = pattern;
    this.validator = validator;
    this.score = score;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> types() {
    return Set.of(type);
  }

  /** A user pattern runs over the whole text, on an engine that is linear but not fast. */
  @Override
  public Cost cost() {
    return Cost.MODERATE;
  }

  @Override
  public List<Finding> detect(String text) {
    Objects.requireNonNull(text, "text");
    FindingList out = new FindingList(NAME, null);
    scan(text, out);
    int foldAt = FoldedText.firstFoldable(text);
    if (foldAt < 0) {
      return out.result();
    }
    // Also match the folded text, so zero-width or full-width characters cannot hide a value.
    FoldedText folded = FoldedText.fold(text, foldAt);
    FindingList inFolded = new FindingList(NAME, folded);
    scan(folded.text(), inFolded);
    return FindingList.merge(out.result(), inFolded.result());
  }

  private void scan(String t, FindingList out) {
    // read through the check's deadline: a costly pattern stops at its time budget
    Matcher m = pattern.matcher(CheckDeadline.guard(t));
    int lastEmpty = -1;
    while (m.find()) {
      int s = m.start();
      int e = m.end();
      if (e == s) {
        if (s == lastEmpty) {
          break;
        }
        lastEmpty = s;
        continue;
      }
      if (passes(t, s, e)) {
        out.add(type, s, e, score);
      }
    }
  }

  private boolean passes(String t, int s, int e) {
    return switch (validator) {
      case NONE -> true;
      case LUHN -> luhn(t, s, e);
      case MOD97 -> mod97(t, s, e);
    };
  }

  static boolean luhn(String t, int s, int e) {
    int count = 0;
    for (int p = s; p < e; p++) {
      if (AsciiCase.isAsciiDigit(t.charAt(p))) {
        count++;
      }
    }
    if (count < 2) {
      return false;
    }
    int[] digits = new int[count];
    int k = 0;
    for (int p = s; p < e; p++) {
      if (AsciiCase.isAsciiDigit(t.charAt(p))) {
        digits[k++] = t.charAt(p) - '0';
      }
    }
    return Checksums.luhn(digits);
  }

  static boolean mod97(String t, int s, int e) {
    StringBuilder chars = new StringBuilder(e - s);
    for (int p = s; p < e; p++) {
      char c = t.charAt(p);
      if (AsciiCase.isAsciiAlnum(c)) {
        chars.append(c);
      } else if (c != ' ' && c != '-') {
        return false;
      }
    }
    if (chars.length() < 5) {
      return false;
    }
    long remainder = 0;
    for (int p = 4; p < chars.length(); p++) {
      remainder = Checksums.mod97Append(remainder, chars.charAt(p));
    }
    for (int p = 0; p < 4; p++) {
      remainder = Checksums.mod97Append(remainder, chars.charAt(p));
    }
    return remainder == 1;
  }
}
