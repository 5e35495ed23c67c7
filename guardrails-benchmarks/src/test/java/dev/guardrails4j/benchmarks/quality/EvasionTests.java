package dev.guardrails4j.benchmarks.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EvasionTests {

  static Stream<Arguments> rewrites() {
    return Stream.of(
        Arguments.of(Evasion.UPPER_CASE, "a@b.io", "A@B.IO"),
        Arguments.of(Evasion.MIXED_CASE, "abcd", "aBcD"),
        Arguments.of(Evasion.SPACES, "ab1", "a b 1"),
        Arguments.of(Evasion.ZERO_WIDTH, "ab", "a\u200Bb"),
        Arguments.of(Evasion.TAG_CHARACTERS, "A\u00E9", "\uDB40\uDC41\u00E9"),
        Arguments.of(Evasion.HOMOGLYPHS, "pace", "\u0440\u0430\u0441\u0435"),
        Arguments.of(Evasion.FULL_WIDTH, "a 1", "\uFF41\u3000\uFF11"),
        Arguments.of(Evasion.LINE_BREAKS, "ignore all", "ignore\nall"),
        Arguments.of(Evasion.LINE_BREAKS, "abcd", "ab\ncd"),
        Arguments.of(Evasion.MARKDOWN, "x", "**x**"),
        Arguments.of(Evasion.HTML, "x", "<span>x</span>"),
        Arguments.of(Evasion.PERCENT_ENCODING, "a@b c", "a%40b+c"),
        Arguments.of(Evasion.BASE64, "hi", "aGk="));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rewrites")
  void rewritesAsDocumented(Evasion evasion, String input, String expected) {
    assertThat(evasion.apply(input)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rewrites")
  void keepsSurrogatePairsWhole(Evasion evasion) {
    String rewritten = evasion.apply("a\uD83D\uDE00b");
    for (int i = 0; i < rewritten.length(); i++) {
      if (Character.isHighSurrogate(rewritten.charAt(i))) {
        assertThat(Character.isLowSurrogate(rewritten.charAt(i + 1))).isTrue();
      }
    }
  }
}
