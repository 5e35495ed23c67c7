package dev.guardrails4j.core.detect.lists;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.detect.text.NormalizedText;
import dev.guardrails4j.core.detect.text.PhraseAutomaton;
import dev.guardrails4j.core.detect.text.TextNormalizer;
import dev.guardrails4j.core.detect.text.WordAutomaton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds the terms of a deny list in one pass over the normalised text, reporting the leftmost,
 * then longest, non-overlapping matches with spans in the original text.
 *
 * <p>With whole words, terms written in spaced scripts are matched by an Aho-Corasick automaton
 * over words (one hash probe per word), and the others by an Aho-Corasick automaton over
 * characters run only on words that contain characters of unspaced scripts (CJK, Thai, ...).
 * Without whole words, the character automaton holds every term and reads the whole text.
 */
final class DenyListDetector implements Detector {

  private final String name;
  private final String type;
  private final double score;
  private final TextNormalizer normalizer;
  private final @Nullable WordAutomaton words;
  private final PhraseAutomaton characters;
  private final int[] termLength;

  /**
   * Creates the detector.
   *
   * @param words the automaton over words, or null to read everything with {@code characters}
   * @param characters the automaton over characters
   * @param termLength the length of each term of {@code words}, by id
   */
  DenyListDetector(
      String name, String type, double score, TextNormalizer normalizer,
      @Nullable WordAutomaton words, PhraseAutomaton characters, int[] termLength) {
    this.name = name;
    this.type = type;
    this.score = score;
    this.normalizer = normalizer;
    this.words = words;
    this.characters = characters;
    this.termLength = termLength;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> types() {
    return Set.of(type);
  }

  @Override
  public List<Finding> detect(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    NormalizedText normalized = normalizer.normalize(text);
    Matches matches = new Matches();
    if (words == null) {
      characters.scan(normalized.buffer(), 0, normalized.length(), matches);
    } else {
      scanWords(normalized.buffer(), normalized.length(), words, matches);
    }
    if (matches.count == 0) {
      return List.of();
    }
    long[] sorted = matches.sortedByStartThenLongest();
    List<Finding> findings = new ArrayList<>();
    int coveredUntil = -1;
    for (long packed : sorted) {
      int start = (int) (packed >>> 32);
      int end = start + (Integer.MAX_VALUE - (int) packed);
      if (start < coveredUntil) {
        continue;
      }
      coveredUntil = end;
      findings.add(Finding.of(
          name, type, normalized.originalStart(start), normalized.originalEnd(end), score));
    }
    return findings;
  }

  private void scanWords(char[] b, int n, WordAutomaton automaton, Matches matches) {
    int state = 0;
    int i = 0;
    while (i < n) {
      char c = b[i];
      if (c == ' ') {
        i++;
        continue;
      }
      int start = i;
      long h = WordAutomaton.SEED;
      boolean unspaced = false;
      while (i < n && (c = b[i]) != ' ') {
        h = WordAutomaton.hash(h, c);
        unspaced |= c >= 0x0E00 && PhraseAutomaton.isUnspaced(c);
        i++;
      }
      if (unspaced) {
        characters.scan(b, start, i, matches);
        state = 0;
        continue;
      }
      state = automaton.step(state, automaton.word(h));
      for (int s = automaton.firstOutput(state); s >= 0; s = automaton.nextOutput(s)) {
        for (int k = automaton.outputsFrom(s); k < automaton.outputsTo(s); k++) {
          matches.match(-1, i - termLength[automaton.phraseAt(k)], i);
        }
      }
    }
  }

  /** Collects matches as packed longs: start in the high half, reversed length in the low. */
  private static final class Matches implements PhraseAutomaton.MatchSink {
    private long[] packed = new long[0];
    private int count;

    @Override
    public void match(int phrase, int start, int end) {
      if (count == packed.length) {
        packed = Arrays.copyOf(packed, Math.max(16, count * 2));
      }
      // sorting ascending puts the earliest start first and, among equal starts, the longest
      packed[count++] = ((long) start << 32) | (Integer.MAX_VALUE - (end - start));
    }

    long[] sortedByStartThenLongest() {
      long[] result = Arrays.copyOf(packed, count);
      Arrays.sort(result);
      return result;
    }
  }
}
