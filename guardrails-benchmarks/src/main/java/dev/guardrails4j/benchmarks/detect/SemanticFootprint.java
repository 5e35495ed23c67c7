package dev.guardrails4j.benchmarks.detect;

import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.benchmarks.inputs.Texts;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.semantic.SemanticInjectionDetectorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The memory the semantic module adds to a process: resident set size (Linux {@code VmRSS}) and
 * used heap after a full collection, before and after creating {@code semantic-injection} (which
 * loads the model) and scanning one 4 KiB text. Not a speed measurement (those are JMH's).
 *
 * <pre>{@code
 * java -cp guardrails-benchmarks/target/classes:$(cat guardrails-benchmarks/target/runtime-classpath.txt) \
 *     dev.guardrails4j.benchmarks.detect.SemanticFootprint
 * }</pre>
 */
public final class SemanticFootprint {

  private SemanticFootprint() {}

  /**
   * Prints the footprint.
   *
   * @param args none
   * @throws IOException when /proc cannot be read
   */
  public static void main(String[] args) throws IOException {
    String text = Texts.generate(4096, Texts.Kind.PROSE, 42);
    Detector fast = DetectorCatalog.builtIn().find("prompt-injection").orElseThrow().create(Map.of());
    fast.detect(text);
    long rss0 = rssKb();
    long heap0 = heapKb();
    long t0 = System.nanoTime();
    Detector semantic = new SemanticInjectionDetectorFactory().create(Map.of());
    long loadMs = (System.nanoTime() - t0) / 1_000_000;
    semantic.detect(text);
    long rss1 = rssKb();
    long heap1 = heapKb();
    System.out.printf(Locale.ROOT, "resident set: %d MB before, %d MB after (+%d MB); heap used after GC: %d MB before,"
        + " %d MB after (+%d MB); creating the detector took %d ms%n", rss0 / 1024, rss1 / 1024, (rss1 - rss0) / 1024,
        heap0 / 1024, heap1 / 1024, (heap1 - heap0) / 1024, loadMs);
  }

  private static long rssKb() throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (l.startsWith("VmRSS:")) {
        return Long.parseLong(l.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static long heapKb() {
    Runtime r = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return (r.totalMemory() - r.freeMemory()) / 1024;
  }
}
