package dev.guardrails4j.benchmarks.inputs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Deny-list terms of the kind a team lists: made-up project code names and product names, one or
 * two words of two to three syllables, lower case, generated from a fixed seed. They are built so
 * that none occurs in {@link Texts}' output, so a deny-list check has to read the whole prompt:
 * the common case, where the prompt is clean.
 */
public final class Terms {

  private static final String[] ONSETS = {"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
      "br", "dr", "kl", "tr", "zh", "qu"};
  private static final String[] NUCLEI = {"a", "e", "i", "o", "u", "ae", "ou", "y"};
  private static final String[] CODAS = {"", "", "n", "r", "x", "sk", "lt", "m"};

  private Terms() {}

  /**
   * Generates distinct terms.
   *
   * @param count how many
   * @param seed the seed
   * @return the terms, lower case
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public static List<String> generate(int count, long seed) {
    if (count < 0) {
      throw new IllegalArgumentException("count: must be 0 or more, got " + count);
    }
    SplittableRandom r = new SplittableRandom(seed);
    Set<String> out = new LinkedHashSet<>();
    while (out.size() < count) {
      String term = word(r);
      if (r.nextInt(3) == 0) {
        term = (r.nextBoolean() ? "project " : "codename ") + term;
      } else if (r.nextInt(4) == 0) {
        term = term + " " + word(r);
      }
      out.add(term);
    }
    return new ArrayList<>(out);
  }

  private static String word(SplittableRandom r) {
    StringBuilder sb = new StringBuilder(12);
    int syllables = 2 + r.nextInt(2);
    for (int i = 0; i < syllables; i++) {
      sb.append(ONSETS[r.nextInt(ONSETS.length)]).append(NUCLEI[r.nextInt(NUCLEI.length)]);
    }
    sb.append(CODAS[r.nextInt(CODAS.length)]);
    // "z" or "q" in every word keeps generated names out of English prose and code.
    if (sb.indexOf("z") < 0 && sb.indexOf("q") < 0) {
      sb.insert(0, 'z');
    }
    return sb.toString();
  }
}
