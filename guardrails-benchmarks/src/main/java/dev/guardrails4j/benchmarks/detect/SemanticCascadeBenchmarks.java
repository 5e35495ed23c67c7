package dev.guardrails4j.benchmarks.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.semantic.SemanticInjectionDetectorFactory;
import dev.guardrails4j.semantic.SentenceEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The average cost of {@code semantic-injection} over a labelled prompt set (default {@code
 * ../shared/eval/injection.jsonl}, or {@code -Deval.injection=FILE}), with and without the cascade
 * ({@code below: 0.05, above: 0.9}), the embedding cache cleared before every pass. One operation
 * scans every row once; divide by the row count for the cost per prompt.
 *
 * <pre>{@code
 * taskset -c 0 java -cp ... org.openjdk.jmh.Main SemanticCascadeBenchmarks
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class SemanticCascadeBenchmarks {

  /** {@code full}: the model on every row; {@code cascade}: only where the fast score is unsure. */
  @Param({"full", "cascade"})
  public String mode;

  Detector detector;
  List<String> texts;

  /** Reads the rows and builds the detector. */
  @Setup
  public void setUp() {
    Path file = Path.of(System.getProperty("eval.injection", "../shared/eval/injection.jsonl"));
    ObjectMapper json = new ObjectMapper();
    texts = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          texts.add(json.readTree(line).path("text").asText());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("semantic cascade benchmark: cannot read " + file.toAbsolutePath(), e);
    }
    detector = new SemanticInjectionDetectorFactory().create(mode.equals("cascade")
        ? Map.of("cascade", Map.of("below", 0.05, "above", 0.9)) : Map.of());
  }

  /** A cold cache for every pass. */
  @Setup(Level.Iteration)
  public void clear() {
    SentenceEncoder.shared().clearCache();
  }

  /**
   * Scans every row.
   *
   * @return the number of rows flagged
   */
  @Benchmark
  public int scanAll() {
    int flagged = 0;
    for (String t : texts) {
      flagged += detector.detect(t).isEmpty() ? 0 : 1;
    }
    return flagged;
  }
}
