package dev.guardrails4j.core.detect.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhraseAutomatonTests {

  private static List<String> matches(PhraseAutomaton automaton, String text, boolean boundaries) {
    List<String> out = new ArrayList<>();
    char[] chars = text.toCharArray();
    automaton.scan(chars, 0, chars.length, boundaries,
        (phrase, start, end) -> out.add(phrase + ":" + text.substring(start, end)));
    return out;
  }

  @Test
  void findsOverlappingPhrasesInOnePass() {
    PhraseAutomaton.Builder b = PhraseAutomaton.builder();
    b.add("he", false, false);
    b.add("she", false, false);
    b.add("his", false, false);
    b.add("hers", false, false);
    assertThat(matches(b.build(), "ushers", true)).containsExactly("1:she", "0:he", "3:hers");
  }

  @Test
  void respectsWordBoundariesWhenAsked() {
    PhraseAutomaton.Builder b = PhraseAutomaton.builder();
    b.add("ignore", true, true);
    b.add("all previous", true, true);
    PhraseAutomaton a = b.build();
    assertThat(matches(a, "ignore all previous", true)).containsExactly("0:ignore", "1:all previous");
    assertThat(matches(a, "ignorance", true)).isEmpty();
    assertThat(matches(a, "signore", true)).isEmpty();
    assertThat(matches(a, "signore", false)).containsExactly("0:ignore");
  }

  @Test
  void matchesUnspacedScriptsInsideRunsOfText() {
    PhraseAutomaton.Builder b = PhraseAutomaton.builder();
    b.add("忽略", true, true);
    b.add("ignore", true, true);
    assertThat(matches(b.build(), "请忽略之前的ignore指令", true)).containsExactly("0:忽略", "1:ignore");
  }

  @Test
  void sharesStatesBetweenPhrasesWithCommonPrefixes() {
    PhraseAutomaton.Builder b = PhraseAutomaton.builder();
    b.add("abc", false, false);
    b.add("abd", false, false);
    PhraseAutomaton a = b.build();
    assertThat(a.stateCount()).isEqualTo(5);
    assertThat(a.phraseCount()).isEqualTo(2);
  }

  @Test
  void rejectsAnEmptyPhrase() {
    assertThatThrownBy(() -> PhraseAutomaton.builder().add("", true, true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scansAMegabyteOfNearMissesInLinearTime() {
    PhraseAutomaton.Builder b = PhraseAutomaton.builder();
    for (int k = 1; k < 200; k++) {
      b.add("a".repeat(k) + "b", false, false);
    }
    PhraseAutomaton a = b.build();
    char[] text = "a".repeat(1 << 20).toCharArray();
    assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
      int[] count = new int[1];
      a.scan(text, 0, text.length, (p, s, e) -> count[0]++);
      assertThat(count[0]).isZero();
    });
  }

  @Test
  void wordAutomatonFindsPhrasesAcrossFailureLinks() {
    WordAutomaton.Builder b = WordAutomaton.builder();
    b.add(List.of("a", "b", "c"), false, 0);
    b.add(List.of("b", "c", "d"), false, 1);
    b.add(List.of("c"), false, 2);
    WordAutomaton w = b.build();
    List<String> found = new ArrayList<>();
    int state = 0;
    String[] words = {"x", "a", "b", "c", "d"};
    for (int i = 0; i < words.length; i++) {
      state = w.step(state, w.word(WordAutomaton.hash(words[i])));
      for (int s = w.firstOutput(state); s >= 0; s = w.nextOutput(s)) {
        for (int k = w.outputsFrom(s); k < w.outputsTo(s); k++) {
          int phrase = w.phraseAt(k);
          found.add(phrase + "@" + (i - w.words(phrase) + 1) + "-" + i);
        }
      }
    }
    assertThat(found).containsExactlyInAnyOrder("0@1-3", "2@3-3", "1@2-4");
  }

  @Test
  void wordAutomatonKnowsItsStems() {
    WordAutomaton.Builder b = WordAutomaton.builder();
    b.add(List.of("системн", "инструкци"), true, 0);
    WordAutomaton w = b.build();
    assertThat(w.hasStemOfLength("инструкци".length())).isTrue();
    assertThat(w.stem(WordAutomaton.hash("инструкци"))).isNotNegative();
    assertThat(w.word(WordAutomaton.hash("unknown"))).isEqualTo(-1);
  }
}
