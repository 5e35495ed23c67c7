package dev.guardrails4j.semantic;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The {@code topics} detector; see {@link TopicsDetectorFactory}. */
final class TopicsDetector implements Detector {

  static final String OFF_TOPIC = "OFF_TOPIC";

  private final SentenceEncoder encoder;
  private final List<Topic> allowed;
  private final List<Topic> denied;
  private final double minSimilarity;
  private final int maxWindows;
  private final Set<String> types;

  TopicsDetector(SentenceEncoder encoder, List<Topic> allowed, List<Topic> denied, double minSimilarity, int maxWindows) {
    this.encoder = encoder;
    this.allowed = List.copyOf(allowed);
    this.denied = List.copyOf(denied);
    this.minSimilarity = minSimilarity;
    this.maxWindows = maxWindows;
    Set<String> t = new LinkedHashSet<>();
    for (Topic d : denied) {
      t.add(d.type());
    }
    if (!allowed.isEmpty()) {
      t.add(OFF_TOPIC);
    }
    t.add(SemanticInjectionDetector.UNSCANNED);
    this.types = Set.copyOf(t);
  }

  @Override
  public String name() {
    return TopicsDetectorFactory.NAME;
  }

  @Override
  public Set<String> types() {
    return types;
  }

  @Override
  public Cost cost() {
    return Cost.EXPENSIVE;
  }

  @Override
  public List<Finding> detect(String text) {
    SentenceEncoder.Windows windows = encoder.windows(text, maxWindows);
    List<Finding> out = new ArrayList<>();
    double[] bestDenied = new double[denied.size()];
    SentenceEncoder.Window[] where = new SentenceEncoder.Window[denied.size()];
    java.util.Arrays.fill(bestDenied, -1);
    double bestAllowed = -1;
    for (SentenceEncoder.Window w : windows.windows()) {
      float[] e = encoder.embedWindow(text.substring(w.start(), w.end()));
      double allowedHere = -1;
      for (Topic a : allowed) {
        allowedHere = Math.max(allowedHere, a.similarity(e));
      }
      bestAllowed = Math.max(bestAllowed, allowedHere);
      for (int i = 0; i < denied.size(); i++) {
        double s = denied.get(i).similarity(e);
        // an allowed topic that fits the window better wins: "reset my password" near "medical records" is not medicine
        if (s >= minSimilarity && s > allowedHere && s > bestDenied[i]) {
          bestDenied[i] = s;
          where[i] = w;
        }
      }
    }
    for (int i = 0; i < denied.size(); i++) {
      if (where[i] != null) {
        out.add(Finding.of(name(), denied.get(i).type(), where[i].start(), where[i].end(), clamp(bestDenied[i])));
      }
    }
    if (out.isEmpty() && !allowed.isEmpty() && !windows.windows().isEmpty() && bestAllowed < minSimilarity) {
      out.add(Finding.of(name(), OFF_TOPIC, windows.windows().get(0).start(), windows.scannedEnd(),
          clamp(1 - bestAllowed)));
    }
    if (windows.scannedEnd() < text.length()) {
      out.add(Finding.of(name(), SemanticInjectionDetector.UNSCANNED, windows.scannedEnd(), text.length(), 1.0));
    }
    return out.isEmpty() ? List.of() : List.copyOf(out);
  }

  private static double clamp(double s) {
    return Math.max(0, Math.min(1, s));
  }
}
