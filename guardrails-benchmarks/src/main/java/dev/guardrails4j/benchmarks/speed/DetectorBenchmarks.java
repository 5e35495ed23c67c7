package dev.guardrails4j.benchmarks.speed;

import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.benchmarks.inputs.DefaultChecks;
import dev.guardrails4j.benchmarks.inputs.Terms;
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
 * One built-in detector, or the default set ({@link DefaultChecks#DETECTORS}, run one after the
 * other as the engine does), over generated text ({@link Texts}) of {@code size} characters
 * (ASCII, so also bytes), with or without entities. Four different texts of each size are taken in
 * turn so that no branch history is learnt from a single input. The {@code deny-list} detector has
 * 100 generated terms ({@link Terms}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DetectorBenchmarks {

  static final int TEXTS = 4;

  /**
   * The detector's name, or {@code default} for the default set; {@code prompt-injection-rules} is
   * {@code prompt-injection} without its learned signal ({@code model: false}), to show its cost.
   */
  @Param({"default", "pii", "secrets", "prompt-injection", "prompt-injection-rules", "invisible-text",
      "exfiltration-links", "deny-list"})
  public String detector;

  /** The text's length. */
  @Param({"1024", "4096", "65536", "1048576"})
  public int size;

  /** What the text contains: {@code ENTITIES} or {@code PROSE}. */
  @Param({"ENTITIES", "PROSE"})
  public String text;

  Detector[] detectors;
  String[] texts;

  /** Creates the detectors and the texts. */
  @Setup
  public void setUp() {
    List<Detector> list = switch (detector) {
      case "default" -> DefaultChecks.detectors();
      case "deny-list" -> List.of(DefaultChecks.detector("deny-list", Map.of("terms", Terms.generate(100, 7))));
      case "prompt-injection-rules" -> List.of(DefaultChecks.detector("prompt-injection", Map.of("model", false)));
      default -> List.of(DefaultChecks.detector(detector, Map.of()));
    };
    detectors = list.toArray(Detector[]::new);
    texts = new String[TEXTS];
    for (int i = 0; i < TEXTS; i++) {
      texts[i] = Texts.generate(size, Texts.Kind.valueOf(text), 1_000L * size + i);
    }
  }

  /** Which text is next, per thread. */
  @State(Scope.Thread)
  public static class Turn {
    int next;

    int take() {
      int i = next;
      next = (i + 1) % TEXTS;
      return i;
    }
  }

  /**
   * Runs the detectors over the next text.
   *
   * @param turn the text's turn
   * @return how many findings
   */
  @Benchmark
  public int scan(Turn turn) {
    String t = texts[turn.take()];
    int findings = 0;
    for (Detector d : detectors) {
      findings += d.detect(t).size();
    }
    return findings;
  }
}
