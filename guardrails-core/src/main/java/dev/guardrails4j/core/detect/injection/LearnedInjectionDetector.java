package dev.guardrails4j.core.detect.injection;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.internal.LinearTextModel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code prompt-injection} detector with its learned signal: the rules run first; when they
 * report nothing, the text is scored by the shipped linear model (hashed character and word
 * n-grams, trained at build time by {@code guardrails-training}), and a score at or above the
 * model's threshold is reported as one {@code LEARNED_INJECTION} finding over the whole text, with
 * the model's probability as its score. So a finding says which signal fired: the rules report
 * their five types, the model this one.
 */
final class LearnedInjectionDetector implements Detector {

  /** The type a finding of the learned signal carries. */
  static final String TYPE = "LEARNED_INJECTION";

  /** The shipped model, read once; a missing or damaged resource fails the first detector created. */
  static final class Shipped {
    static final LinearTextModel MODEL = LinearTextModel.fromResource(LearnedInjectionDetector.class,
        "/dev/guardrails4j/injection-model.bin");

    private Shipped() {}
  }

  private final @Nullable Detector rules;
  private final LinearTextModel model;

  LearnedInjectionDetector(@Nullable Detector rules, LinearTextModel model) {
    this.rules = rules;
    this.model = model;
  }

  @Override
  public String name() {
    return PromptInjectionDetectorFactory.NAME;
  }

  @Override
  public Set<String> types() {
    Set<String> types = new HashSet<>(rules == null ? Set.of() : rules.types());
    types.add(TYPE);
    return Set.copyOf(types);
  }

  @Override
  public Cost cost() {
    return Cost.MODERATE;
  }

  @Override
  public List<Finding> detect(String text) {
    List<Finding> found = rules == null ? List.of() : rules.detect(text);
    if (!found.isEmpty() || text.isEmpty()) {
      return found;
    }
    double score = model.score(text);
    if (score < model.threshold()) {
      return found;
    }
    double probability = 1 / (1 + Math.exp(-score));
    return List.of(Finding.of(PromptInjectionDetectorFactory.NAME, TYPE, 0, text.length(), probability));
  }
}
