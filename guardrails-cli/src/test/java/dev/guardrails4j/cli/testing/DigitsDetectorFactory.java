package dev.guardrails4j.cli.testing;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test detector found with ServiceLoader that needs no options: {@code digits} reports every run
 * of ASCII digits as {@code DIGITS} with score 0.5, and throws on the text {@code boom}.
 */
public final class DigitsDetectorFactory implements DetectorFactory {

  @Override
  public String name() {
    return "digits";
  }

  @Override
  public Detector create(Map<String, Object> options) {
    return new Detector() {
      @Override
      public String name() {
        return "digits";
      }

      @Override
      public Set<String> types() {
        return Set.of("DIGITS");
      }

      @Override
      public List<Finding> detect(String text) {
        if (text.equals("boom")) {
          throw new IllegalStateException("boom");
        }
        List<Finding> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
          if (text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            int s = i;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
              i++;
            }
            out.add(Finding.of("digits", "DIGITS", s, i, 0.5));
          } else {
            i++;
          }
        }
        return out;
      }
    };
  }
}
