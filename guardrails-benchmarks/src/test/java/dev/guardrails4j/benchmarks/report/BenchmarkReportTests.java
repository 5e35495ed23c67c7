package dev.guardrails4j.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.benchmarks.report.BenchmarkReport.Environment;
import dev.guardrails4j.benchmarks.report.BenchmarkReport.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class BenchmarkReportTests {

  private static final Environment ENV = new Environment("Test CPU @ 2.0GHz", 2, "0.10 0.20 0.30",
      "0.40 0.50 0.60", "OpenJDK 17", "abc123", "2025-11-25 22:00 UTC", "1 fork");

  private static String fixture(String name) throws IOException {
    try (InputStream in = Objects.requireNonNull(BenchmarkReportTests.class.getResourceAsStream("/report/" + name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<Result> results() throws IOException {
    return BenchmarkReport.parse(fixture("jmh-results.json"));
  }

  private static String report() throws IOException {
    return BenchmarkReport.generate(results(), Map.of(), ENV);
  }

  private static String line(String report, String start) {
    return report.lines().filter(l -> l.startsWith(start)).findFirst()
        .orElseThrow(() -> new AssertionError("no line starting with " + start));
  }

  @Test
  void readsMedianP99AndAllocationInNanosecondsFromJmhJson() throws IOException {
    Result cel = results().stream().filter(r -> r.benchmark().equals("AccessBenchmarks.cel")).findFirst().orElseThrow();
    assertThat(cel.params()).containsEntry("policies", "1000");
    assertThat(cel.score()).isEqualTo(3_600_000.0);
    assertThat(cel.p50()).isEqualTo(3_500_000.0);
    assertThat(cel.p99()).isEqualTo(5_000_000.0);
    assertThat(cel.allocBytes()).isEqualTo(50_000.0);
  }

  @Test
  void keepsThroughputAndThreadsOfThroughputRuns() throws IOException {
    assertThat(results()).filteredOn(r -> r.mode().equals("thrpt")).extracting(Result::threads, Result::score)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1_000_000.0),
            org.assertj.core.groups.Tuple.tuple(2, 1_500_000.0));
  }

  @Test
  void marksABudgetMetWhenTheMedianIsUnderIt() throws IOException {
    assertThat(line(report(), "| Access decision among 1,000 policies"))
        .contains("median 800 ns, p99 2.40 µs; index lookup alone 450 ns").endsWith("| met |");
  }

  @Test
  void saysPlainlyWhenABudgetIsMissed() throws IOException {
    String report = report();
    assertThat(line(report, "| Default detectors on a 4 KiB prompt")).contains("median 35.00 µs")
        .contains("slowest alone: prompt-injection, 18.00 µs").contains("the four alone add up to 24.00 µs")
        .endsWith("| **missed** |");
    assertThat(report).contains("**Missed in this run: default detectors on a 4 kib prompt with entities");
  }

  @Test
  void takesTheStreamingCostPerChunkFromTheOneAndManyChunkRuns() throws IOException {
    // ((307 - 50) - (3 - 1)) µs / 255 chunks = 1.00 µs: not under the 1 µs budget
    assertThat(line(report(), "| Streaming output checks per chunk")).contains("added per chunk 1.00 µs")
        .endsWith("| **missed** |");
  }

  @Test
  void takesTheGuardedCallOverheadFromTheMedians() throws IOException {
    String report = report();
    assertThat(line(report, "| Guarded-call overhead")).contains("guarded − bare median 7.00 µs").endsWith("| met |");
    assertThat(line(report, "| default | 50 ns |")).contains("| 7.05 µs | 7.00 µs | 8.00 ± 0.30 µs |");
  }

  @Test
  void dividesStreamingOverheadIntoFixedAndPerChunkParts() throws IOException {
    assertThat(line(report(), "| none |")).isEqualTo("| none | 2.00 µs | 100 ns |");
  }

  @Test
  void givesTheCostOfLimitsWithOneAndWithManyUsers() throws IOException {
    String report = report();
    assertThat(line(report, "| 1 | 300 ± 10 ns |")).isEqualTo("| 1 | 300 ± 10 ns | 200 | 500 ± 128 ns |");
    assertThat(line(report, "| 100,000 |")).isEqualTo("| 100,000 | 900 ± 50 ns | 260 | 1.50 ± 0.22 µs |");
  }

  @Test
  void putsTheRedisLimiterBesideBucket4jAndTheInMemoryLimiter() throws IOException {
    String report = report();
    assertThat(line(report, "| Shared limit check on a local Redis")).contains("median 80.00 µs, p99 250.00 µs")
        .endsWith("| met |");
    assertThat(line(report, "| RedisLimiter, one request rate |"))
        .isEqualTo("| RedisLimiter, one request rate | 1 | 80.00 µs | 250.00 µs | 95.00 ± 5.00 µs |");
    assertThat(line(report, "| Bucket4j Lettuce")).contains("| 150.00 µs | 420.00 µs |");
    assertThat(line(report, "| in-memory limiter, the same three rules |")).contains("| 600 ns | 1.50 µs |");
  }

  @Test
  void comparesScalingWithOneThread() throws IOException {
    String report = report();
    assertThat(line(report, "| Near-linear scaling")).contains("1.50× on 2 threads (75% per thread)").endsWith("| met |");
    assertThat(line(report, "| 2 |")).isEqualTo("| 2 | 1,500,000 ± 30,000 | 1.50× | 75% |");
  }

  @Test
  void reportsRatiosOfTheAlternativeOverOursWithTheirError() throws IOException {
    String report = report();
    assertThat(line(report, "| 10,000 | 4 KiB |")).endsWith("| 400× ± 28 |");
    assertThat(line(report, "| 1,000 | 3.60 ± 0.36 ms |")).endsWith("| 4000× ± 458 |");
  }

  @Test
  void leavesARatioOpenWhenOneSideWasNotMeasured() throws IOException {
    assertThat(line(report(), "| 4 KiB | 500.00 ± 10.00 µs |")).endsWith("| — | — |");
  }

  @Test
  void givesDetectorThroughputInMegabytesPerSecond() throws IOException {
    assertThat(line(report(), "| pii | ENTITIES | 1 MiB |")).contains("| 210 |");
  }

  @Test
  void saysWhatWasNotMeasured() {
    String report = BenchmarkReport.generate(List.of(), Map.of(), ENV);
    assertThat(line(report, "| Access decision among 1,000 policies")).contains("not measured in this run");
    assertThat(line(report, "| Near-linear scaling")).contains("not measured in this run");
    assertThat(report).contains("Every budget measured in this run is met.");
  }

  @Test
  void namesTheMachineAndTheRun() throws IOException {
    String report = report();
    assertThat(report).contains("| CPU | Test CPU @ 2.0GHz |", "| Load average before / after | 0.10 0.20 0.30 / 0.40 0.50 0.60 |",
        "| Commit | `abc123` |", "| JDK | OpenJDK 17 |");
  }

  @Test
  void summarisesTheTopRunnableFramesOfAStackProfile() throws IOException {
    String stack = fixture("stack.txt");
    assertThat(BenchmarkReport.topFrames(stack, 2)).containsExactly(
        "30.0%  60.0% dev.guardrails4j.core.policy.Glob.general", "10.0%  20.0% java.util.Arrays.fill");
    assertThat(BenchmarkReport.generate(results(), Map.of("access", stack), ENV))
        .contains("`access`:\n\n```\n30.0%  60.0% dev.guardrails4j.core.policy.Glob.general\n");
  }

  @Test
  void rejectsTextThatIsNotJmhJson() {
    assertThatThrownBy(() -> BenchmarkReport.parse("{\"benchmark\": 1}")).isInstanceOf(IllegalArgumentException.class);
  }
}
