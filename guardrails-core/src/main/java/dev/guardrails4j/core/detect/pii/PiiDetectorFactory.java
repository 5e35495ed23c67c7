package dev.guardrails4j.core.detect.pii;

import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.core.detect.text.OptionReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code pii} detector: structured personal identifiers, reported with the type names
 * Microsoft Presidio uses.
 *
 * <table>
 *   <caption>Types and how they are recognised</caption>
 *   <tr><th>Type</th><th>Recognised by</th><th>Score</th></tr>
 *   <tr><td>{@code EMAIL_ADDRESS}</td><td>local part, {@code @} (or {@code [at]}, {@code (at)}),
 *       a domain with a letter top-level domain ({@code [dot]} accepted)</td><td>0.95</td></tr>
 *   <tr><td>{@code PHONE_NUMBER}</td><td>international {@code +CC} numbers, area codes in
 *       parentheses, dash- and dot-separated groups, and space-separated national formats; short
 *       or ungrouped numbers only next to words such as "phone", "call", "mobile", "fax"</td>
 *       <td>0.6 to 0.9</td></tr>
 *   <tr><td>{@code CREDIT_CARD}</td><td>12 to 19 digits, whole or in evenly separated groups,
 *       Luhn-valid and inside a card scheme's issuer range and length</td><td>1.0</td></tr>
 *   <tr><td>{@code IBAN_CODE}</td><td>a registered country code, that country's length, the
 *       mod-97 check; plain or printed in groups of four</td><td>1.0</td></tr>
 *   <tr><td>{@code US_SSN}</td><td>{@code NNN-NN-NNNN}, or spaced or undelimited next to "SSN"
 *       or "social security"; never area 000, 666 or 900-999, group 00 or serial 0000</td>
 *       <td>0.7, 0.95 with context</td></tr>
 *   <tr><td>{@code IP_ADDRESS}</td><td>IPv4 with every octet 0-255 (not a version like
 *       {@code 1.2.3}), IPv6 full and compressed, with an IPv4 tail or a zone, bracketed; with its
 *       port when one follows</td><td>0.85</td></tr>
 * </table>
 *
 * <p>Values hidden from a pattern but not from a reader are still found: full-width and other
 * compatibility forms, zero-width and other invisible characters inside a value, look-alike
 * letters mixed into a word, digits of other scripts, and dots, spaces or dashes between digit
 * groups. Policy syntax:
 * <pre>{@code
 * - { detector: pii, types: [EMAIL_ADDRESS, CREDIT_CARD], action: redact }
 * - { detector: pii, types: [PHONE_NUMBER], phone-region: [DE, AT, CH], action: redact }
 * }</pre>
 */
public final class PiiDetectorFactory implements DetectorFactory {

  private static final Set<String> OPTIONS = Set.of("types", "phone-region");

  /** Creates the factory. */
  public PiiDetectorFactory() {}

  @Override
  public String name() {
    return PiiDetector.NAME;
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code types}: a list of the types to report (default: all six); {@code phone-region}:
   *     the region code, or list of codes, that national phone numbers (written without a country
   *     code) are validated against (default: US, GB, DE, FR, IN, AU, ES, IT)
   */
  @Override
  public Set<String> options() {
    return OPTIONS;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when {@code types} is not a non-empty list of the six type
   *     names, {@code phone-region} is not a known region code or list of them, or an unknown option
   *     is given
   */
  @Override
  public Detector create(Map<String, Object> options) {
    Objects.requireNonNull(options, "options");
    Set<String> types = OptionReader.of(PiiDetector.NAME, options, OPTIONS).types(PiiDetector.TYPES);
    return new PiiDetector(types, PhoneNumbers.of(regions(options.get("phone-region"))));
  }

  private static List<String> regions(@Nullable Object value) {
    if (value == null) {
      return PhoneNumbers.DEFAULT_REGIONS;
    }
    List<String> regions = new ArrayList<>();
    if (value instanceof String s) {
      regions.add(s);
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      for (Object item : list) {
        if (!(item instanceof String s)) {
          throw new IllegalArgumentException("phone-region: expected region codes such as US, got "
              + OptionReader.describe(item));
        }
        regions.add(s);
      }
    } else {
      throw new IllegalArgumentException("phone-region: expected a region code such as US or a list"
          + " of them, got " + OptionReader.describe(value));
    }
    return regions;
  }
}
