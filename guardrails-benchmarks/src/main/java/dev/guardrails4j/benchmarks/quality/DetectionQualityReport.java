package dev.guardrails4j.benchmarks.quality;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.benchmarks.quality.EvalData.EntityRow;
import dev.guardrails4j.benchmarks.quality.EvalData.LabelledRow;
import dev.guardrails4j.core.detect.BuiltInDetectors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Measures the built-in detectors on the labelled evaluation data and writes
 * {@code docs/detection-quality.md}: PII precision, recall and F1 per type; secrets and injection
 * recall and false-positive rate per source; throughput; whether each target is met; and an
 * evasion suite that rewrites every caught item with each {@link Evasion} and reports the catch
 * rate.
 *
 * <p>Detectors are looked up by name in {@link BuiltInDetectors#factories()} and created with
 * default options; a detector that is missing or needs options is listed with a note instead.
 *
 * <p>Usage: {@code DetectionQualityReport [--eval DIR] [--out FILE] [--commit SHA]}. The defaults
 * are {@code ../shared/eval} (or the nearest {@code shared/eval} above the working directory),
 * {@code docs/detection-quality.md} and {@code git rev-parse --short HEAD}.
 */
public final class DetectionQualityReport {

  static final String PII = "pii";
  static final String SECRETS = "secrets";
  static final String INJECTION = "prompt-injection";
  static final String INVISIBLE = "invisible-text";

  /** The structured identifiers a deterministic detector must get right. */
  static final List<String> STRUCTURED =
      List.of("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS");

  static final double PII_F1_TARGET = 0.95;
  static final double SECRETS_RECALL_TARGET = 0.95;
  static final double SECRETS_FP_TARGET = 0.005;
  static final double INJECTION_RECALL_TARGET = 0.85;
  static final double INJECTION_FP_TARGET = 0.03;

  private static final String PII_FILE = "pii.jsonl";
  private static final String SECRETS_FILE = "secrets.jsonl";
  private static final String INJECTION_FILE = "injection.jsonl";

  private DetectionQualityReport() {}

  /**
   * Writes the report.
   *
   * @param args {@code --eval DIR}, {@code --out FILE}, {@code --commit SHA}, all optional
   * @throws IOException if the data cannot be read or the report cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path eval = null;
    Path out = Path.of("docs", "detection-quality.md");
    String commit = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--eval" -> eval = Path.of(argument(args, ++i, "--eval"));
        case "--out" -> out = Path.of(argument(args, ++i, "--out"));
        case "--commit" -> commit = argument(args, ++i, "--commit");
        default -> throw new IllegalArgumentException(
            args[i] + ": unknown argument; use --eval DIR, --out FILE, --commit SHA");
      }
    }
    Path evalDir = eval != null ? eval : defaultEvalDir();
    String missing = missingData(evalDir);
    if (missing != null) {
      // a report of zeros would overwrite the real one: refuse, and leave the report alone
      System.err.println("evaluate: " + missing + "; give the labelled data with --eval DIR (a directory"
          + " with pii.jsonl, secrets.jsonl and injection.jsonl). " + out + " was not changed.");
      System.exit(2);
    }
    Inputs inputs = Inputs.load(evalDir);
    String report = generate(inputs, BuiltInDetectors.factories(),
        commit != null ? commit : gitCommit(), Clock.systemUTC());
    Path target = out.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Files.writeString(target, keepEvasionClasses(report, target), StandardCharsets.UTF_8);
    System.out.println("Wrote " + target + " from " + evalDir.toAbsolutePath().normalize());
  }

  /** Marks the per-class evasion table that guardrails-benchmarks/evasion-table.sh writes. */
  static final String EVASION_CLASSES_START = "<!-- evasion-classes:start -->";
  static final String EVASION_CLASSES_END = "<!-- evasion-classes:end -->";
  /** Marks the rows of the optional semantic module, written from guardrails-training/train-semantic.sh. */
  static final String SEMANTIC_START = "<!-- semantic:start -->";
  static final String SEMANTIC_END = "<!-- semantic:end -->";

  /**
   * Carries over, from the report being replaced, the blocks other tools write: the per-class
   * evasion table (from the core evasion suite by {@code guardrails-benchmarks/evasion-table.sh}),
   * before the "How to regenerate" section, and the optional semantic module's rows (from {@code
   * guardrails-training/train-semantic.sh}), at the end.
   */
  static String keepEvasionClasses(String report, Path previous) throws IOException {
    if (!Files.exists(previous)) {
      return report;
    }
    String old = Files.readString(previous, StandardCharsets.UTF_8);
    String out = report;
    @Nullable String evasion = block(old, EVASION_CLASSES_START, EVASION_CLASSES_END);
    int at = out.indexOf("## How to regenerate");
    if (evasion != null && at >= 0) {
      out = out.substring(0, at) + evasion + "\n\n" + out.substring(at);
    }
    @Nullable String semantic = block(old, SEMANTIC_START, SEMANTIC_END);
    if (semantic != null) {
      out = out.stripTrailing() + "\n\n" + semantic + "\n";
    }
    return out;
  }

  /** The text from {@code start} to the end of {@code end}, or null when the markers are not both there. */
  static @Nullable String block(String text, String start, String end) {
    int s = text.indexOf(start);
    int e = text.indexOf(end);
    return s < 0 || e < s ? null : text.substring(s, e + end.length());
  }

  private static String argument(String[] args, int i, String name) {
    if (i >= args.length) {
      throw new IllegalArgumentException(name + ": expected a value after it");
    }
    return args[i];
  }

  /**
   * What is missing for a report, or {@code null} when the directory holds every data set.
   *
   * @param evalDir the evaluation directory
   * @return the problem, or null
   */
  static String missingData(Path evalDir) {
    Path dir = evalDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      return "no evaluation directory " + dir;
    }
    for (String file : List.of("pii.jsonl", "secrets.jsonl", "injection.jsonl")) {
      if (!Files.isRegularFile(dir.resolve(file))) {
        return dir.resolve(file) + " does not exist";
      }
    }
    return null;
  }

  /** {@code ../shared/eval}, or else the nearest {@code shared/eval} above the working directory. */
  static Path defaultEvalDir() {
    Path relative = Path.of("..", "shared", "eval");
    if (Files.isDirectory(relative)) {
      return relative;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("eval");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return relative;
  }

  static String gitCommit() {
    String head = git("rev-parse", "--short", "HEAD");
    if (head.isEmpty()) {
      return "unknown";
    }
    return git("status", "--porcelain", "--untracked-files=no").isEmpty() ? head : head + "-dirty";
  }

  private static String git(String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output;
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
      boolean done = process.waitFor(10, TimeUnit.SECONDS);
      return done && process.exitValue() == 0 ? output : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /**
   * The three data sets; a missing file is an empty list and a note.
   *
   * @param entities rows of {@code pii.jsonl}
   * @param secrets rows of {@code secrets.jsonl}
   * @param injections rows of {@code injection.jsonl}
   * @param notes what was missing
   */
  record Inputs(List<EntityRow> entities, List<LabelledRow> secrets, List<LabelledRow> injections,
      List<String> notes) {

    Inputs {
      entities = List.copyOf(entities);
      secrets = List.copyOf(secrets);
      injections = List.copyOf(injections);
      notes = List.copyOf(notes);
    }

    static Inputs load(Path dir) {
      List<String> notes = new ArrayList<>();
      Path pii = dir.resolve(PII_FILE);
      Path secrets = dir.resolve(SECRETS_FILE);
      Path injection = dir.resolve(INJECTION_FILE);
      for (Path file : List.of(pii, secrets, injection)) {
        if (!Files.isRegularFile(file)) {
          notes.add("`" + file.getFileName() + "` was not found in the evaluation directory.");
        }
      }
      return new Inputs(
          Files.isRegularFile(pii) ? EvalData.entities(pii) : List.of(),
          Files.isRegularFile(secrets) ? EvalData.labelled(secrets, "secret") : List.of(),
          Files.isRegularFile(injection) ? EvalData.labelled(injection, "injection") : List.of(),
          notes);
    }

    Map<String, List<String>> texts() {
      Map<String, List<String>> texts = new LinkedHashMap<>();
      texts.put(PII_FILE, entities.stream().map(EntityRow::text).toList());
      texts.put(SECRETS_FILE, secrets.stream().map(LabelledRow::text).toList());
      texts.put(INJECTION_FILE, injections.stream().map(LabelledRow::text).toList());
      return texts;
    }
  }

  /** One detector over one data set: findings per row and the time of the measured pass. */
  record Run(List<List<Finding>> findings, long nanos, long bytes) {}

  /**
   * Builds the report.
   *
   * @param data the evaluation data
   * @param factories the detector factories to look names up in
   * @param commit the commit measured
   * @param clock the clock for the date
   * @return the Markdown document
   */
  static String generate(Inputs data, List<DetectorFactory> factories, String commit, Clock clock) {
    Map<String, Detector> detectors = new LinkedHashMap<>();
    Map<String, String> status = new LinkedHashMap<>();
    for (DetectorFactory factory : factories) {
      try {
        detectors.put(factory.name(), factory.create(Map.of()));
        status.put(factory.name(), "evaluated with default options");
      } catch (RuntimeException e) {
        status.put(factory.name(), "not run: it needs options (" + e.getMessage() + ")");
      }
    }
    for (String expected : List.of(PII, SECRETS, INJECTION, INVISIBLE)) {
      status.putIfAbsent(expected, "not run: not in this build's `BuiltInDetectors`");
    }
    Map<String, Map<String, Run>> runs = new LinkedHashMap<>();
    for (Map.Entry<String, Detector> d : detectors.entrySet()) {
      Map<String, Run> byData = new LinkedHashMap<>();
      data.texts().forEach((file, texts) -> byData.put(file, run(d.getValue(), texts)));
      runs.put(d.getKey(), byData);
    }
    Markdown md = new Markdown();
    List<String[]> targets = new ArrayList<>();
    header(md, commit, clock, data, status);
    piiSection(md, data, detectors, runs, targets);
    secretsSection(md, data, runs, targets);
    injectionSection(md, data, runs, targets);
    targetsSection(md, targets);
    flagRateSection(md, data, runs);
    throughputSection(md, data, runs);
    evasionSection(md, data, detectors, runs);
    method(md);
    return md.toString();
  }

  /** Three warm-up passes, then three measured passes; keeps the median time. */
  static Run run(Detector detector, List<String> texts) {
    long bytes = 0;
    for (String text : texts) {
      bytes += text.getBytes(StandardCharsets.UTF_8).length;
    }
    for (int pass = 0; pass < 3; pass++) {
      for (String text : texts) {
        detector.detect(text);
      }
    }
    List<List<Finding>> findings = new ArrayList<>(texts.size());
    long[] nanos = new long[3];
    for (int pass = 0; pass < nanos.length; pass++) {
      findings.clear();
      long start = System.nanoTime();
      for (String text : texts) {
        findings.add(detector.detect(text));
      }
      nanos[pass] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return new Run(List.copyOf(findings), nanos[1], bytes);
  }

  private static void header(Markdown md, String commit, Clock clock, Inputs data,
      Map<String, String> status) {
    md.line("# Detection quality");
    md.line();
    md.line("Generated by `guardrails-benchmarks/evaluate.sh` (`DetectionQualityReport`); do not "
        + "edit by hand. Every number below comes from one run over `shared/eval` (see its "
        + "README for sources and licences).");
    md.line();
    md.line("| | |");
    md.line("| --- | --- |");
    md.line("| commit | `" + commit + "` |");
    md.line("| date (UTC) | " + LocalDate.now(clock) + " |");
    md.line("| JDK | " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor")
        + ") |");
    md.line("| machine | " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        + ", " + Runtime.getRuntime().availableProcessors() + " processors |");
    md.line("| data | " + data.entities().size() + " PII rows, " + data.secrets().size()
        + " secrets rows, " + data.injections().size() + " injection rows |");
    md.line();
    for (String note : data.notes()) {
      md.line("> " + note);
    }
    md.line("## Detectors");
    md.line();
    md.line("| detector | status |");
    md.line("| --- | --- |");
    status.forEach((name, text) -> md.line("| `" + name + "` | " + escape(text) + " |"));
    md.line();
  }

  private static List<Span> spans(List<Finding> findings) {
    List<Span> spans = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      spans.add(new Span(f.type(), f.start(), f.end()));
    }
    return spans;
  }

  private static void piiSection(Markdown md, Inputs data, Map<String, Detector> detectors,
      Map<String, Map<String, Run>> runs, List<String[]> targets) {
    md.line("## PII (`pii` on `pii.jsonl`)");
    md.line();
    if (!runs.containsKey(PII) || data.entities().isEmpty()) {
      md.line("Not measured: " + (runs.containsKey(PII) ? "no data." : "no `pii` detector.")).line();
      for (String type : STRUCTURED) {
        targets.add(new String[] {"PII " + type + " F1 >= 0.95", "not measured", "not measured"});
      }
      return;
    }
    List<List<Finding>> findings = runs.get(PII).get(PII_FILE).findings();
    Set<String> labelledTypes = new LinkedHashSet<>();
    data.entities().forEach(r -> r.entities().forEach(s -> labelledTypes.add(s.type())));
    Set<String> reported = new LinkedHashSet<>(STRUCTURED);
    for (String claimed : detectors.get(PII).types()) {
      if (labelledTypes.contains(claimed)) {
        reported.add(claimed);
      }
    }
    md.line("A predicted span is correct when a labelled span of the same type overlaps it; a "
        + "labelled span is found when a predicted span of its type overlaps it. Types beyond the "
        + "structured six are listed only when the detector claims them.").line();
    md.line("| type | labelled | found | predicted | correct | precision | recall | F1 | target F1 >= 0.95 |");
    md.line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for (String type : reported) {
      SpanCounts total = SpanCounts.ZERO;
      for (int i = 0; i < data.entities().size(); i++) {
        total = total.plus(SpanCounts.of(type, data.entities().get(i).entities(),
            spans(findings.get(i))));
      }
      boolean structured = STRUCTURED.contains(type);
      String met = !structured ? "no target" : total.f1() >= PII_F1_TARGET ? "met" : "NOT met";
      md.line("| " + type + " | " + total.labelled() + " | " + total.found() + " | "
          + total.predicted() + " | " + total.correct() + " | " + ratio(total.precision()) + " | "
          + ratio(total.recall()) + " | " + ratio(total.f1()) + " | " + met + " |");
      if (structured) {
        targets.add(new String[] {"PII " + type + " F1 >= 0.95", ratio(total.f1()), met});
      }
    }
    md.line();
  }

  private static String sourceGroup(String source) {
    int colon = source.indexOf(':');
    return colon > 0 ? source.substring(0, colon) : source;
  }

  private static Map<String, RowCounts> bySource(List<LabelledRow> rows, List<List<Finding>> findings) {
    Map<String, RowCounts> counts = new TreeMap<>();
    for (int i = 0; i < rows.size(); i++) {
      LabelledRow row = rows.get(i);
      counts.merge(sourceGroup(row.source()),
          RowCounts.row(row.positive(), !findings.get(i).isEmpty()), RowCounts::plus);
    }
    return counts;
  }

  private static RowCounts rowTable(Markdown md, Map<String, RowCounts> counts, String positive,
      String negative) {
    md.line("| source | " + positive + " rows | caught | recall | " + negative
        + " rows | flagged | false-positive rate |");
    md.line("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    RowCounts total = RowCounts.ZERO;
    for (Map.Entry<String, RowCounts> e : counts.entrySet()) {
      RowCounts c = e.getValue();
      total = total.plus(c);
      md.line("| " + e.getKey() + " | " + c.positives() + " | " + c.caught() + " | "
          + percent(c.recall()) + " | " + c.negatives() + " | " + c.flagged() + " | "
          + percent(c.falsePositiveRate()) + " |");
    }
    md.line("| **all** | " + total.positives() + " | " + total.caught() + " | "
        + percent(total.recall()) + " | " + total.negatives() + " | " + total.flagged() + " | "
        + percent(total.falsePositiveRate()) + " |");
    md.line();
    return total;
  }

  private static void secretsSection(Markdown md, Inputs data,
      Map<String, Map<String, Run>> runs, List<String[]> targets) {
    md.line("## Secrets (`secrets` on `secrets.jsonl`)");
    md.line();
    if (!runs.containsKey(SECRETS) || data.secrets().isEmpty()) {
      md.line("Not measured: " + (runs.containsKey(SECRETS) ? "no data." : "no `secrets` detector.")).line();
      targets.add(new String[] {"secrets recall >= 95% with <= 0.5% of `none` rows flagged",
          "not measured", "not measured"});
      return;
    }
    List<List<Finding>> findings = runs.get(SECRETS).get(SECRETS_FILE).findings();
    md.line("A row is flagged when the detector reports at least one finding, whatever its score. "
        + "Sources are grouped by repository (the part of `source` before the colon).").line();
    RowCounts total = rowTable(md, bySource(data.secrets(), findings), "secret", "none");
    Map<String, Integer> missed = new TreeMap<>();
    for (int i = 0; i < data.secrets().size(); i++) {
      LabelledRow row = data.secrets().get(i);
      if (row.positive() && findings.get(i).isEmpty()) {
        missed.merge(row.kind().isEmpty() ? "(no kind)" : row.kind(), 1, Integer::sum);
      }
    }
    if (!missed.isEmpty()) {
      md.line("Credential kinds missed (rows): " + String.join(", ", missed.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
              .thenComparing(Map.Entry.comparingByKey()))
          .map(e -> e.getKey() + " (" + e.getValue() + ")").toList()) + ".").line();
    }
    Map<String, Integer> falsePositives = new TreeMap<>();
    for (int i = 0; i < data.secrets().size(); i++) {
      LabelledRow row = data.secrets().get(i);
      if (!row.positive() && !findings.get(i).isEmpty()) {
        String source = row.source();
        falsePositives.merge(source.substring(
            Math.max(source.lastIndexOf('/'), source.lastIndexOf(':')) + 1), 1, Integer::sum);
      }
    }
    if (!falsePositives.isEmpty()) {
      md.line("`none` rows flagged, by source file: " + String.join(", ", falsePositives.entrySet()
          .stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList()) + ".").line();
    }
    leaveOneSourceOut(md, Path.of("docs", "secret-pair-model.md"), "secrets pair model",
        "guardrails-training/train-secrets.sh");
    boolean met = total.recall() >= SECRETS_RECALL_TARGET
        && total.falsePositiveRate() <= SECRETS_FP_TARGET;
    targets.add(new String[] {"secrets recall >= 95% with <= 0.5% of `none` rows flagged",
        percent(total.recall()) + " recall, " + percent(total.falsePositiveRate()) + " flagged",
        met ? "met" : "NOT met"});
  }

  /**
   * Copies the leave-one-source-out table of a model's training report (written by its training
   * run over shared/eval/train, which this report does not read), so that this page shows how the
   * detector does on text from sources its model never saw.
   */
  private static void leaveOneSourceOut(Markdown md, Path report, String model, String command) {
    if (!Files.isRegularFile(report)) {
      md.line("Leave-one-source-out numbers: not available (" + report + " is missing; run `" + command
          + "`).").line();
      return;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(report, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + report, e);
    }
    int start = lines.indexOf("## Leave one source out");
    if (start < 0) {
      return;
    }
    md.line("**Leave one source out** (from [" + report.getFileName() + "](" + report.getFileName()
        + "), written by `" + command + "`): for each training source S, the " + model
        + " trained without S, measured on S.").line();
    for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
      if (lines.get(i).startsWith("|")) {
        md.line(lines.get(i));
      }
    }
    md.line();
  }

  private static void injectionSection(Markdown md, Inputs data,
      Map<String, Map<String, Run>> runs, List<String[]> targets) {
    md.line("## Prompt injection (`prompt-injection` on `injection.jsonl`)");
    md.line();
    if (!runs.containsKey(INJECTION) || data.injections().isEmpty()) {
      md.line("Not measured: " + (runs.containsKey(INJECTION) ? "no data." : "no `prompt-injection` detector.")).line();
      targets.add(new String[] {"injection recall >= 85% with <= 3% of benign rows flagged",
          "not measured", "not measured"});
      return;
    }
    List<List<Finding>> findings = runs.get(INJECTION).get(INJECTION_FILE).findings();
    md.line("A row is flagged when the detector reports at least one finding, whatever its score."
        + " The detector is its rules and its learned signal together, as shipped; the learned"
        + " signal's threshold was chosen on this file (out of fold), so the numbers here are tuning"
        + " numbers: [injection-model.md](injection-model.md) gives each signal apart and the"
        + " leave-one-source-out numbers for every training source, text the model never saw.").line();
    RowCounts total = rowTable(md, bySource(data.injections(), findings), "injection", "benign");
    leaveOneSourceOut(md, Path.of("docs", "injection-model.md"), "prompt-injection model",
        "guardrails-training/train.sh");
    boolean met = total.recall() >= INJECTION_RECALL_TARGET
        && total.falsePositiveRate() <= INJECTION_FP_TARGET;
    if (!met) {
      md.line("The recall target is NOT met. Most missed `injection` rows are not attacks on their"
          + " own: CyberSecEval pairs each user input with a system prompt (\"never talk about"
          + " the weather\", \"never reveal the user's data\"), and many inputs are innocent"
          + " questions that only break that particular system prompt, which a detector of the"
          + " input alone cannot see. Other misses are attacks without the lexicon's words:"
          + " persuasion and fictional framing around an innocent-looking request, fabricated"
          + " few-shot turns, information overload, ciphers other than ROT13 (Caesar shifts, pig"
          + " Latin), typos in the attack words, and Morse or hex payloads that decode to harmless"
          + " text. The detector trades these for a low false-positive rate; its Javadoc"
          + " (`PromptInjectionDetectorFactory`) lists what is out of scope.").line();
    }
    targets.add(new String[] {"injection recall >= 85% with <= 3% of benign rows flagged",
        percent(total.recall()) + " recall, " + percent(total.falsePositiveRate()) + " flagged",
        met ? "met" : "NOT met"});
  }

  private static void targetsSection(Markdown md, List<String[]> targets) {
    md.line("## Targets");
    md.line();
    md.line("| target | measured | status |");
    md.line("| --- | --- | --- |");
    for (String[] t : targets) {
      md.line("| " + t[0] + " | " + t[1] + " | " + t[2] + " |");
    }
    md.line();
  }

  private static void flagRateSection(Markdown md, Inputs data, Map<String, Map<String, Run>> runs) {
    md.line("## Rows flagged per data set");
    md.line();
    md.line("Every detector that runs with default options, over every data set: the share of rows "
        + "with at least one finding. No row is labelled for the other detectors, so each of their "
        + "flags is either a real find (the injection data holds attacks written in tag "
        + "characters; code and configuration lines hold real URLs) or a false positive worth a "
        + "look.").line();
    Map<String, List<String>> texts = data.texts();
    md.line("| detector | " + String.join(" | ", texts.keySet()) + " |");
    md.line("| --- |" + " ---: |".repeat(texts.size()));
    for (Map.Entry<String, Map<String, Run>> d : runs.entrySet()) {
      StringBuilder row = new StringBuilder("| `" + d.getKey() + "` |");
      for (String file : texts.keySet()) {
        List<List<Finding>> findings = d.getValue().get(file).findings();
        long flagged = findings.stream().filter(f -> !f.isEmpty()).count();
        row.append(' ').append(percent(findings.isEmpty() ? Double.NaN
            : (double) flagged / findings.size())).append(" (").append(flagged).append('/')
            .append(findings.size()).append(") |");
      }
      md.line(row.toString());
    }
    md.line();
  }

  private static void throughputSection(Markdown md, Inputs data, Map<String, Map<String, Run>> runs) {
    md.line("## Throughput");
    md.line();
    md.line("Each detector over all rows of the three files, one thread: the median of three "
        + "passes after three warm-up passes. A sanity figure, not a JMH benchmark; other builds "
        + "may share the machine. MB are 10^6 bytes of UTF-8.").line();
    md.line("| detector | rows | MB | seconds | MB/s | mean us per row |");
    md.line("| --- | ---: | ---: | ---: | ---: | ---: |");
    long allNanos = 0;
    long allBytes = 0;
    int rows = data.entities().size() + data.secrets().size() + data.injections().size();
    for (Map.Entry<String, Map<String, Run>> d : runs.entrySet()) {
      long nanos = 0;
      long bytes = 0;
      for (Run r : d.getValue().values()) {
        nanos += r.nanos();
        bytes += r.bytes();
      }
      allNanos += nanos;
      allBytes = bytes;
      md.line("| `" + d.getKey() + "` | " + rows + " | " + fixed(bytes / 1e6, 3) + " | "
          + fixed(nanos / 1e9, 3) + " | " + fixed(nanos == 0 ? 0 : bytes / 1e6 / (nanos / 1e9), 1)
          + " | " + fixed(rows == 0 ? 0 : nanos / 1e3 / rows, 1) + " |");
    }
    if (!runs.isEmpty()) {
      md.line("| **all of them in sequence** | " + rows + " | " + fixed(allBytes / 1e6, 3) + " | "
          + fixed(allNanos / 1e9, 3) + " | "
          + fixed(allNanos == 0 ? 0 : allBytes / 1e6 / (allNanos / 1e9), 1) + " | "
          + fixed(rows == 0 ? 0 : allNanos / 1e3 / rows, 1) + " |");
    }
    md.line();
  }

  /** A caught item of the clean run: a text and the span to rewrite. */
  record Item(String text, Span span) {}

  /** Items of the clean run that the target detector caught. */
  static List<Item> caughtItems(String detector, Inputs data, List<List<Finding>> findings) {
    List<Item> items = new ArrayList<>();
    switch (detector) {
      case PII -> {
        for (int i = 0; i < data.entities().size(); i++) {
          EntityRow row = data.entities().get(i);
          List<Span> predicted = spans(findings.get(i));
          for (Span label : row.entities()) {
            if (STRUCTURED.contains(label.type()) && predicted.stream().anyMatch(label::matches)) {
              items.add(new Item(row.text(), label));
            }
          }
        }
      }
      case SECRETS -> {
        for (int i = 0; i < data.secrets().size(); i++) {
          LabelledRow row = data.secrets().get(i);
          List<Finding> found = findings.get(i);
          if (row.positive() && !found.isEmpty()) {
            int start = found.stream().mapToInt(Finding::start).min().orElse(0);
            int end = found.stream().mapToInt(Finding::end).max().orElse(row.text().length());
            items.add(new Item(row.text(), new Span("*", start, end)));
          }
        }
      }
      default -> {
        for (int i = 0; i < data.injections().size(); i++) {
          LabelledRow row = data.injections().get(i);
          if (row.positive() && !findings.get(i).isEmpty()) {
            items.add(new Item(row.text(), new Span("*", 0, row.text().length())));
          }
        }
      }
    }
    return items;
  }

  /** Rewrites the item's span; returns the new text and the span it now occupies. */
  static Item rewrite(Item item, Evasion evasion) {
    String text = item.text();
    Span span = item.span();
    String replaced = evasion.apply(text.substring(span.start(), span.end()));
    String rewritten = text.substring(0, span.start()) + replaced + text.substring(span.end());
    return new Item(rewritten, new Span(span.type(), span.start(), span.start() + replaced.length()));
  }

  /** Whether a detector still catches a rewritten item: a finding overlapping it (of its type). */
  static boolean catches(Detector detector, Item item, boolean sameType) {
    for (Finding f : detector.detect(item.text())) {
      Span found = new Span(f.type(), f.start(), f.end());
      if (sameType ? found.matches(item.span()) : found.overlaps(item.span())) {
        return true;
      }
    }
    return false;
  }

  private static void evasionSection(Markdown md, Inputs data, Map<String, Detector> detectors,
      Map<String, Map<String, Run>> runs) {
    md.line("## Evasion suite");
    md.line();
    Map<String, String> files = Map.of(PII, PII_FILE, SECRETS, SECRETS_FILE, INJECTION, INJECTION_FILE);
    List<String> targets = new ArrayList<>();
    for (String name : List.of(PII, SECRETS, INJECTION)) {
      if (detectors.containsKey(name)) {
        targets.add(name);
      }
    }
    if (targets.isEmpty()) {
      md.line("Not run: none of `pii`, `secrets`, `prompt-injection` is in this build.").line();
      return;
    }
    Detector invisible = detectors.get(INVISIBLE);
    md.line("Every item the detector caught in the clean run (a structured PII span; the span of "
        + "a caught secret; a whole caught injection row) is rewritten with each evasion below, "
        + "the rest of the text unchanged, and scanned again. Caught means a finding overlapping "
        + "the rewritten span (for PII, of the same type). "
        + (invisible != null
            ? "The `+ invisible-text` columns count an item as caught when `invisible-text` flags "
                + "the rewritten span too, as a policy running both would."
            : "`invisible-text` is not in this build, so there is no combined column.")).line();
    Map<String, List<Item>> items = new LinkedHashMap<>();
    for (String name : targets) {
      items.put(name, caughtItems(name, data, runs.get(name).get(files.get(name)).findings()));
    }
    StringBuilder head = new StringBuilder("| evasion |");
    StringBuilder rule = new StringBuilder("| --- |");
    for (String name : targets) {
      head.append(" `").append(name).append("` (n=").append(items.get(name).size()).append(") |");
      rule.append(" ---: |");
      if (invisible != null) {
        head.append(" `").append(name).append("` + invisible-text |");
        rule.append(" ---: |");
      }
    }
    md.line(head.toString());
    md.line(rule.toString());
    for (Evasion evasion : Evasion.values()) {
      StringBuilder row = new StringBuilder("| " + evasion.label() + " |");
      for (String name : targets) {
        Detector detector = detectors.get(name);
        int alone = 0;
        int combined = 0;
        for (Item item : items.get(name)) {
          Item rewritten = rewrite(item, evasion);
          boolean caught = catches(detector, rewritten, PII.equals(name));
          boolean either = caught || (invisible != null && catches(invisible, rewritten, false));
          alone += caught ? 1 : 0;
          combined += either ? 1 : 0;
        }
        int n = items.get(name).size();
        row.append(' ').append(rate(alone, n)).append(" |");
        if (invisible != null) {
          row.append(' ').append(rate(combined, n)).append(" |");
        }
      }
      md.line(row.toString());
    }
    md.line();
    md.line("Evasions: upper case; mixed (alternating) case; a space between every two characters; "
        + "U+200B between every two characters; ASCII rewritten as tag characters U+E0020..U+E007E; "
        + "Latin letters replaced by Cyrillic/Greek look-alikes; full-width forms; spaces replaced by "
        + "line breaks (or one break in the middle); wrapped in `**...**`; wrapped in "
        + "`<span>...</span>`; `URLEncoder` percent-encoding; base64 of the UTF-8 bytes.").line();
  }

  private static void method(Markdown md) {
    md.line("## How to regenerate");
    md.line();
    md.line("```");
    md.line("guardrails-benchmarks/evaluate.sh [--eval DIR] [--out FILE] [--commit SHA]");
    md.line("```");
    md.line();
    md.line("The script builds `guardrails-benchmarks` with the modules it needs and runs "
        + "`dev.guardrails4j.benchmarks.quality.DetectionQualityReport`. Detectors run with their "
        + "default options; findings of any score count. No text from the data sets is written "
        + "here, only counts.");
  }

  private static String rate(int caught, int n) {
    return n == 0 ? "–" : percent((double) caught / n) + " (" + caught + "/" + n + ")";
  }

  static String percent(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f%%", value * 100);
  }

  static String ratio(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.3f", value);
  }

  private static String fixed(double value, int digits) {
    return String.format(Locale.ROOT, "%." + digits + "f", value);
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  /** A tiny line-oriented builder. */
  private static final class Markdown {
    private final StringBuilder b = new StringBuilder();

    Markdown line(String text) {
      b.append(text).append('\n');
      return this;
    }

    Markdown line() {
      b.append('\n');
      return this;
    }

    @Override
    public String toString() {
      return b.toString();
    }
  }
}
