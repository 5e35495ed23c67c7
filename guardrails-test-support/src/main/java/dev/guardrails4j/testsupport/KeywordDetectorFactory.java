package dev.guardrails4j.testsupport;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A test detector, by default {@code keyword}: reports every occurrence of its {@code word} option
 * as type {@code KEYWORD}; with {@code first: true} only the first (as a detector that needs
 * context would); with {@code fail: true} it throws instead. Lives in the build-internal
 * {@code guardrails-test-support} module so that tests in every module use this one copy: core's
 * tests through {@code Fixtures}, the CLI's tests find it with ServiceLoader, the test kit's tests
 * create it under the name {@code word}.
 */
public final class KeywordDetectorFactory implements DetectorFactory {

  private final String name;
  private final String type;

  /** The {@code keyword} detector, reporting {@code KEYWORD}; the constructor ServiceLoader uses. */
  public KeywordDetectorFactory() {
    this("keyword", "KEYWORD");
  }

  /**
   * The same detector under another name.
   *
   * @param name the detector name policies use
   * @param type the finding type it reports
   */
  public KeywordDetectorFactory(String name, String type) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> options() {
    return Set.of("word", "fail", "first");
  }

  @Override
  public Detector create(Map<String, Object> options) {
    Object w = options.get("word");
    if (!(w instanceof String word) || word.isEmpty()) {
      throw new IllegalArgumentException("word: expected a non-empty word, got " + w);
    }
    boolean fail = Boolean.TRUE.equals(options.get("fail"));
    boolean first = Boolean.TRUE.equals(options.get("first"));
    return new Detector() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Set<String> types() {
        return Set.of(type);
      }

      @Override
      public List<Finding> detect(String text) {
        if (fail) {
          throw new IllegalStateException("boom");
        }
        List<Finding> out = new ArrayList<>();
        int i = text.indexOf(word);
        while (i >= 0) {
          out.add(Finding.of(name, type, i, i + word.length(), 1.0));
          i = first ? -1 : text.indexOf(word, i + word.length());
        }
        return out.isEmpty() ? List.of() : out;
      }
    };
  }
}
