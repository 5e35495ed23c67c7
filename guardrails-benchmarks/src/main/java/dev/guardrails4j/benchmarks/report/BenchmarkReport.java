package dev.guardrails4j.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns the JSON results of JMH runs ({@code -rf json}) into {@code docs/benchmarks.md}: the
 * machine, one table per area with medians, 99th percentiles, means with their error and
 * allocation per operation, the ratios of the side-by-side comparisons, and the budget check.
 *
 * <p>Usage: {@code BenchmarkReport --results DIR --out FILE [--cpu TEXT] [--cores N]
 * [--load-before TEXT] [--load-after TEXT] [--jdk TEXT] [--commit SHA] [--date TEXT]
 * [--settings TEXT]}. Every {@code *.json} file in {@code DIR} is read; every
 * {@code stack-NAME.txt} file there (the output of a run with {@code -prof stack}) is summarised.
 */
public final class BenchmarkReport {

  /** Access decision among 1,000 policies, median, in nanoseconds. */
  static final double ACCESS_BUDGET_NS = 1_000;
  /** Default detectors over 4 KiB, median, in nanoseconds. */
  static final double DETECTORS_BUDGET_NS = 30_000;
  /** Guarded minus bare call, median, in nanoseconds. */
  static final double OVERHEAD_BUDGET_NS = 10_000;
  /** A shared limit check on a local Redis: 200 µs. */
  static final double REDIS_BUDGET_NS = 200_000;

  /** Streaming output checks: added time per 8-character chunk with one output check. */
  static final double STREAM_CHUNK_BUDGET_NS = 1_000;
  /** Least speed-up per thread that counts as near-linear scaling. */
  static final double SCALING_EFFICIENCY = 0.75;

  /** The default detectors, as {@code DefaultChecks} defines them. */
  private static final List<String> DEFAULT_SET = List.of("pii", "secrets", "prompt-injection", "invisible-text");
  private static final List<String> DETECTOR_ORDER = List.of("default", "pii", "secrets", "prompt-injection",
      "invisible-text", "exfiltration-links", "deny-list");

  /**
   * One JMH result.
   *
   * @param benchmark class and method, without the package ({@code AccessBenchmarks.decision})
   * @param mode JMH's mode ({@code sample}, {@code avgt}, {@code thrpt})
   * @param threads threads
   * @param params the parameters
   * @param score the mean (time modes, in nanoseconds per operation) or throughput (operations
   *     per second)
   * @param error the 99.9% confidence half-width of the score, NaN if unknown
   * @param p50 the median in nanoseconds (sample mode), else NaN
   * @param p99 the 99th percentile in nanoseconds (sample mode), else NaN
   * @param allocBytes bytes allocated per operation ({@code -prof gc}), else NaN
   */
  public record Result(String benchmark, String mode, int threads, Map<String, String> params, double score,
      double error, double p50, double p99, double allocBytes) {
    /** Copies. */
    public Result {
      Objects.requireNonNull(benchmark, "benchmark");
      Objects.requireNonNull(mode, "mode");
      params = Map.copyOf(params);
    }

    boolean has(Map<String, String> wanted) {
      for (Map.Entry<String, String> e : wanted.entrySet()) {
        if (!e.getValue().equals(params.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }

    String param(String name) {
      return params.getOrDefault(name, "");
    }
  }

  /**
   * Where and how the results were measured.
   *
   * @param cpu the CPU model
   * @param cores the number of cores
   * @param loadBefore load average before the run
   * @param loadAfter load average after the run
   * @param jdk the JDK
   * @param commit the commit measured
   * @param date the date of the run
   * @param settings the JMH settings used
   */
  public record Environment(String cpu, int cores, String loadBefore, String loadAfter, String jdk, String commit,
      String date, String settings) {}

  private BenchmarkReport() {}

  /**
   * Reads every {@code *.json} file of a directory and the stack profiles next to them, and
   * writes the report.
   *
   * @param args see the class comment
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + ": expected --NAME VALUE pairs, for example --results DIR");
      }
      a.put(args[i].substring(2), args[++i]);
    }
    Path dir = Path.of(require(a, "results"));
    Path out = Path.of(require(a, "out"));
    List<Result> results = new ArrayList<>();
    Map<String, String> profiles = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".json")) {
          results.addAll(parse(Files.readString(f, StandardCharsets.UTF_8)));
        } else if (name.startsWith("stack-") && name.endsWith(".txt")) {
          profiles.put(name.substring(6, name.length() - 4), Files.readString(f, StandardCharsets.UTF_8));
        }
      }
    }
    Environment env = new Environment(a.getOrDefault("cpu", "unknown"),
        Integer.parseInt(a.getOrDefault("cores", Integer.toString(Runtime.getRuntime().availableProcessors()))),
        a.getOrDefault("load-before", "unknown"), a.getOrDefault("load-after", "unknown"),
        a.getOrDefault("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")),
        a.getOrDefault("commit", "unknown"), a.getOrDefault("date", "unknown"), a.getOrDefault("settings", "unknown"));
    Path target = out.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Files.writeString(target, generate(results, profiles, env), StandardCharsets.UTF_8);
    System.out.println("Wrote " + target + " from " + results.size() + " results");
  }

  private static String require(Map<String, String> args, String name) {
    String v = args.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }

  /**
   * Parses JMH's JSON output.
   *
   * @param json the content of a {@code -rf json} file
   * @return the results, in file order
   * @throws IllegalArgumentException if the text is not JMH's JSON
   */
  public static List<Result> parse(String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException("expected JMH's JSON result array");
    }
    List<Result> out = new ArrayList<>();
    for (JsonNode n : root) {
      String full = n.path("benchmark").asText();
      int dot = full.lastIndexOf('.', full.lastIndexOf('.') - 1);
      String name = dot < 0 ? full : full.substring(dot + 1);
      Map<String, String> params = new LinkedHashMap<>();
      n.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
      JsonNode pm = n.path("primaryMetric");
      String unit = pm.path("scoreUnit").asText();
      double f = toNanos(unit);
      JsonNode pct = pm.path("scorePercentiles");
      boolean sample = "sample".equals(n.path("mode").asText());
      JsonNode alloc = n.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
      out.add(new Result(name, n.path("mode").asText(), n.path("threads").asInt(1), params,
          pm.path("score").asDouble() * f, number(pm.path("scoreError")) * f,
          sample ? number(pct.path("50.0")) * f : Double.NaN, sample ? number(pct.path("99.0")) * f : Double.NaN,
          number(alloc)));
    }
    return out;
  }

  private static double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : n.isTextual() ? parseOrNaN(n.asText()) : Double.NaN;
  }

  private static double parseOrNaN(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The factor from a JMH unit to nanoseconds (time per op), or 1 for throughput units. */
  private static double toNanos(String unit) {
    if (!unit.endsWith("/op")) {
      return 1;
    }
    return switch (unit.substring(0, unit.length() - 3)) {
      case "ns" -> 1;
      case "us" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      default -> throw new IllegalArgumentException("unknown JMH unit " + unit);
    };
  }

  /**
   * Writes the report.
   *
   * @param results every result of the run
   * @param profiles stack profiler output by benchmark name, may be empty
   * @param env the machine and run
   * @return Markdown
   */
  public static String generate(List<Result> results, Map<String, String> profiles, Environment env) {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n");
    md.append("Measured with JMH by `guardrails-benchmarks/run.sh`, which rebuilds this file. The run is short "
        + "(see the settings below), so errors are wide; the error column is JMH's 99.9% confidence half-width. "
        + "Ratios compare means measured in the same run. Rerun on a quiet machine before quoting a number.\n\n");
    md.append("## Machine and run\n\n| | |\n| --- | --- |\n");
    md.append("| CPU | ").append(cell(env.cpu())).append(" |\n");
    md.append("| Cores | ").append(env.cores()).append(" |\n");
    md.append("| Load average before / after | ").append(cell(env.loadBefore())).append(" / ")
        .append(cell(env.loadAfter())).append(" |\n");
    md.append("| JDK | ").append(cell(env.jdk())).append(" |\n");
    md.append("| Commit | `").append(cell(env.commit())).append("` |\n");
    md.append("| Date | ").append(cell(env.date())).append(" |\n");
    md.append("| JMH settings | ").append(cell(env.settings())).append(" |\n\n");
    budgets(md, results);
    profiles(md, profiles);
    access(md, results);
    detectors(md, results);
    sideBySide(md, results);
    guardedCall(md, results);
    limits(md, results);
    redisLimits(md, results);
    scaling(md, results);
    definitions(md);
    return md.toString();
  }

  // ---- budgets ---------------------------------------------------------------------------------

  private static void budgets(StringBuilder md, List<Result> results) {
    md.append("## Budgets\n\n| Budget | Target | Measured | Verdict |\n| --- | --- | --- | --- |\n");
    List<String> missed = new ArrayList<>();
    Optional<Result> access = find(results, "AccessBenchmarks.decision", "sample", 1, Map.of("policies", "1000"));
    Optional<Result> index = find(results, "AccessBenchmarks.select", "sample", 1, Map.of("policies", "1000"));
    budgetRow(md, missed, "Access decision among 1,000 policies", "< 1 µs median", access.map(Result::p50),
        ACCESS_BUDGET_NS, access.map(r -> "median " + time(r.p50()) + ", p99 " + time(r.p99())
            + index.map(i -> "; index lookup alone " + time(i.p50())).orElse("")).orElse(""));
    Optional<Result> det = find(results, "DetectorBenchmarks.scan", "sample", 1,
        Map.of("detector", "default", "size", "4096", "text", "ENTITIES"));
    Optional<Result> slowest = results.stream()
        .filter(r -> r.benchmark().equals("DetectorBenchmarks.scan") && r.mode().equals("sample")
            && DEFAULT_SET.contains(r.param("detector")) && r.has(Map.of("size", "4096", "text", "ENTITIES")))
        .max(Comparator.comparingDouble(Result::p50));
    List<Result> alone = results.stream()
        .filter(r -> r.benchmark().equals("DetectorBenchmarks.scan") && r.mode().equals("sample")
            && DEFAULT_SET.contains(r.param("detector")) && r.has(Map.of("size", "4096", "text", "ENTITIES")))
        .toList();
    String sum = alone.size() == DEFAULT_SET.size()
        ? "; the four alone add up to " + time(alone.stream().mapToDouble(Result::p50).sum()) : "";
    budgetRow(md, missed, "Default detectors on a 4 KiB prompt with entities (learned scorer included)", "< 30 µs median",
        det.map(Result::p50), DETECTORS_BUDGET_NS,
        det.map(r -> "median " + time(r.p50()) + ", p99 " + time(r.p99())
            + slowest.map(x -> "; slowest alone: " + x.param("detector") + ", " + time(x.p50())).orElse("") + sum)
            .orElse(""));
    Optional<Double> overhead = overheadMedian(results, "default");
    budgetRow(md, missed, "Guarded-call overhead (1 KiB prompt, default policy)", "< 10 µs median", overhead,
        OVERHEAD_BUDGET_NS, overhead.map(o -> "guarded − bare median " + time(o)).orElse(""));
    Optional<Double> oneChunk = streamOverhead(results, "email", "1");
    Optional<Double> manyChunks = streamOverhead(results, "email", "256");
    Optional<Double> perChunk = oneChunk.isPresent() && manyChunks.isPresent()
        ? Optional.of((manyChunks.get() - oneChunk.get()) / 255) : Optional.empty();
    budgetRow(md, missed, "Streaming output checks per chunk (8-character chunks, one output check)", "< 1 µs mean",
        perChunk, STREAM_CHUNK_BUDGET_NS, perChunk.map(c -> "added per chunk " + time(c)).orElse(""));
    Optional<Result> redisRate = find(results, "RedisLimitBenchmarks.redisRate", "sample", 1, Map.of());
    budgetRow(md, missed, "Shared limit check on a local Redis (one rule, one round trip)", "< 200 µs median",
        redisRate.map(Result::p50), REDIS_BUDGET_NS,
        redisRate.map(r -> "median " + time(r.p50()) + ", p99 " + time(r.p99())).orElse(""));
    Optional<double[]> scale = scalingFigures(results);
    if (scale.isEmpty()) {
      md.append("| Near-linear scaling | speed-up ≥ 75% of the thread count | not measured in this run | — |\n");
    } else {
      double[] s = scale.get();
      boolean met = s[1] >= SCALING_EFFICIENCY;
      md.append("| Near-linear scaling (access decisions, 1,000 policies) | speed-up ≥ 75% of the thread count | ")
          .append(String.format(Locale.ROOT, "%.2f× on %d threads (%.0f%% per thread)", s[0], (int) s[2], s[1] * 100))
          .append(" | ").append(met ? "met" : "**missed**").append(" |\n");
      if (!met) {
        missed.add("near-linear scaling");
      }
    }
    md.append('\n');
    if (missed.isEmpty()) {
      md.append("Every budget measured in this run is met.\n\n");
    } else {
      md.append("**Missed in this run: ").append(String.join("; ", missed)).append(".** ")
          .append("On a shared or loaded machine the medians include time the thread spent descheduled; "
              + "compare the load average above, and see the profiles below where the run took them.\n\n");
    }
  }

  private static void budgetRow(StringBuilder md, List<String> missed, String name, String target,
      Optional<Double> value, double limit, String measured) {
    md.append("| ").append(name).append(" | ").append(target).append(" | ");
    if (value.isEmpty() || value.get().isNaN()) {
      md.append("not measured in this run | — |\n");
      return;
    }
    boolean met = value.get() < limit;
    md.append(measured).append(" | ").append(met ? "met" : "**missed**").append(" |\n");
    if (!met) {
      missed.add(name.toLowerCase(Locale.ROOT) + " (" + measured + ", budget " + target + ")");
    }
  }

  private static Optional<Double> overheadMedian(List<Result> results, String policy) {
    Optional<Result> bare = find(results, "ChatModelBenchmarks.bare", "sample", 1, Map.of("policy", policy));
    Optional<Result> guarded = find(results, "ChatModelBenchmarks.guarded", "sample", 1, Map.of("policy", policy));
    if (bare.isEmpty() || guarded.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(guarded.get().p50() - bare.get().p50());
  }

  /** Speed-up, efficiency and thread count at the most threads, against one thread. */
  private static Optional<double[]> scalingFigures(List<Result> results) {
    List<Result> runs = scalingRuns(results);
    if (runs.size() < 2 || runs.get(0).threads() != 1) {
      return Optional.empty();
    }
    Result one = runs.get(0);
    Result most = runs.get(runs.size() - 1);
    double speedUp = most.score() / one.score();
    return Optional.of(new double[] {speedUp, speedUp / most.threads(), most.threads()});
  }

  private static List<Result> scalingRuns(List<Result> results) {
    return results.stream().filter(r -> r.benchmark().equals("AccessBenchmarks.decision") && r.mode().equals("thrpt"))
        .sorted(Comparator.comparingInt(Result::threads)).toList();
  }

  private static void profiles(StringBuilder md, Map<String, String> profiles) {
    if (profiles.isEmpty()) {
      return;
    }
    md.append("## Where the time goes\n\nTop frames of JMH's stack profiler (`-prof stack`), runnable threads only:\n\n");
    for (Map.Entry<String, String> e : profiles.entrySet()) {
      md.append("`").append(e.getKey()).append("`:\n\n```\n");
      for (String line : topFrames(e.getValue(), 8)) {
        md.append(line).append('\n');
      }
      md.append("```\n\n");
    }
  }

  /**
   * The first frames listed under the runnable thread state of a stack profile.
   *
   * @param output the profiler's text output
   * @param max how many frames
   * @return lines such as {@code 42.0%  42.0% dev.example.Foo.bar}
   */
  static List<String> topFrames(String output, int max) {
    List<String> out = new ArrayList<>();
    boolean inRunnable = false;
    for (String line : output.split("\n", -1)) {
      if (line.contains("[Thread state: RUNNABLE]")) {
        inRunnable = true;
        continue;
      }
      if (inRunnable) {
        String t = line.strip();
        if (t.matches("\\d+(\\.\\d+)?%.*")) {
          if (t.contains("<stack is empty")) {
            continue; // JMH's own threads, parked with no frame left after filtering
          }
          out.add(t);
          if (out.size() == max) {
            break;
          }
        } else if (!out.isEmpty()) {
          break;
        }
      }
    }
    return out;
  }

  // ---- sections --------------------------------------------------------------------------------

  private static void access(StringBuilder md, List<Result> results) {
    md.append("## Access decisions\n\n");
    md.append("Generated policy sets with mixed selectors and realistic globs; 256 generated invocations taken "
        + "in turn. *Decision* is the engine's whole access phase (`Guardrails.startChecks`: index lookup, "
        + "matching, the `Decision` value); *index only* is `PolicySet.select`.\n\n");
    md.append("| Policies | Decision median | p99 | Mean ± error | Alloc B/op | Index only median | Index alloc B/op |\n");
    md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    List<String> sizes = paramValues(results, "AccessBenchmarks.decision", "policies");
    if (sizes.isEmpty()) {
      md.append("| not measured in this run | | | | | | |\n");
    }
    for (String n : sizes) {
      Optional<Result> d = find(results, "AccessBenchmarks.decision", "sample", 1, Map.of("policies", n));
      Optional<Result> s = find(results, "AccessBenchmarks.select", "sample", 1, Map.of("policies", n));
      md.append("| ").append(group(n)).append(" | ").append(d.map(r -> time(r.p50())).orElse("—")).append(" | ")
          .append(d.map(r -> time(r.p99())).orElse("—")).append(" | ")
          .append(d.map(r -> timeWithError(r.score(), r.error())).orElse("—")).append(" | ")
          .append(d.map(r -> bytes(r.allocBytes())).orElse("—")).append(" | ")
          .append(s.map(r -> time(r.p50())).orElse("—")).append(" | ")
          .append(s.map(r -> bytes(r.allocBytes())).orElse("—")).append(" |\n");
    }
    md.append('\n');
  }

  private static void detectors(StringBuilder md, List<Result> results) {
    md.append("## Detectors\n\n");
    md.append("The default set runs more code than any one detector, and the JIT compiler takes longer to reach "
        + "its steady state on it: with this short warm-up its figures lie above the sum of the four detectors "
        + "measured alone (the budget row gives both).\n\n");
    md.append("Generated text (prose, code, logs; *ENTITIES* adds personal data, secrets and injection sentences, "
        + "*PROSE* has none). *default* is the default set run one detector after the other. MB/s is 10^6 bytes "
        + "per second from the mean.\n\n");
    md.append("| Detector | Text | Size | Median | p99 | Mean ± error | MB/s | Alloc B/op |\n");
    md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    List<Result> rows = results.stream().filter(r -> r.benchmark().equals("DetectorBenchmarks.scan"))
        .sorted(Comparator.comparingInt((Result r) -> order(r.param("detector")))
            .thenComparing(r -> r.param("text"))
            .thenComparingInt(r -> Integer.parseInt(r.param("size"))))
        .toList();
    if (rows.isEmpty()) {
      md.append("| not measured in this run | | | | | | | |\n");
    }
    for (Result r : rows) {
      int size = Integer.parseInt(r.param("size"));
      md.append("| ").append(r.param("detector")).append(" | ").append(r.param("text")).append(" | ")
          .append(size(size)).append(" | ").append(time(r.p50())).append(" | ").append(time(r.p99())).append(" | ")
          .append(timeWithError(r.score(), r.error())).append(" | ")
          .append(rate(size * 1e3 / r.score())).append(" | ")
          .append(bytes(r.allocBytes())).append(" |\n");
    }
    md.append('\n');
  }

  private static void sideBySide(StringBuilder md, List<Result> results) {
    md.append("## Side by side with the alternatives\n\n");
    md.append("A ratio above 1 means Guardrails4j is that many times faster (alternative mean ÷ Guardrails4j mean).\n\n");
    md.append("### Deny list: word-list `contains` loop versus the `deny-list` detector\n\n");
    md.append("The loop is Spring AI's `SafeGuardAdvisor` approach: lower-case the prompt, `String.contains` per "
        + "term. The prompt (with entities) contains no term, so both read all of it.\n\n");
    md.append("| Terms | Prompt | Word-list loop (mean) | `deny-list` (mean) | Ratio |\n| ---: | ---: | ---: | ---: | ---: |\n");
    compare(md, results, "DenyListComparison.wordList", "DenyListComparison.denyList", List.of("terms", "size"));
    md.append("\n### Personal data: a `java.util.regex` set versus the `pii` detector\n\n");
    md.append("Six plain patterns (EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD with a Luhn check, IBAN_CODE, US_SSN, "
        + "IP_ADDRESS), each run over the same prompt with entities.\n\n");
    md.append("| Prompt | Regex set (mean) | `pii` (mean) | Ratio |\n| ---: | ---: | ---: | ---: |\n");
    compare(md, results, "PiiComparison.regexSet", "PiiComparison.pii", List.of("size"));
    md.append("\n### Phone numbers: libphonenumber's matcher versus the `pii` phone path\n\n");
    md.append("`PhoneNumberUtil.findNumbers` (region US, `Leniency.VALID`), which runs its regular expressions over "
        + "the text, versus `pii` with only PHONE_NUMBER: its one-pass candidate scan, then each candidate's digits "
        + "checked against libphonenumber's numbering plans. Same prompt with entities.\n\n");
    md.append("| Prompt | findNumbers (mean) | `pii` phone path (mean) | Ratio |\n| ---: | ---: | ---: | ---: |\n");
    compare(md, results, "PhoneComparison.findNumbers", "PhoneComparison.scanThenValidate", List.of("size"));
    md.append("\n### Access rules: CEL expressions versus the policy index\n\n");
    md.append("The same rules as CEL (`dev.cel:cel`) expressions, compiled once, all evaluated per call with the "
        + "caller, model and action as variables (prepared in advance, which favours CEL), versus the engine's "
        + "access decision.\n\n");
    md.append("| Policies | CEL (mean) | Guardrails4j decision (mean) | Ratio |\n| ---: | ---: | ---: | ---: |\n");
    compare(md, results, "AccessBenchmarks.cel", "AccessBenchmarks.decision", List.of("policies"));
    md.append('\n');
  }

  private static void compare(StringBuilder md, List<Result> results, String theirs, String ours, List<String> keys) {
    List<Result> alt = results.stream().filter(r -> r.benchmark().equals(theirs) && r.mode().equals("sample"))
        .sorted(Comparator.comparing((Result r) -> keyOf(r, keys), BenchmarkReport::compareNumeric)).toList();
    if (alt.isEmpty()) {
      md.append("| not measured in this run |").append(" |".repeat(keys.size() + 2)).append('\n');
      return;
    }
    for (Result a : alt) {
      Map<String, String> p = new LinkedHashMap<>();
      keys.forEach(k -> p.put(k, a.param(k)));
      Optional<Result> o = find(results, ours, "sample", 1, p);
      md.append("| ");
      for (String k : keys) {
        md.append(k.equals("size") ? size(Integer.parseInt(a.param(k))) : group(a.param(k))).append(" | ");
      }
      md.append(timeWithError(a.score(), a.error())).append(" | ")
          .append(o.map(r -> timeWithError(r.score(), r.error())).orElse("—")).append(" | ")
          .append(o.map(r -> ratio(a, r)).orElse("—")).append(" |\n");
    }
  }

  private static String keyOf(Result r, List<String> keys) {
    StringBuilder sb = new StringBuilder();
    keys.forEach(k -> sb.append(r.param(k)).append(','));
    return sb.toString();
  }

  private static int compareNumeric(String a, String b) {
    String[] x = a.split(",");
    String[] y = b.split(",");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = Double.compare(parseOrNaN(x[i]), parseOrNaN(y[i]));
      if (c != 0) {
        return c;
      }
    }
    return a.compareTo(b);
  }

  /**
   * The ratio of two means with its propagated error.
   *
   * @param slow the numerator
   * @param fast the denominator
   * @return for example {@code 12.3× ± 1.1}
   */
  static String ratio(Result slow, Result fast) {
    double r = slow.score() / fast.score();
    double rel = Math.sqrt(sq(slow.error() / slow.score()) + sq(fast.error() / fast.score()));
    String e = Double.isNaN(rel) ? "" : " ± " + String.format(Locale.ROOT, r * rel >= 10 ? "%.0f" : "%.1f", r * rel);
    return String.format(Locale.ROOT, r >= 10 ? "%.0f×" : "%.1f×", r) + e;
  }

  private static void guardedCall(StringBuilder md, List<Result> results) {
    md.append("## Guarded call overhead\n\n");
    md.append("`GuardedChatModel` around an instant in-memory LangChain4j `ChatModel`, versus the bare model, with a "
        + "system message and a 1 KiB prose prompt. *access-only* has no content check; *default* is the default "
        + "policy.\n\n");
    md.append("| Policy | Bare median | Guarded median | Overhead (median) | Overhead (mean ± error) | Alloc B/op added |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
    boolean any = false;
    for (String policy : List.of("access-only", "default")) {
      Optional<Result> b = find(results, "ChatModelBenchmarks.bare", "sample", 1, Map.of("policy", policy));
      Optional<Result> g = find(results, "ChatModelBenchmarks.guarded", "sample", 1, Map.of("policy", policy));
      if (b.isEmpty() || g.isEmpty()) {
        continue;
      }
      any = true;
      Result bare = b.get();
      Result guarded = g.get();
      md.append("| ").append(policy).append(" | ").append(time(bare.p50())).append(" | ").append(time(guarded.p50()))
          .append(" | ").append(time(guarded.p50() - bare.p50())).append(" | ")
          .append(timeWithError(guarded.score() - bare.score(), Math.hypot(guarded.error(), bare.error())))
          .append(" | ").append(bytes(guarded.allocBytes() - bare.allocBytes())).append(" |\n");
    }
    if (!any) {
      md.append("| not measured in this run | | | | | |\n");
    }
    md.append("\n### Streaming\n\n");
    md.append("`GuardedStreamingChatModel` over a model that emits 8-character chunks. Per-chunk overhead is "
        + "((guarded − bare) at 256 chunks − (guarded − bare) at 1 chunk) ÷ 255, from the means; the fixed part is "
        + "(guarded − bare) at 1 chunk.\n\n");
    md.append("| Output checks | Fixed overhead | Per-chunk overhead |\n| --- | ---: | ---: |\n");
    boolean stream = false;
    for (String checks : List.of("none", "email")) {
      Optional<Double> one = streamOverhead(results, checks, "1");
      Optional<Double> many = streamOverhead(results, checks, "256");
      if (one.isEmpty() || many.isEmpty()) {
        continue;
      }
      stream = true;
      md.append("| ").append(checks).append(" | ").append(time(one.get())).append(" | ")
          .append(time((many.get() - one.get()) / 255)).append(" |\n");
    }
    if (!stream) {
      md.append("| not measured in this run | | |\n");
    }
    md.append('\n');
  }

  private static Optional<Double> streamOverhead(List<Result> results, String checks, String chunks) {
    Map<String, String> p = Map.of("checks", checks, "chunks", chunks);
    Optional<Result> b = results.stream().filter(r -> r.benchmark().equals("StreamingBenchmarks.bare") && r.has(p))
        .findFirst();
    Optional<Result> g = results.stream().filter(r -> r.benchmark().equals("StreamingBenchmarks.guarded") && r.has(p))
        .findFirst();
    return b.isPresent() && g.isPresent() ? Optional.of(g.get().score() - b.get().score()) : Optional.empty();
  }

  private static void limits(StringBuilder md, List<Result> results) {
    md.append("## Limits\n\n");
    md.append("A request rate, a token budget and a concurrency limit per user, with 1 and with 100,000 distinct "
        + "users taking turns (`limits/LimitBenchmarks.java`). *Limiter* is the in-memory limiter alone (acquire "
        + "all three, settle with the reported usage); *added to a call* is a whole guarded call with the limits "
        + "minus the same call without them. Means (JMH average time).\n\n");
    md.append("| Users | Limiter (mean ± error) | Limiter alloc B/op | Added to a call (mean ± error) |\n");
    md.append("| ---: | ---: | ---: | ---: |\n");
    boolean any = false;
    for (String callers : List.of("1", "100000")) {
      Map<String, String> p = Map.of("callers", callers);
      Optional<Result> limiter = find(results, "LimitBenchmarks.limiterAcquireAndSettle", "avgt", 1, p);
      Optional<Result> with = find(results, "LimitBenchmarks.guardedCallWithLimits", "avgt", 1, p);
      Optional<Result> without = find(results, "LimitBenchmarks.guardedCallWithoutLimits", "avgt", 1, p);
      if (limiter.isEmpty() && with.isEmpty()) {
        continue;
      }
      any = true;
      md.append("| ").append(group(callers)).append(" | ")
          .append(limiter.map(r -> timeWithError(r.score(), r.error())).orElse("—")).append(" | ")
          .append(limiter.map(r -> bytes(r.allocBytes())).orElse("—")).append(" | ")
          .append(with.isPresent() && without.isPresent()
              ? timeWithError(with.get().score() - without.get().score(), Math.hypot(with.get().error(), without.get().error()))
              : "—")
          .append(" |\n");
    }
    if (!any) {
      md.append("| not measured in this run | | | |\n");
    }
    md.append('\n');
  }

  private static void redisLimits(StringBuilder md, List<Result> results) {
    md.append("## Shared limits on Redis\n\n");
    md.append("`guardrails-redis`'s `RedisLimiter` on a `redis-server` that `run.sh` starts on loopback, beside the "
        + "in-memory limiter and Bucket4j 8.14's own Lettuce integration on the same server "
        + "(`limits/RedisLimitBenchmarks.java`, JMH sample mode, one thread). Limits never refuse here.\n\n");
    md.append("| Case | Round trips | Median | p99 | Mean ± error |\n| --- | ---: | ---: | ---: | ---: |\n");
    boolean any = false;
    for (String[] c : List.of(
        new String[] {"redisRate", "RedisLimiter, one request rate", "1"},
        new String[] {"redisThreeRules", "RedisLimiter, rate + token budget + concurrency, acquired and settled", "1 + settle (not waited for)"},
        new String[] {"bucket4jRate", "Bucket4j Lettuce (compare-and-swap), one rate, `tryConsume(1)`", "2 or more"},
        new String[] {"memoryThreeRules", "in-memory limiter, the same three rules", "0"})) {
      Optional<Result> r = find(results, "RedisLimitBenchmarks." + c[0], "sample", 1, Map.of());
      if (r.isEmpty()) {
        continue;
      }
      any = true;
      md.append("| ").append(c[1]).append(" | ").append(c[2]).append(" | ").append(time(r.get().p50())).append(" | ")
          .append(time(r.get().p99())).append(" | ").append(timeWithError(r.get().score(), r.get().error())).append(" |\n");
    }
    if (!any) {
      md.append("| not measured in this run (no `redis-server`) | | | | |\n");
    }
    md.append('\n');
  }

  private static void scaling(StringBuilder md, List<Result> results) {
    md.append("## Scaling\n\n");
    md.append("Throughput of access decisions among 1,000 policies with 1, 2, 4, … threads up to the core count "
        + "(JMH `-t`), one shared engine.\n\n");
    md.append("| Threads | Decisions per second | Speed-up | Per thread |\n| ---: | ---: | ---: | ---: |\n");
    List<Result> runs = scalingRuns(results);
    if (runs.isEmpty()) {
      md.append("| not measured in this run | | | |\n");
    }
    double base = runs.isEmpty() ? Double.NaN : runs.get(0).threads() == 1 ? runs.get(0).score() : Double.NaN;
    for (Result r : runs) {
      double s = r.score() / base;
      md.append("| ").append(r.threads()).append(" | ")
          .append(String.format(Locale.ROOT, "%,.0f ± %,.0f", r.score(), r.error())).append(" | ")
          .append(Double.isNaN(s) ? "—" : String.format(Locale.ROOT, "%.2f×", s)).append(" | ")
          .append(Double.isNaN(s) ? "—" : String.format(Locale.ROOT, "%.0f%%", 100 * s / r.threads())).append(" |\n");
    }
    md.append('\n');
  }

  private static void definitions(StringBuilder md) {
    md.append("## What was measured\n\n");
    md.append("- **Default detectors**: `pii`, `secrets`, `prompt-injection` and `invisible-text` with their "
        + "default options, the detectors a typical input policy uses. **Default policy**: one policy that allows "
        + "the call and runs them over the input (`pii` redacts, the others block). Both are defined once, in "
        + "`guardrails-benchmarks/src/main/java/dev/guardrails4j/benchmarks/inputs/DefaultChecks.java`.\n");
    md.append("- **Texts** are generated with fixed seeds (`inputs/Texts.java`): support-ticket prose, code snippets "
        + "and log lines full of digits, dates and versions; *ENTITIES* adds about one e-mail address, phone number, "
        + "Luhn-valid card, mod-97-valid IBAN, SSN, IP address, API key or injection sentence per 250 characters. "
        + "ASCII, so characters are bytes.\n");
    md.append("- **Policies** are generated (`inputs/AccessRules.java`): one team per 25 policies with workload, "
        + "action, model, role and tenant selectors, one in ten denying, one in fifty allowing an action family by "
        + "glob, and three global policies; the CEL side has the same rules (a test checks that both select the "
        + "same policies for every invocation).\n");
    md.append("- **Median and p99** come from JMH's sample mode, which times single calls: below a microsecond "
        + "they include the timer's own cost (some tens of nanoseconds). **Alloc B/op** is "
        + "`gc.alloc.rate.norm` from `-prof gc`.\n");
    md.append("\n## How to rerun\n\n");
    md.append("```\nguardrails-benchmarks/run.sh            # this file, about 9 minutes on 2 cores\n"
        + "guardrails-benchmarks/run.sh --quick    # a one-minute smoke run of the budget cases\n"
        + "guardrails-benchmarks/run.sh --out /tmp/benchmarks.md --results /tmp/jmh   # keep the JSON\n```\n\n");
    md.append("One benchmark with other settings, after a run has built the module:\n\n```\n"
        + "java -cp guardrails-benchmarks/target/classes:$(cat guardrails-benchmarks/target/runtime-classpath.txt) \\\n"
        + "    org.openjdk.jmh.Main AccessBenchmarks -p policies=1000 -prof gc\n```\n");
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static Optional<Result> find(List<Result> results, String benchmark, String mode, int threads,
      Map<String, String> params) {
    return results.stream().filter(r -> r.benchmark().equals(benchmark) && r.mode().equals(mode)
        && r.threads() == threads && r.has(params)).findFirst();
  }

  private static List<String> paramValues(List<Result> results, String benchmark, String param) {
    return results.stream().filter(r -> r.benchmark().equals(benchmark) && r.mode().equals("sample"))
        .map(r -> r.param(param)).distinct().sorted(Comparator.comparingDouble(BenchmarkReport::parseOrNaN)).toList();
  }

  private static int order(String detector) {
    int i = DETECTOR_ORDER.indexOf(detector);
    return i < 0 ? DETECTOR_ORDER.size() : i;
  }

  /**
   * A duration in a readable unit.
   *
   * @param ns nanoseconds
   * @return for example {@code 812 ns}, {@code 3.41 µs}
   */
  static String time(double ns) {
    if (Double.isNaN(ns)) {
      return "—";
    }
    double a = Math.abs(ns);
    if (a < 1e3) {
      return String.format(Locale.ROOT, "%.0f ns", ns);
    }
    if (a < 1e6) {
      return String.format(Locale.ROOT, "%.2f µs", ns / 1e3);
    }
    if (a < 1e9) {
      return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f s", ns / 1e9);
  }

  static String timeWithError(double ns, double error) {
    if (Double.isNaN(error)) {
      return time(ns) + " ± ?";
    }
    double a = Math.abs(ns);
    double div = a < 1e3 ? 1 : a < 1e6 ? 1e3 : a < 1e9 ? 1e6 : 1e9;
    String unit = a < 1e3 ? "ns" : a < 1e6 ? "µs" : a < 1e9 ? "ms" : "s";
    String f = div == 1 ? "%.0f ± %.0f %s" : "%.2f ± %.2f %s";
    return String.format(Locale.ROOT, f, ns / div, error / div, unit);
  }

  private static String rate(double mbPerSecond) {
    return String.format(Locale.ROOT, mbPerSecond < 10 ? "%.2f" : "%,.0f", mbPerSecond);
  }

  private static String bytes(double b) {
    return Double.isNaN(b) ? "—" : String.format(Locale.ROOT, "%,.0f", b);
  }

  private static String size(int chars) {
    if (chars >= 1 << 20 && chars % (1 << 20) == 0) {
      return (chars >> 20) + " MiB";
    }
    if (chars >= 1 << 10 && chars % (1 << 10) == 0) {
      return (chars >> 10) + " KiB";
    }
    return chars + " B";
  }

  private static String group(String number) {
    try {
      return String.format(Locale.ROOT, "%,d", Long.parseLong(number));
    } catch (NumberFormatException e) {
      return number;
    }
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  private static double sq(double x) {
    return x * x;
  }
}
