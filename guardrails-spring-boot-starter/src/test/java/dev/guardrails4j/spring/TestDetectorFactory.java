package dev.guardrails4j.spring;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test detectors found through ServiceLoader, under test-only names so they never clash with the
 * built-in ones: {@code test-pii} reports {@code EMAIL_ADDRESS}, {@code test-secrets} reports
 * {@code API_KEY} ({@code sk-} and at least 16 letters or digits). The starter is under test here,
 * not detection quality.
 */
public abstract class TestDetectorFactory implements DetectorFactory {

  /** How often a {@code test-pii} detector ran, to show that content is not checked twice. */
  static final java.util.concurrent.atomic.AtomicInteger PII_RUNS = new java.util.concurrent.atomic.AtomicInteger();

  private final String name;
  private final String type;
  private final Pattern pattern;

  TestDetectorFactory(String name, String type, String regex) {
    this.name = name;
    this.type = type;
    this.pattern = Pattern.compile(regex);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Detector create(Map<String, Object> options) {
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
        if (name.equals("test-pii")) {
          PII_RUNS.incrementAndGet();
        }
        List<Finding> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
          out.add(Finding.of(name, type, m.start(), m.end(), 1.0));
        }
        return out;
      }
    };
  }

  /** {@code test-pii}: e-mail addresses. */
  public static final class Pii extends TestDetectorFactory {
    /** ServiceLoader constructor. */
    public Pii() {
      super("test-pii", "EMAIL_ADDRESS", "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    }
  }

  /** {@code test-secrets}: API keys. */
  public static final class Secrets extends TestDetectorFactory {
    /** ServiceLoader constructor. */
    public Secrets() {
      super("test-secrets", "API_KEY", "\\bsk-[A-Za-z0-9]{16,}");
    }
  }
}
