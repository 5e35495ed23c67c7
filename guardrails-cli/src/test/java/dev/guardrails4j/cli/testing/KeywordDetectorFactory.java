package dev.guardrails4j.cli.testing;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test detector found with ServiceLoader: {@code keyword} reports each occurrence of its
 * {@code word} as {@code KEYWORD} (the same contract as core's test detector of that name, so the
 * CLI's fixture policies are valid in core's schema tests too). It needs an option.
 */
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
    if (!(options.get("word") instanceof String word) || word.isEmpty()) {
      throw new IllegalArgumentException("word: expected a non-empty word, got " + options.get("word"));
    }
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
        List<Finding> out = new ArrayList<>();
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length())) {
          out.add(Finding.of("keyword", "KEYWORD", i, i + word.length(), 1.0));
        }
        return out;
      }
    };
  }
}
