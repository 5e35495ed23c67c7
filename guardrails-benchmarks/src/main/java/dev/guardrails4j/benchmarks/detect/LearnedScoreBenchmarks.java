package dev.guardrails4j.benchmarks.detect;

import dev.guardrails4j.core.internal.LinearTextModel;
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
 * The shipped injection model's score on long prose, two ways in one run: {@code onePass} reads
 * and hashes each word once and adds up overlapping windows from per-word sums (what the
 * detector does); {@code windowByWindow} reads and hashes every window on its own, the naive
 * baseline (each character twice at a stride of half a window). Both give the same score.
 *
 * <pre>{@code
 * java -cp guardrails-benchmarks/target/classes:$(cat guardrails-benchmarks/target/runtime-classpath.txt) \
 *     org.openjdk.jmh.Main LearnedScoreBenchmarks
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LearnedScoreBenchmarks {

  /** Text size in characters. */
  @Param({"4096", "65536"})
  public int size;

  LinearTextModel model;
  String text;

  /** Loads the model and builds the text. */
  @Setup
  public void setUp() {
    model = LinearTextModel.fromResource(LinearTextModel.class, "/dev/guardrails4j/injection-model.bin");
    StringBuilder b = new StringBuilder(size + PromptInjectionBenchmarks.PLAIN.length());
    while (b.length() < size) {
      b.append(PromptInjectionBenchmarks.PLAIN);
    }
    b.setLength(size);
    text = b.toString();
    if (model.score(text) != model.scoreWindowByWindow(text)) {
      throw new IllegalStateException("the two ways of scoring disagree");
    }
  }

  /**
   * One pass over the words.
   *
   * @return the score
   */
  @Benchmark
  public double onePass() {
    return model.score(text);
  }

  /**
   * Every window on its own: the baseline.
   *
   * @return the score
   */
  @Benchmark
  public double windowByWindow() {
    return model.scoreWindowByWindow(text);
  }
}
