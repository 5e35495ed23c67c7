package dev.guardrails4j.semantic;

import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.core.detect.text.OptionReader;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@code semantic-injection} detector: a logistic-regression head over the embedding of a
 * sentence-embedding model (quantised all-MiniLM-L6-v2, run in the process by ONNX Runtime), for
 * prompt injections and jailbreaks whose wording no rule knows.
 *
 * <p>A text is split into windows of up to 254 tokens, 192 tokens apart (see {@link
 * SentenceEncoder}); each window is embedded and scored, and the highest window wins, so an
 * instruction hidden in the middle of a long document is still seen. When that score reaches the
 * threshold the detector reports one {@code SEMANTIC_INJECTION} finding over that window, with the
 * window's probability as its score. At most {@code max-windows} windows are scored; when a text
 * has more, the rest is reported as {@code UNSCANNED_TEXT} (score 1), so a huge text is bounded in
 * time and never passes unseen (list {@code types: [SEMANTIC_INJECTION]} to accept that risk).
 *
 * <p>Options:
 * <ul>
 *   <li>{@code threshold}: the window probability from which a finding is reported, in [0, 1];
 *       default the shipped head's (chosen so that at most 2% of the dev set's benign rows are
 *       flagged, see docs/semantic.md);</li>
 *   <li>{@code max-windows}: the most windows scored per text, 1 to 4096, default {@value
 *       #DEFAULT_MAX_WINDOWS} (about 48,000 characters of English);</li>
 *   <li>{@code cascade}: a map {@code {below: 0.05, above: 0.9}}: the fast {@code prompt-injection}
 *       score is computed first; below {@code below} the text passes without the model, from
 *       {@code above} it is reported (score: the fast score, span: the whole text) without the
 *       model, and only in between does the model run.</li>
 * </ul>
 * <pre>{@code
 * - { detector: semantic-injection, action: block }
 * - { detector: semantic-injection, cascade: { below: 0.05, above: 0.9 }, action: block }
 * }</pre>
 *
 * <p>Creating the detector loads the model (about 1.5 s, once per class loader); a missing or
 * damaged model or weights resource fails creation, and so the policy load, with a message that
 * names it. Costs: see docs/benchmarks.md.
 */
public final class SemanticInjectionDetectorFactory implements DetectorFactory {

  /** The detector name used in policy files. */
  public static final String NAME = "semantic-injection";
  /** The default for {@code max-windows}. */
  public static final int DEFAULT_MAX_WINDOWS = 64;

  private static final Set<String> OPTIONS = Set.of("threshold", "max-windows", "cascade");

  private final Supplier<SentenceEncoder> encoder;
  private final Supplier<InjectionHead> head;

  /** The factory over the shared encoder and the shipped head; the constructor ServiceLoader uses. */
  public SemanticInjectionDetectorFactory() {
    this(SentenceEncoder::shared, InjectionHead::shipped);
  }

  SemanticInjectionDetectorFactory(Supplier<SentenceEncoder> encoder, Supplier<InjectionHead> head) {
    this.encoder = encoder;
    this.head = head;
  }

  /** An embedding model: seconds and a few hundred megabytes to load, milliseconds per check. */
  @Override
  public Detector.Cost cost() {
    return Detector.Cost.EXPENSIVE;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> options() {
    return OPTIONS;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when an option is unknown or out of range
   * @throws IllegalStateException when the model or the head cannot be loaded
   */
  @Override
  public Detector create(Map<String, Object> options) {
    OptionReader reader = OptionReader.of(NAME, options, OPTIONS);
    InjectionHead h = head.get();
    double threshold = reader.score("threshold", h.threshold());
    int maxWindows = Options.integer(options, "max-windows", DEFAULT_MAX_WINDOWS, 1, 4096);
    Cascade cascade = cascade(options.get("cascade"));
    return new SemanticInjectionDetector(encoder.get(), h, threshold, maxWindows, cascade);
  }

  private static @Nullable Cascade cascade(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("cascade: expected a map {below: 0.05, above: 0.9}, got "
          + OptionReader.describe(value));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> band = (Map<String, Object>) map;
    double below;
    double above;
    try {
      OptionReader r = OptionReader.of(NAME + " cascade", band, Set.of("below", "above"));
      below = r.score("below", 0.05);
      above = r.score("above", 0.9);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cascade." + e.getMessage(), e);
    }
    return new Cascade(below, above);
  }
}
