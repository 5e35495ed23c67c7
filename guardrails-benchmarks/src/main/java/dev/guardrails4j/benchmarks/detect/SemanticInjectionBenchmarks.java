package dev.guardrails4j.benchmarks.detect;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.benchmarks.inputs.Texts;
import dev.guardrails4j.semantic.SemanticInjectionDetectorFactory;
import dev.guardrails4j.semantic.SentenceEncoder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code semantic-injection} detector (guardrails-semantic: quantised all-MiniLM-L6-v2 in ONNX
 * Runtime plus a logistic-regression head) on generated support-ticket prose ({@code Texts}) of
 * 512 B, 4 KiB and 64 KiB (characters), with the embedding cache cold ({@code cached=false}: cleared before every call)
 * and warm ({@code cached=true}: the same text again, as a repeated system prompt or document
 * chunk). 64 KiB is more than the default 64 windows, so it measures the cap.
 *
 * <p>Run from the repository root, pinned to one core as the budgets are stated:
 *
 * <pre>{@code
 * ./mvnw -q -pl guardrails-benchmarks -am package -DskipTests dependency:build-classpath \
 *     -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
 * taskset -c 0 java -cp guardrails-benchmarks/target/classes:$(cat guardrails-benchmarks/target/classpath.txt) \
 *     org.openjdk.jmh.Main SemanticInjectionBenchmarks
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SemanticInjectionBenchmarks {

  /** Prompt size in characters. */
  @Param({"512", "4096", "65536"})
  public int size;

  /** Whether the text's window embeddings are already cached. */
  @Param({"false", "true"})
  public boolean cached;

  Detector detector;
  String text;

  /** Builds the detector (loading the model) and the prompt. */
  @Setup
  public void setUp() {
    detector = new SemanticInjectionDetectorFactory().create(Map.of());
    // generated prose that never repeats a window (a repeated unit would hit the cache inside one call)
    text = Texts.generate(size, Texts.Kind.PROSE, 42);
    detector.detect(text);
  }

  /** Empties the cache before each call when measuring cold calls. */
  @Setup(Level.Invocation)
  public void clear() {
    if (!cached) {
      SentenceEncoder.shared().clearCache();
    }
  }

  /**
   * Scans the prompt.
   *
   * @return the findings
   */
  @Benchmark
  public List<Finding> detect() {
    return detector.detect(text);
  }

  /**
   * Loading the model: the first use of the shared encoder in a fresh JVM (five forks, one shot each).
   */
  @State(Scope.Benchmark)
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  @Fork(5)
  public static class Load {

    /**
     * Loads the model.
     *
     * @return the encoder
     */
    @Benchmark
    public SentenceEncoder load() {
      return SentenceEncoder.shared();
    }
  }
}
