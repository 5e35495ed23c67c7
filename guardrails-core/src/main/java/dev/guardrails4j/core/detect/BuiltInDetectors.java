package dev.guardrails4j.core.detect;

import dev.guardrails4j.api.spi.DetectorFactory;
import java.util.List;

/**
 * The factories of every built-in detector, by the name policy files use.
 */
public final class BuiltInDetectors {

  private BuiltInDetectors() {}

  /**
   * Every built-in detector factory, in a stable order.
   *
   * @return the factories
   */
  public static List<DetectorFactory> factories() {
    return List.of(
        // each detector family adds its factory here
        new PiiDetectorFactory(),
        new SecretsDetectorFactory(),
        new PatternDetectorFactory(),
        new InvisibleTextDetectorFactory(),
        new ExfiltrationLinksDetectorFactory(),
        new OutputLengthDetectorFactory(),
        new JsonSchemaDetectorFactory(),
        new PromptInjectionDetectorFactory(),
        new DenyListDetectorFactory()
    );
  }
}
