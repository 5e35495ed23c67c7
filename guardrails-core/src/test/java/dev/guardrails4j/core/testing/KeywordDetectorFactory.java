package dev.guardrails4j.core.testing;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A test detector (public so tests in other packages use it): reports every occurrence of a word as type {@code KEYWORD}. */
public final class KeywordDetectorFactory implements DetectorFactory {

  @Override
  public String name() {
    return "keyword";
  }

  @Override
  public Set<String> options() {
    return Set.of("word", "fail");
  }

  @Override
  public Detector create(Map<String, Object> options) {
    Object w = options.get("word");
    if (!(w instanceof String word) || word.isEmpty()) {
      throw new IllegalArgumentException("word: expected a non-empty word, got " + w);
    }
    boolean fail = Boolean.TRUE.equals(options.get("fail"));
    return new Detector() {
      @Override
      public String name() {
        return "keyword";
      }

      @Override
      public Set<String> types() {
        return Set.of("KEYWORD");
      }

      @Override
      public List<Finding> detect(String text) {
        if (fail) {
          throw new IllegalStateException("boom");
        }
        List<Finding> out = new ArrayList<>();
        int i = text.indexOf(word);
        while (i >= 0) {
          out.add(Finding.of("keyword", "KEYWORD", i, i + word.length(), 1.0));
          i = text.indexOf(word, i + word.length());
        }
        return out.isEmpty() ? List.of() : out;
      }
    };
  }
}
