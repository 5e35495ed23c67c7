package dev.guardrails4j.benchmarks.inputs;

import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.PolicySet;
import java.util.List;
import java.util.Map;

/**
 * The one definition of "default detectors" and "default policy" in the benchmarks: the detectors
 * a typical input policy uses, {@code pii}, {@code secrets}, {@code prompt-injection} and
 * {@code invisible-text}, each with its default options.
 */
public final class DefaultChecks {

  /** The default detectors, in the order a policy lists them. */
  public static final List<String> DETECTORS = List.of("pii", "secrets", "prompt-injection", "invisible-text");

  /**
   * The default policy: every call allowed; personal data redacted, secrets, prompt injection and
   * invisible text blocked in the input.
   */
  public static final String POLICY = """
      version: 1
      defaults: { access: deny }
      policies:
        - id: default-input-checks
          access: allow
          input:
            - { detector: pii, action: redact }
            - { detector: secrets, action: block }
            - { detector: prompt-injection, action: block }
            - { detector: invisible-text, action: block }
      """;

  private DefaultChecks() {}

  /**
   * Creates the default detectors with their default options.
   *
   * @return the detectors, in {@link #DETECTORS} order
   */
  public static List<Detector> detectors() {
    return DETECTORS.stream().map(name -> detector(name, Map.of())).toList();
  }

  /**
   * Creates one built-in detector.
   *
   * @param name the name policies use
   * @param options its options
   * @return the detector
   * @throws IllegalArgumentException if no built-in detector has that name
   */
  public static Detector detector(String name, Map<String, Object> options) {
    return DetectorCatalog.builtIn().find(name)
        .orElseThrow(() -> new IllegalArgumentException("detector: no built-in detector named '" + name + "'"))
        .create(options);
  }

  /**
   * The default policy as a policy set.
   *
   * @return the policy set
   */
  public static PolicySet policySet() {
    return PolicySet.parse(List.of(new PolicyDocument("default-policy.yaml", POLICY)), DetectorCatalog.builtIn());
  }
}
