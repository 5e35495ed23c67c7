package dev.guardrails4j.core.detect;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Finds the terms of a deny list in one pass over the normalised text, reporting the leftmost,
 * then longest, non-overlapping matches with spans in the original text.
 */
final class DenyListDetector implements Detector {

  private final String name;
  private final String type;
  private final double score;
  private final TextNormalizer normalizer;
  private final PhraseAutomaton automaton;

  DenyListDetector(
      String name, String type, double score, TextNormalizer normalizer,
      PhraseAutomaton automaton) {
    this.name = name;
    this.type = type;
    this.score = score;
    this.normalizer = normalizer;
    this.automaton = automaton;
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
    automaton.scan(normalized.buffer(), 0, normalized.length(), matches);
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
