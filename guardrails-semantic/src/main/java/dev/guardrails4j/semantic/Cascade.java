package dev.guardrails4j.semantic;

import dev.guardrails4j.core.detect.injection.PromptInjectionDetectorFactory;

/**
 * The cascade: the fast {@code prompt-injection} score decides the clear cases, and the embedding
 * model runs only when that score falls in the uncertain band {@code [below, above)}.
 */
final class Cascade {

  private final double below;
  private final double above;

  Cascade(double below, double above) {
    if (!(below < above)) {
      throw new IllegalArgumentException("cascade: 'below' (" + below + ") must be less than 'above' (" + above + ")");
    }
    this.below = below;
    this.above = above;
  }

  double fastScore(String text) {
    return PromptInjectionDetectorFactory.score(text);
  }

  double below() {
    return below;
  }

  double above() {
    return above;
  }
}
