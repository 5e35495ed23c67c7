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
      double fast = cascade.fastScore(text);
      if (fast < cascade.below()) {
        return List.of();
      }
      if (fast >= cascade.above()) {
        return List.of(Finding.of(name(), TYPE, 0, text.length(), fast));
      }
    }
    SentenceEncoder.Windows windows = encoder.windows(text, maxWindows);
    double best = -1;
    SentenceEncoder.@Nullable Window bestWindow = null;
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
}
