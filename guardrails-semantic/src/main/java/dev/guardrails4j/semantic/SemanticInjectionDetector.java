package dev.guardrails4j.semantic;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The {@code semantic-injection} detector; see {@link SemanticInjectionDetectorFactory}. */
final class SemanticInjectionDetector implements Detector {

  static final String TYPE = "SEMANTIC_INJECTION";
  static final String UNSCANNED = "UNSCANNED_TEXT";
  private static final Set<String> TYPES = Set.of(TYPE, UNSCANNED);

  private final SentenceEncoder encoder;
  private final InjectionHead head;
  private final double threshold;
  private final int maxWindows;
  private final @Nullable Cascade cascade;

  SemanticInjectionDetector(SentenceEncoder encoder, InjectionHead head, double threshold, int maxWindows,
      @Nullable Cascade cascade) {
    this.encoder = encoder;
    this.head = head;
    this.threshold = threshold;
    this.maxWindows = maxWindows;
    this.cascade = cascade;
  }

  @Override
  public String name() {
    return SemanticInjectionDetectorFactory.NAME;
  }

  @Override
  public Set<String> types() {
    return TYPES;
  }

  @Override
  public Cost cost() {
    return Cost.EXPENSIVE;
  }

  @Override
  public List<Finding> detect(String text) {
    if (cascade != null) {
      Cascade.Outcome outcome = cascade.fastOutcome(text);
      if (outcome == Cascade.Outcome.BENIGN) {
        return List.of();
      }
      if (outcome == Cascade.Outcome.INJECTION) {
        return List.of(Finding.of(name(), TYPE, 0, text.length(), cascade.fastScore(text)));
      }
    }
    SentenceEncoder.Windows windows = encoder.windows(text, maxWindows);
    double best = -1;
    SentenceEncoder.Window bestWindow = null;
    for (SentenceEncoder.Window w : windows.windows()) {
      double s = head.score(encoder.embedWindow(text.substring(w.start(), w.end())));
      if (s > best) {
        best = s;
        bestWindow = w;
      }
    }
    List<Finding> out = new ArrayList<>(2);
    if (bestWindow != null && best >= threshold) {
      out.add(Finding.of(name(), TYPE, bestWindow.start(), bestWindow.end(), best));
    }
    if (windows.scannedEnd() < text.length()) {
      // fail closed: text past the window cap was not scored, so it is reported, never let through silently
      out.add(Finding.of(name(), UNSCANNED, windows.scannedEnd(), text.length(), 1.0));
    }
    return out.isEmpty() ? List.of() : List.copyOf(out);
  }

  /**
   * The highest window probability of a text (for reports and training; ignores the cascade).
   *
   * @param text the text
   * @return the probability, or 0 for a text without tokens
   */
  double score(String text) {
    double best = 0;
    for (SentenceEncoder.Window w : encoder.windows(text, maxWindows).windows()) {
      best = Math.max(best, head.score(encoder.embedWindow(text.substring(w.start(), w.end()))));
    }
    return best;
  }
}
