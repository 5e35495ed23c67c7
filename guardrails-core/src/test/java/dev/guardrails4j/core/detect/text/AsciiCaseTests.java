package dev.guardrails4j.core.detect.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ASCII fast path of case-insensitive matching gives exactly the answers of {@code
 * regionMatches}, which the {@code pii} and {@code secrets} scans used before.
 */
class AsciiCaseTests {

  static Stream<Arguments> caseInsensitiveRegions() {
    return Stream.of(
        Arguments.of("PASSWORD", "password"), Arguments.of("PassWord", "password"),
        Arguments.of("passw0rd", "password"), Arguments.of("pass", "password"),
        Arguments.of("o\u212Ata", "okta"), // KELVIN SIGN lower-cases to 'k'
        Arguments.of("\u017Fecret", "secret"), // LATIN SMALL LETTER LONG S upper-cases to 'S'
        Arguments.of("tok\u0131n", "tokin"), // dotless i upper-cases to 'I'
        Arguments.of("\u0130s ", "is "), // capital I with dot lower-cases to 'i'
        Arguments.of("\uFF54oken", "token"), Arguments.of("to-ken", "to_ken"),
        Arguments.of("AUTH0", "auth0"), Arguments.of("ext.", "ext"), Arguments.of("[AT]", "[at]"),
        Arguments.of("", "a"), Arguments.of("@", "`"), Arguments.of("{", "["));
  }

  @ParameterizedTest
  @MethodSource("caseInsensitiveRegions")
  void matchesCaseInsensitivelyExactlyAsRegionMatchesDoes(String text, String word) {
    for (int p = -1; p <= text.length() + 1; p++) {
      boolean expected = p >= 0 && text.regionMatches(true, p, word, 0, word.length());
      assertThat(AsciiCase.startsWith(text, p, word)).as("at %d", p).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @MethodSource("caseInsensitiveRegions")
  void findsAWordInAWindowExactlyAsRegionMatchesAtEveryPositionDoes(String text, String word) {
    String padded = "x " + text + " y";
    for (int from = -3; from <= padded.length(); from++) {
      for (int to = from; to <= padded.length(); to++) {
        boolean expected = false;
        for (int p = Math.max(0, from); p + word.length() <= to; p++) {
          expected |= padded.regionMatches(true, p, word, 0, word.length());
        }
        if (!Character.isLetter(word.charAt(0))) {
          continue; // occursIn asks for a word that starts with a letter
        }
        assertThat(AsciiCase.occursIn(padded, from, to, word)).as("[%d, %d)", from, to)
            .isEqualTo(expected);
      }
    }
  }
}
