package dev.guardrails4j.testsupport;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small detectors for adapter tests, registered under test-only names so they never clash with the
 * built-in {@code pii} and {@code secrets} detectors: {@code test-pii} reports {@code
 * EMAIL_ADDRESS} and {@code CREDIT_CARD} (16 digits in groups of four), {@code test-secrets}
 * reports {@code API_KEY} ({@code sk-} and at least 16 letters or digits). The adapter is what is
 * under test here, not detection quality. Shared by the LangChain4j and Spring AI adapters' tests.
 */
public final class AdapterTestDetectors {

  private AdapterTestDetectors() {}

  /**
   * The test detectors' factories.
   *
   * @return {@code test-pii} and {@code test-secrets}
   */
  public static List<DetectorFactory> factories() {
    return List.of(
        new PatternFactory("test-pii", Map.of(
            "EMAIL_ADDRESS", Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"),
            "CREDIT_CARD", Pattern.compile("\\b\\d{4}[ -]?\\d{4}[ -]?\\d{4}[ -]?\\d{4}\\b"))),
        new PatternFactory("test-secrets", Map.of(
            "API_KEY", Pattern.compile("\\bsk-[A-Za-z0-9]{16,}"))));
  }

  private record PatternFactory(String name, Map<String, Pattern> patterns) implements DetectorFactory {

    @Override
    public Detector create(Map<String, Object> options) {
      return new Detector() {
        @Override
        public String name() {
          return PatternFactory.this.name;
        }

        @Override
        public Set<String> types() {
          return patterns.keySet();
        }

        @Override
        public List<Finding> detect(String text) {
          List<Finding> out = new ArrayList<>();
          patterns.forEach((type, p) -> {
            Matcher m = p.matcher(text);
            while (m.find()) {
              out.add(Finding.of(PatternFactory.this.name, type, m.start(), m.end(), 1.0));
            }
          });
          out.sort(Comparator.comparingInt(Finding::start));
          return out;
        }
      };
    }
  }
}
