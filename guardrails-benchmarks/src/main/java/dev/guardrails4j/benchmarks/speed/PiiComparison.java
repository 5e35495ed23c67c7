package dev.guardrails4j.benchmarks.speed;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.benchmarks.inputs.DefaultChecks;
import dev.guardrails4j.benchmarks.inputs.Texts;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The six entity types EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD, IBAN_CODE, US_SSN and IP_ADDRESS
 * found in the same prompt with entities ({@link Texts}) by a plain {@code java.util.regex} set
 * with a Luhn check ({@link RegexPii}, {@code regexSet}) and by our {@code pii} detector
 * ({@code pii}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PiiComparison {

  /** The prompt's length. */
  @Param({"4096", "65536"})
  public int size;

  RegexPii regexSet;
  Detector pii;
  String prompt;

  /** Builds both detectors and the prompt. */
  @Setup
  public void setUp() {
    regexSet = new RegexPii();
    pii = DefaultChecks.detector("pii", Map.of());
    prompt = Texts.generate(size, Texts.Kind.ENTITIES, 43);
  }

  /**
   * The regex set.
   *
   * @return its findings
   */
  @Benchmark
  public List<Finding> regexSet() {
    return regexSet.detect(prompt);
  }

  /**
   * Our detector.
   *
   * @return its findings
   */
  @Benchmark
  public List<Finding> pii() {
    return pii.detect(prompt);
  }
}
