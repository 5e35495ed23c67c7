package dev.guardrails4j.core.detect.output;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import java.util.List;
import java.util.Set;

/**
 * Reports a text longer than a character or estimated-token limit. See
 * {@link OutputLengthDetectorFactory} for the estimate.
 */
final class OutputLengthDetector implements Detector {

  static final String TYPE = "LENGTH_EXCEEDED";

  private final String name;
  private final int maxChars;
  private final int maxTokens;

  /**
   * @param maxChars the character limit, 0 for none
   * @param maxTokens the token limit, 0 for none
   */
  OutputLengthDetector(String name, int maxChars, int maxTokens) {
    this.name = name;
    this.maxChars = maxChars;
    this.maxTokens = maxTokens;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> types() {
    return Set.of(TYPE);
  }

  @Override
  public List<Finding> detect(String text) {
    int n = text.length();
    int cut = n;
    if (maxChars > 0 && n > maxChars) {
      cut = maxChars;
      if (Character.isLowSurrogate(text.charAt(cut)) && Character.isHighSurrogate(text.charAt(cut - 1))) {
        cut--; // never split a surrogate pair
      }
    }
    if (maxTokens > 0 && n > maxTokens) {
      cut = Math.min(cut, TokenEstimate.offsetExceeding(text, maxTokens, cut));
    }
    if (cut >= n) {
      return List.of();
    }
    return List.of(Finding.of(name, TYPE, cut, n, 1.0));
  }
}
