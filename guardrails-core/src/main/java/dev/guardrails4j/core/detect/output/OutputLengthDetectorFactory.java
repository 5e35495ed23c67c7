package dev.guardrails4j.core.detect.output;

import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.core.detect.text.OptionValidation;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Creates the {@code output-length} detector: it reports one {@code LENGTH_EXCEEDED} finding when
 * a text is longer than {@code max-chars} UTF-16 units or than {@code max-tokens} estimated
 * tokens. The finding spans from the first character past the limit to the end of the text, so
 * a {@code redact} action truncates. It works on prompts as well as answers.
 *
 * <p>Tokens are estimated without a tokenizer, in one pass, to approximate the byte-pair
 * encodings of current chat models (for example {@code cl100k}): a run of ASCII letters counts one
 * token per started 8 letters, a run of digits one per started 3 digits, a run of ASCII
 * punctuation one per started 2 characters, a run of two or more whitespace characters one token
 * (a single space belongs to the next word), a run of other characters below U+0800 (accented
 * Latin, Greek, Cyrillic, Hebrew, Arabic) one per started 2 characters, any other BMP character
 * (CJK, Indic, symbols) one token, and a supplementary character (emoji) two tokens. The estimate
 * never exceeds the number of UTF-16 units, which lets short texts skip the count entirely. It is
 * an estimate: it is usually within 25% of a real tokenizer on English prose and code, and it
 * over-counts long English words.
 *
 * <p>Options: {@code max-chars} and {@code max-tokens}, whole numbers of at least 1; at least one
 * is required.
 */
public final class OutputLengthDetectorFactory implements DetectorFactory {

  /** The name policy files use. */
  public static final String NAME = "output-length";

  private static final Set<String> OPTIONS = Set.of("max-chars", "max-tokens");

  /** Creates the factory. */
  public OutputLengthDetectorFactory() {}

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
   * @param options {@code max-chars} and/or {@code max-tokens}
   * @return the detector
   * @throws IllegalArgumentException if neither limit is set or a limit is not a whole number of
   *     at least 1
   */
  @Override
  public Detector create(Map<String, Object> options) {
    Objects.requireNonNull(options, "options");
    OptionValidation.rejectUnknown(options, OPTIONS, NAME);
    int maxChars = OptionValidation.wholeNumber(options, "max-chars", 0, 1, Integer.MAX_VALUE);
    int maxTokens = OptionValidation.wholeNumber(options, "max-tokens", 0, 1, Integer.MAX_VALUE);
    if (maxChars == 0 && maxTokens == 0) {
      throw new IllegalArgumentException(
          "max-chars: set max-chars and/or max-tokens for detector " + NAME);
    }
    return new OutputLengthDetector(NAME, maxChars, maxTokens);
  }
}
