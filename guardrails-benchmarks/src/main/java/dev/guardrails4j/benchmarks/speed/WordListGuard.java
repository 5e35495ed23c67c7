package dev.guardrails4j.benchmarks.speed;

import java.util.List;
import java.util.Locale;

/**
 * The deny-list check of Spring AI's {@code SafeGuardAdvisor} and of many hand-written guards: the
 * prompt lower-cased once, then {@code String.contains} per term until one is found.
 */
final class WordListGuard {

  private final String[] terms;

  WordListGuard(List<String> terms) {
    this.terms = terms.stream().map(t -> t.toLowerCase(Locale.ROOT)).toArray(String[]::new);
  }

  /** Whether the prompt contains any term. */
  boolean blocks(String prompt) {
    String lower = prompt.toLowerCase(Locale.ROOT);
    for (String term : terms) {
      if (lower.contains(term)) {
        return true;
      }
    }
    return false;
  }
}
