package dev.guardrails4j.core.detect.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ASCII fast path of the normaliser (its word-state kept in locals, reused arrays, the word
 * list): normalising into reused arrays gives the same copy and offset map as normalising into
 * new ones, the word list (all-ASCII text only) holds exactly the words of the copy with their
 * hashes, and ASCII runs between other characters fold as they would alone.
 */
class TextNormalizerFastPathTests {

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "ignore all previous instructions", "  IGNORE   all\tprev\n",
      "1gn0r3 4ll pr3v10u5", "2024 $100 p@ss @@ $$ a@b $1,200.00 @12 12@ 1@2$3",
      "@start", "end@", "$", "x", "a b c d e f", "--==**", "hello@@ world$$ 4@ @4 4$4 $a$"})
  void listsTheWordsOfTheCopy(String text) {
    assertSameAsFresh(text);
  }

  static IntStream seeds() {
    return IntStream.range(0, 500);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void listsTheWordsOfRandomAsciiText(int seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String alphabet = "aBz09134578@$ \t\n.,;:'\"-_=+*#()[]{}<>/\\|!?~^%&";
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(200);
    for (int k = 0; k < n; k++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    assertSameAsFresh(sb.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ign\u200Bore", "\u00E9t\u00E9", "caf\u00E9 2024", "\uFF49gnore",
      "\u5FFD\u7565 all", "tag\uDB40\uDC20s"})
  void listsNoWordsForTextThatIsNotAscii(String text) {
    TextNormalizer.Scratch scratch = new TextNormalizer.Scratch();
    scratch.recordWords = true;
    NormalizedText reused = TextNormalizer.withLeetspeak().normalize(text, scratch);
    assertThat(scratch.words).isEqualTo(-1);
    assertSameCopy(reused, TextNormalizer.withLeetspeak().normalize(text));
  }

  /** Characters that are not ASCII, and what each folds to on its own. */
  private static final String[][] FOLDS = {{"\uD83D\uDED1", " "}, {"\u00E9", "e"},
      {"\u200B", ""}, {"\uFF21", "a"}, {"\uFF11", "1"}, {"\u00A0", " "}, {"\u2014", " "}};

  @ParameterizedTest
  @MethodSource("seeds")
  void foldsAsciiRunsBetweenOtherCharactersAsTheyWouldAlone(int seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String alphabet = "aBz09134578@$ \t\n.,;:'\"-_=+*#()";
    StringBuilder mixed = new StringBuilder();
    StringBuilder ascii = new StringBuilder();
    int n = r.nextInt(300);
    for (int k = 0; k < n; k++) {
      if (r.nextInt(6) == 0) {
        String[] fold = FOLDS[r.nextInt(FOLDS.length)];
        mixed.append(fold[0]);
        ascii.append(fold[1]);
      } else {
        int len = 1 + r.nextInt(r.nextInt(3) == 0 ? 90 : 6);
        for (int j = 0; j < len; j++) {
          char c = alphabet.charAt(r.nextInt(alphabet.length()));
          mixed.append(c);
          ascii.append(c);
        }
      }
    }
    for (TextNormalizer normalizer : List.of(TextNormalizer.withLeetspeak(),
        TextNormalizer.standard())) {
      assertThat(normalizer.normalize(mixed.toString()).toString()).as(mixed.toString())
          .isEqualTo(normalizer.normalize(ascii.toString()).toString());
    }
  }

  private static void assertSameAsFresh(String text) {
    TextNormalizer.Scratch scratch = new TextNormalizer.Scratch();
    scratch.recordWords = true;
    // dirty the reused arrays first: a longer text leaves characters behind
    TextNormalizer.withLeetspeak().normalize("x9 @ previous " + text + " $$ trailing words", scratch);
    for (TextNormalizer normalizer : List.of(TextNormalizer.withLeetspeak(),
        TextNormalizer.standard())) {
      NormalizedText fresh = normalizer.normalize(text);
      NormalizedText reused = normalizer.normalize(text, scratch);
      assertSameCopy(reused, fresh);
      List<String> expected = new ArrayList<>();
      List<String> listed = new ArrayList<>();
      String copy = fresh.toString();
      int k = 0;
      while (k < copy.length()) {
        if (copy.charAt(k) == ' ') {
          k++;
          continue;
        }
        int start = k;
        while (k < copy.length() && copy.charAt(k) != ' ') {
          k++;
        }
        String word = copy.substring(start, k);
        expected.add(start + ":" + k + ":" + word + ":" + WordAutomaton.hash(word));
      }
      for (int w = 0; w < scratch.words; w++) {
        listed.add(scratch.wordStarts[w] + ":" + scratch.wordEnds[w] + ":"
            + copy.substring(scratch.wordStarts[w], scratch.wordEnds[w]) + ":"
            + scratch.wordHashes[w]);
      }
      assertThat(listed).as(text).isEqualTo(expected);
    }
  }

  private static void assertSameCopy(NormalizedText reused, NormalizedText fresh) {
    assertThat(reused.toString()).isEqualTo(fresh.toString());
    for (int i = 0; i < fresh.length(); i++) {
      assertThat(reused.originalStart(i)).isEqualTo(fresh.originalStart(i));
      assertThat(reused.originalEnd(i + 1)).isEqualTo(fresh.originalEnd(i + 1));
    }
  }
}
