package dev.guardrails4j.core.detect;

import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.core.detect.injection.PromptInjectionDetectorFactory;
import dev.guardrails4j.core.detect.lists.DenyListDetectorFactory;
import dev.guardrails4j.core.detect.lists.PatternDetectorFactory;
import dev.guardrails4j.core.detect.output.ExfiltrationLinksDetectorFactory;
import dev.guardrails4j.core.detect.output.JsonSchemaDetectorFactory;
import dev.guardrails4j.core.detect.output.OutputLengthDetectorFactory;
import dev.guardrails4j.core.detect.pii.PiiDetectorFactory;
import dev.guardrails4j.core.detect.secrets.SecretsDetectorFactory;
import dev.guardrails4j.core.detect.unicode.InvisibleTextDetectorFactory;
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
