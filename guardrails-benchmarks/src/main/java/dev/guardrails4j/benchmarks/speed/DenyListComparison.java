package dev.guardrails4j.benchmarks.speed;

import dev.guardrails4j.api.Finding;
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
 * A word list of {@code terms} generated terms ({@link Terms}) checked against a prompt with
 * entities ({@link Texts}) that contains none of them, so both sides read the whole prompt:
 * {@code wordList} lower-cases the prompt and calls {@code String.contains} per term, as Spring
 * AI's {@code SafeGuardAdvisor} does ({@link WordListGuard}); {@code denyList} is our
 * {@code deny-list} detector (one Aho-Corasick pass, with case folding, homoglyph and zero-width
 * handling and whole-word checks that the word list does not do).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DenyListComparison {

  /** How many terms. */
  @Param({"100", "10000"})
  public int terms;

  /** The prompt's length. */
  @Param({"4096"})
  public int size;

  WordListGuard wordList;
  Detector denyList;
  String prompt;

  /** Builds both checks and the prompt. */
  @Setup
  public void setUp() {
    List<String> list = Terms.generate(terms, 7);
    wordList = new WordListGuard(list);
    denyList = DefaultChecks.detector("deny-list", Map.of("terms", list));
    prompt = Texts.generate(size, Texts.Kind.ENTITIES, 42);
    if (wordList.blocks(prompt) || !denyList.detect(prompt).isEmpty()) {
      throw new IllegalStateException("the prompt must contain no term, so both sides read all of it");
    }
  }

  /**
   * The word-list loop.
   *
   * @return whether it blocks
   */
  @Benchmark
  public boolean wordList() {
    return wordList.blocks(prompt);
  }

  /**
   * Our detector.
   *
   * @return its findings
   */
  @Benchmark
  public List<Finding> denyList() {
    return denyList.detect(prompt);
  }
}
