package dev.guardrails4j.core.detect.lists;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.core.detect.text.OptionReader;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code pattern} detector: a custom entity type defined in a policy file by a regular
 * expression.
 *
 * <pre>{@code
 * - { detector: pattern, type: EMPLOYEE_ID, pattern: "EMP-[0-9]{6}", action: redact }
 * - { detector: pattern, type: LOYALTY_CARD, pattern: "[0-9]{16}", validator: luhn, score: 0.8,
 *     action: block }
 * }</pre>
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>Option</th><th>Meaning</th></tr>
 *   <tr><td>{@code type}</td><td>required: the finding type, an UPPER_SNAKE_CASE name</td></tr>
 *   <tr><td>{@code pattern}</td><td>required: an RE2 regular expression of at most 1000
 *       characters that cannot match the empty string, whose counted repetitions expand to at most
 *       10,000 instructions (so {@code ((a{1,100}){1,100}){1,100}} is refused). RE2 runs in time
 *       linear in the text and in that program's size, so no pattern can hang a call; it has no
 *       back-references or look-around.</td></tr>
 *   <tr><td>{@code validator}</td><td>{@code none} (default), {@code luhn} (the match's digits
 *       pass the Luhn check) or {@code mod97} (its letters and digits pass ISO 7064 mod 97-10,
 *       as IBANs do)</td></tr>
 *   <tr><td>{@code score}</td><td>the findings' score, 0 to 1, default 0.9</td></tr>
 *   <tr><td>{@code case-sensitive}</td><td>default true</td></tr>
 * </table>
 *
 * <p>The pattern also runs on a folded copy of texts that contain invisible or full-width
 * characters, so {@code EMP-0\u200B12345} still matches {@code EMP-[0-9]{6}}; offsets refer to the
 * original text.
 */
public final class PatternDetectorFactory implements DetectorFactory {

  /** The longest pattern accepted. */
  public static final int MAX_PATTERN_LENGTH = 1000;

  private static final Set<String> OPTIONS =
      Set.of("type", "pattern", "validator", "score", "case-sensitive");
  private static final java.util.regex.Pattern TYPE_NAME =
      java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

  /** Creates the factory. */
  public PatternDetectorFactory() {}

  @Override
  public String name() {
    return PatternDetector.NAME;
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code type}, {@code pattern}, {@code validator}, {@code score}, {@code case-sensitive}
   */
  @Override
  public Set<String> options() {
    return OPTIONS;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when {@code type} or {@code pattern} is missing or invalid,
   *     the pattern is empty, longer than 1000 characters, not valid RE2 syntax or matches the
   *     empty string, {@code validator} is not one of luhn, mod97, none, {@code score} is outside
   *     [0, 1], {@code case-sensitive} is not a boolean, or an unknown option is given
   */
  @Override
  public Detector create(Map<String, Object> options) {
    Objects.requireNonNull(options, "options");
    OptionReader reader = OptionReader.of(PatternDetector.NAME, options, OPTIONS);
    String type = reader.requiredString("type");
    if (!TYPE_NAME.matcher(type).matches()) {
      throw new IllegalArgumentException(
          "type: expected an UPPER_SNAKE_CASE name such as EMPLOYEE_ID, got "
              + OptionReader.describe(type));
    }
    String source = reader.requiredString("pattern");
    if (source.isEmpty()) {
      throw new IllegalArgumentException("pattern: must not be empty");
    }
    if (source.length() > MAX_PATTERN_LENGTH) {
      throw new IllegalArgumentException(
          "pattern: longer than " + MAX_PATTERN_LENGTH + " characters (got " + source.length()
              + "); split it into several pattern checks");
    }
    boolean caseSensitive = reader.bool("case-sensitive", true);
    Pattern pattern;
    try {
      pattern = Pattern.compile(source, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "pattern: not a valid RE2 regular expression (RE2 has no back-references or"
              + " look-around): " + e.getMessage(), e);
    }
    long programSize = ProgramSize.of(source);
    if (programSize > ProgramSize.LIMIT) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "pattern: its counted repetitions expand to about %,d instructions when compiled, more than"
              + " the limit of %,d (a program that large makes every scan slow); nest fewer {n,m}"
              + " repetitions or give them smaller bounds", programSize, ProgramSize.LIMIT));
    }
    if (pattern.matches("")) {
      throw new IllegalArgumentException(
          "pattern: matches the empty string, so it would report empty findings; make it require"
              + " at least one character (for example + instead of *)");
    }
    String validatorName = reader.string("validator", "none");
    // lower case only, as the policy schema says: an editor and the engine accept the same files
    PatternDetector.Validator validator = switch (validatorName) {
      case "none" -> PatternDetector.Validator.NONE;
      case "luhn" -> PatternDetector.Validator.LUHN;
      case "mod97" -> PatternDetector.Validator.MOD97;
      default -> throw new IllegalArgumentException(
          "validator: expected one of luhn, mod97, none, got " + OptionReader.describe(validatorName));
    };
    double score = reader.score("score", 0.9);
    return new PatternDetector(type, pattern, validator, score);
  }
}
