package dev.guardrails4j.core.detect.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FoldedTextTests {

  @ParameterizedTest
  @ValueSource(strings = {
    "plain ASCII text",
    "accents: café, naïve, Zürich",
    "中文，标点。",
    "curly quotes ’ and “these”",
    "an emoji sequence 👩\u200D💻 alone",
    "Москва и Санкт-Петербург",
  })
  void leavesTextThatNeedsNoFoldingAlone(String text) {
    assertThat(FoldedText.of(text)).isNull();
  }

  static Stream<Arguments> folds() {
    return Stream.of(
        Arguments.of("full-width letters and digits", "ＡＢＣ１２３", "ABC123"),
        Arguments.of("zero-width characters", "gh\u200Bp\u200C_\u200Dx\uFEFF", "ghp_x"),
        Arguments.of("tag characters", "a\uDB40\uDC41b", "ab"),
        Arguments.of("soft hyphen", "pass\u00ADword", "password"),
        Arguments.of("no-break and thin spaces next to digits", "1\u00A02\u20093", "1 2 3"),
        Arguments.of("dashes between digits", "415\u2013555\u20140132", "415-555-0132"),
        Arguments.of("digits of other scripts", "٤١١١", "4111"),
        Arguments.of("mathematical letters", "\uD835\uDC1A\uD835\uDC1B", "ab"),
        Arguments.of("a Cyrillic letter inside a Latin word", "p\u0430ssword", "password"),
        Arguments.of("a circled number", "⑩x", "10x"));
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("folds")
  void folds(String what, String original, String expected) {
    FoldedText folded = FoldedText.of(original);

    assertThat(folded).isNotNull();
    assertThat(folded.text()).isEqualTo(expected);
  }

  @Test
  void mapsEveryFoldedSpanBackToTheOriginalCharacters() {
    String original = "x\u200B\u200Bｇｈｐ＿\uD835\uDC1A⑩y\uDB40\uDC41z";
    FoldedText folded = FoldedText.of(original);

    assertThat(folded).isNotNull();
    assertThat(folded.text()).isEqualTo("xghp_a10yz");
    // "ghp_" starts after the two dropped characters and ends with the full-width low line.
    assertThat(folded.originalStart(1)).isEqualTo(3);
    assertThat(folded.originalEnd(5)).isEqualTo(7);
    // The mathematical letter is a surrogate pair; "10" comes from one circled digit.
    assertThat(original.substring(folded.originalStart(5), folded.originalEnd(6))).isEqualTo("\uD835\uDC1A");
    assertThat(original.substring(folded.originalStart(6), folded.originalEnd(8))).isEqualTo("⑩");
    assertThat(original.substring(folded.originalStart(7), folded.originalEnd(8))).isEqualTo("⑩");
    // "z" follows a dropped tag character.
    assertThat(original.substring(folded.originalStart(9), folded.originalEnd(10))).isEqualTo("z");
    assertThat(original.substring(folded.originalStart(0), folded.originalEnd(10))).isEqualTo(original);
  }

  @Test
  void foldsFullWidthPunctuationOnlyOnceTheTextIsFoldedForAnotherReason() {
    assertThat(FoldedText.of("价格，１２３")).isNotNull();
    assertThat(FoldedText.of("价格，１２３").text()).isEqualTo("价格,123");
  }
}
