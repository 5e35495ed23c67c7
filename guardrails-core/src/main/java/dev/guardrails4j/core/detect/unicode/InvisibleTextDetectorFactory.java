package dev.guardrails4j.core.detect.unicode;

import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.core.detect.text.OptionValidation;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Creates the {@code invisible-text} detector: characters that a reader cannot see but a model
 * reads, used to smuggle instructions or data past people and past other detectors.
 *
 * <p>It reports
 * <ul>
 *   <li>{@code INVISIBLE_TAG_CHARACTERS}: runs of Unicode tag characters (U+E0000..U+E007F), which
 *       spell hidden ASCII; emoji subdivision flags (a black flag, lower-case tag letters, a cancel
 *       tag) are legitimate and not reported;</li>
 *   <li>{@code BIDI_CONTROL}: bidirectional embeddings, overrides and isolates (U+202A..U+202E,
 *       U+2066..U+2069) and the marks U+200E, U+200F, U+061C, which reorder what is displayed
 *       ("Trojan Source"); marks beside right-to-left letters are legitimate and not reported;</li>
 *   <li>{@code ZERO_WIDTH_RUN}: at least {@code min-run} zero-width or otherwise invisible format
 *       characters (U+200B..U+200D, U+2060..U+2064, U+FEFF, soft hyphens, Hangul fillers, ...) that
 *       stand together or are interleaved with at most four visible characters between them; a
 *       single joiner inside an emoji sequence or in Indic/Arabic text, a zero-width space between
 *       Thai or CJK words, a soft hyphen inside a word and a byte-order mark at the start are
 *       legitimate and not counted;</li>
 *   <li>{@code VARIATION_SELECTOR_RUN}: variation selectors (U+FE00..U+FE0F, U+E0100..U+E01EF) used
 *       in bulk to encode bytes: two or more that do not each follow a base character they can
 *       vary.</li>
 * </ul>
 *
 * <p>Options: {@code min-run} (whole number, default 2) and {@code types} (the types to report).
 * The scan is one pass over the UTF-16 text, surrogate-aware, with no allocation when nothing is
 * found. The hidden ASCII of tag characters is decoded only to weigh the score; it is never kept,
 * returned or logged.
 */
public final class InvisibleTextDetectorFactory implements DetectorFactory {

  /** The name policy files use. */
  public static final String NAME = "invisible-text";

  private static final Set<String> OPTIONS = Set.of("min-run", "types");

  /** Creates the factory. */
  public InvisibleTextDetectorFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> options() {
    return OPTIONS;
  }

  /**
   * Creates the detector.
   *
   * @param options {@code min-run} and {@code types}, both optional
   * @return the detector
   * @throws IllegalArgumentException if {@code min-run} is not a whole number from 1 to 1000 or
   *     {@code types} names an unknown type
   */
  @Override
  public Detector create(Map<String, Object> options) {
    Objects.requireNonNull(options, "options");
    OptionValidation.rejectUnknown(options, OPTIONS, NAME);
    int minRun = OptionValidation.wholeNumber(options, "min-run", 2, 1, 1000);
    Set<String> types = OptionValidation.types(options, NAME, InvisibleTextDetector.TYPES);
    return new InvisibleTextDetector(NAME, minRun, types);
  }
}
