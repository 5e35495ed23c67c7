package dev.guardrails4j.training;

import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.detect.injection.PromptInjectionDetectorFactory;
import dev.guardrails4j.semantic.InjectionHead;
import dev.guardrails4j.semantic.SentenceEncoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Retrains the {@code semantic-injection} head from the labelled JSON Lines files and rewrites its
 * weights resource and its report; the same files give the same bytes.
 *
 * <pre>{@code
 * guardrails-training/train-semantic.sh [--train FILE] [--dev FILE] [--out FILE] [--report FILE] [--no-loso]
 * }</pre>
 *
 * <p>Defaults: {@code ../shared/eval/train/injection.jsonl} (training),
 * {@code ../shared/eval/injection.jsonl} (threshold and report only, never trained on),
 * {@code guardrails-semantic/src/main/resources/dev/guardrails4j/semantic/injection-head.bin},
 * {@code docs/semantic-model.md}. Embedding every window takes minutes on a small machine, so the
 * embeddings are cached under {@code guardrails-training/target/semantic-embeddings/}, keyed by the
 * SHA-256 of the input file and the window settings.
 */
public final class TrainSemanticInjectionModel {

  static final String RESOURCE = "guardrails-semantic/src/main/resources" + InjectionHead.RESOURCE;
  static final double MAX_BENIGN_SHARE = 0.02;
  static final int MAX_WINDOWS = 64;
  static final double CASCADE_BELOW = 0.05;
  static final double CASCADE_ABOVE = 0.9;

  /** One row with its windows' embeddings. */
  record Embedded(InjectionModelTrainer.Row row, int[] starts, int[] ends, float[][] embeddings) {}

  private TrainSemanticInjectionModel() {}

  /**
   * Trains, writes the head and the report.
   *
   * @param args see the class comment
   * @throws IOException when a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    TrainingRun run = TrainingRun.parse("train-semantic", args, "injection.jsonl", RESOURCE, "docs/semantic-model.md", true);
    Path train = run.train();
    Path dev = run.dev();
    Path out = run.out();
    Path report = run.report();
    boolean loso = run.loso();
    SentenceEncoder encoder = SentenceEncoder.shared();
    Path cacheDir = Path.of("guardrails-training", "target", "semantic-embeddings");
    long e0 = System.nanoTime();
    List<Embedded> trainRows = embed(encoder, train, cacheDir);
    List<Embedded> devRows = embed(encoder, dev, cacheDir);
    double embedSeconds = (System.nanoTime() - e0) / 1e9;
    int windows = 0;
    for (Embedded e : trainRows) {
      windows += e.embeddings().length;
    }
    for (Embedded e : devRows) {
      windows += e.embeddings().length;
    }

    long t0 = System.nanoTime();
    // The dev set trains too (it has the direct attacks and the innocent trigger words the training
    // sources lack), so, as for the n-gram model, the threshold is chosen on out-of-fold scores: each
    // dev source is scored by a head trained on the training sources and the other dev sources.
    List<Embedded> devAsTraining = new ArrayList<>();
    for (Embedded e : devRows) {
      InjectionModelTrainer.Row r = e.row();
      devAsTraining.add(new Embedded(new InjectionModelTrainer.Row(r.id(), "dev:" + r.source(), r.text(), r.positive()),
          e.starts(), e.ends(), e.embeddings()));
    }
    Map<String, Double> devScores = new HashMap<>();
    for (String held : new TreeSet<>(devRows.stream().map(e -> e.row().source()).toList())) {
      List<Embedded> fit = new ArrayList<>(trainRows);
      List<Embedded> heldRows = new ArrayList<>();
      for (Embedded e : devAsTraining) {
        (e.row().source().equals("dev:" + held) ? heldRows : fit).add(e);
      }
      devScores.putAll(scores(SemanticHeadTrainer.candidate(SemanticHeadTrainer.train(examples(fit))), heldRows));
      System.out.println("dev fold " + held);
    }
    List<InjectionModelTrainer.Row> devList = devRows.stream().map(Embedded::row).toList();
    float threshold = InjectionModelTrainer.threshold(devList, r -> devScores.get(r.id()), r -> false, MAX_BENIGN_SHARE);
    List<Embedded> all = new ArrayList<>(trainRows);
    all.addAll(devAsTraining);
    List<SemanticHeadTrainer.Example> examples = examples(all);
    SemanticHeadTrainer.Weights weights = SemanticHeadTrainer.train(examples);
    byte[] bytes = SemanticHeadTrainer.encode(weights, threshold);
    double trainSeconds = (System.nanoTime() - t0) / 1e9;
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, bytes);
    InjectionHead head = InjectionHead.read(out.toString(), bytes);
    System.out.printf(Locale.ROOT, "Wrote %s (%d bytes, sha256 %s); embedding %.1f s, training %.1f s%n", out,
        bytes.length, head.checksum(), embedSeconds, trainSeconds);

    Detector fast = DetectorCatalog.builtIn().find("prompt-injection").orElseThrow().create(Map.of());
    Map<String, Boolean> fastFlags = new HashMap<>();
    for (Embedded e : trainRows) {
      fastFlags.put(e.row().id(), !fast.detect(e.row().text()).isEmpty());
    }
    for (Embedded e : devRows) {
      fastFlags.put(e.row().id(), !fast.detect(e.row().text()).isEmpty());
    }
    Predicate<InjectionModelTrainer.Row> fastFlagged = r -> fastFlags.get(r.id());
    Predicate<InjectionModelTrainer.Row> semFlagged = r -> devScores.get(r.id()) >= head.threshold();

    StringBuilder md = new StringBuilder();
    md.append("# The semantic-injection head\n\n");
    md.append("Generated by `guardrails-training/train-semantic.sh`: do not edit by hand. The `semantic-injection`\n"
        + "detector (module `guardrails-semantic`) embeds each window of a text with quantised all-MiniLM-L6-v2 and\n"
        + "scores the embedding with this head; the highest window wins.\n\n");
    md.append("| | |\n| --- | --- |\n");
    md.append("| Resource | `").append(RESOURCE).append("` |\n");
    md.append("| Size | ").append(bytes.length).append(" bytes |\n");
    md.append("| SHA-256 | `").append(head.checksum()).append("` |\n");
    md.append("| Model | logistic regression over the 384-d window embedding (Tribuo 4.3.2 `LinearSGDTrainer`, log loss, AdaGrad, ")
        .append(SemanticHeadTrainer.EPOCHS).append(" epochs, seed ").append(SemanticHeadTrainer.SEED).append(") |\n");
    md.append("| Windows | ").append(SentenceEncoder.WINDOW_TOKENS).append(" tokens, ").append(SentenceEncoder.STRIDE_TOKENS)
        .append(" apart; an injection row's windows that occur word for word in a benign row of its source are left out |\n");
    md.append("| Training rows | ").append(trainRows.size()).append(" from `shared/eval/train/injection.jsonl` (")
        .append(" and ").append(devRows.size()).append(" from `shared/eval/injection.jsonl` (")
        .append(examples.size()).append(" windows) |\n");
    md.append("| Source weights | each source's rows of one label together weigh the square root of their number; both labels weigh the same |\n");
    md.append("| Threshold | ").append(String.format(Locale.ROOT, "%.4f", head.threshold()))
        .append(" (at most 2% of the dev set's benign rows flagged by the head alone, on out-of-fold scores) |\n");
    md.append("| Time | ").append(String.format(Locale.ROOT, "embedding %,d windows: %.0f s (0 when cached); training and threshold: %.1f s",
        windows, embedSeconds, trainSeconds)).append(" |\n\n");

    md.append("## Dev set, out of fold\n\n");
    md.append("Each row of `shared/eval/injection.jsonl` scored by a head that never saw its source (trained on the\n"
        + "training sources and the other dev sources); the threshold is chosen on these scores. The\n"
        + "prompt-injection column is the shipped detector, whose model was trained on every dev source.\n\n");
    md.append("| Detector | Injection recall | Benign flagged |\n| --- | ---: | ---: |\n");
    row(md, "prompt-injection", devList, fastFlagged);
    row(md, "semantic-injection", devList, semFlagged);
    row(md, "prompt-injection or semantic-injection", devList, r -> fastFlagged.test(r) || semFlagged.test(r));
    Map<String, Double> fastScores = new HashMap<>();
    for (InjectionModelTrainer.Row r : devList) {
      fastScores.put(r.id(), PromptInjectionDetectorFactory.score(r.text()));
    }
    long inBand = devList.stream().filter(r -> fastScores.get(r.id()) >= CASCADE_BELOW && fastScores.get(r.id()) < CASCADE_ABOVE).count();
    row(md, "semantic-injection with `cascade: {below: " + CASCADE_BELOW + ", above: " + CASCADE_ABOVE + "}` (model run on "
        + inBand + " of " + devList.size() + " rows)", devList, r -> {
          double f = fastScores.get(r.id());
          return f >= CASCADE_ABOVE || f >= CASCADE_BELOW && semFlagged.test(r);
        });
    md.append("\nPer source:\n\n| Source | Rows | Label | prompt-injection | semantic-injection | either |\n"
        + "| --- | ---: | --- | ---: | ---: | ---: |\n");
    perSource(md, devList, fastFlagged, semFlagged);

    if (loso) {
      md.append("\n## Leave one source out\n\n");
      md.append("For each training source S: a head trained on every other training source and the dev set, with the\n"
          + "threshold above, then measured on S, which it has never seen. For injection rows the share\n"
          + "flagged is recall; for benign rows it is the false-positive rate. The prompt-injection column is\n"
          + "the shipped detector, whose model saw S in training (its own leave-one-source-out rows are in\n"
          + "docs/injection-model.md).\n\n");
      md.append("| Held-out source | Rows | Label | prompt-injection | semantic-injection | either |\n"
          + "| --- | ---: | --- | ---: | ---: | ---: |\n");
      for (String held : new TreeSet<>(trainRows.stream().map(e -> e.row().source()).toList())) {
        List<Embedded> rest = new ArrayList<>();
        List<Embedded> heldRows = new ArrayList<>();
        for (Embedded e : trainRows) {
          (e.row().source().equals(held) ? heldRows : rest).add(e);
        }
        rest.addAll(devAsTraining);
        InjectionHead fold = SemanticHeadTrainer.candidate(SemanticHeadTrainer.train(examples(rest)));
        float t = threshold;
        Map<String, Double> heldScores = scores(fold, heldRows);
        perSource(md, heldRows.stream().map(Embedded::row).toList(), fastFlagged, r -> heldScores.get(r.id()) >= t);
        System.out.println("held out " + held);
      }
    }
    md.append("\n## How to retrain\n\n```sh\nguardrails-training/train-semantic.sh\n```\n\n"
        + "It rebuilds the resource from the same files (fixed seed, fixed order; embeddings cached under\n"
        + "`guardrails-training/target/semantic-embeddings/`), rewrites this page, and `InjectionHeadTests` in\n"
        + "guardrails-semantic checks that the shipped resource's SHA-256 is the one above.\n");
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, md.toString(), StandardCharsets.UTF_8);
    System.out.println("Wrote " + report);
  }

  static Map<String, Double> scores(InjectionHead head, List<Embedded> rows) {
    Map<String, Double> out = new HashMap<>();
    for (Embedded e : rows) {
      double best = 0;
      for (float[] v : e.embeddings()) {
        best = Math.max(best, head.score(v));
      }
      out.put(e.row().id(), best);
    }
    return out;
  }

  /** Windows as training examples (see {@link SemanticHeadTrainer}). */
  static List<SemanticHeadTrainer.Example> examples(List<Embedded> rows) {
    Map<String, Set<String>> benignShingles = new HashMap<>();
    for (Embedded e : rows) {
      if (!e.row().positive()) {
        benignShingles.computeIfAbsent(e.row().source(), s -> new HashSet<>()).addAll(shingles(e.row().text()));
      }
    }
    List<SemanticHeadTrainer.Example> out = new ArrayList<>();
    for (Embedded e : rows) {
      List<float[]> kept = new ArrayList<>();
      Set<String> benign = benignShingles.getOrDefault(e.row().source(), Set.of());
      for (int w = 0; w < e.embeddings().length; w++) {
        if (e.row().positive() && !benign.isEmpty()) {
          List<String> sh = shingles(e.row().text().substring(e.starts()[w], e.ends()[w]));
          if (!sh.isEmpty() && benign.containsAll(sh)) {
            continue;  // this window is untouched document text that also appears benign
          }
        }
        kept.add(e.embeddings()[w]);
      }
      for (float[] v : kept) {
        out.add(new SemanticHeadTrainer.Example(e.row().source(), e.row().positive(), v, 1.0 / kept.size()));
      }
    }
    return out;
  }

  /** Word 8-grams (whitespace-separated), or the whole text for a shorter one. */
  static List<String> shingles(String text) {
    String[] words = text.trim().split("\\s+");
    List<String> out = new ArrayList<>();
    if (words.length < 8) {
      if (!text.isBlank()) {
        out.add(String.join(" ", words));
      }
      return out;
    }
    for (int i = 0; i + 8 <= words.length; i++) {
      out.add(String.join(" ", java.util.Arrays.asList(words).subList(i, i + 8)));
    }
    return out;
  }

  /** Embeds every window of every row of a file, or reads the embeddings cached for the file. */
  static List<Embedded> embed(SentenceEncoder encoder, Path file, Path cacheDir) throws IOException {
    List<InjectionModelTrainer.Row> rows = TrainInjectionModel.read(file);
    String key = sha256(Files.readAllBytes(file), SentenceEncoder.WINDOW_TOKENS + "/" + SentenceEncoder.STRIDE_TOKENS
        + "/" + MAX_WINDOWS + "/all-minilm-l6-v2-q");
    Path cache = cacheDir.resolve(key.substring(0, 16) + ".bin");
    List<Embedded> out = new ArrayList<>(rows.size());
    if (Files.isRegularFile(cache)) {
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(cache)))) {
        for (InjectionModelTrainer.Row r : rows) {
          int n = in.readInt();
          int[] starts = new int[n];
          int[] ends = new int[n];
          float[][] v = new float[n][SentenceEncoder.DIMENSIONS];
          for (int w = 0; w < n; w++) {
            starts[w] = in.readInt();
            ends[w] = in.readInt();
            for (int d = 0; d < SentenceEncoder.DIMENSIONS; d++) {
              v[w][d] = in.readFloat();
            }
          }
          out.add(new Embedded(r, starts, ends, v));
        }
      }
      System.out.println("embeddings of " + file + " from " + cache);
      return out;
    }
    long t0 = System.nanoTime();
    int done = 0;
    for (InjectionModelTrainer.Row r : rows) {
      List<SentenceEncoder.Window> ws = encoder.windows(r.text(), MAX_WINDOWS).windows();
      int[] starts = new int[ws.size()];
      int[] ends = new int[ws.size()];
      float[][] v = new float[ws.size()][];
      for (int w = 0; w < ws.size(); w++) {
        starts[w] = ws.get(w).start();
        ends[w] = ws.get(w).end();
        v[w] = encoder.embedUncached(r.text().substring(starts[w], ends[w]));
      }
      out.add(new Embedded(r, starts, ends, v));
      if (++done % 500 == 0) {
        System.out.printf(Locale.ROOT, "embedded %d/%d rows of %s in %.0f s%n", done, rows.size(), file,
            (System.nanoTime() - t0) / 1e9);
      }
    }
    Files.createDirectories(cacheDir);
    Path tmp = cacheDir.resolve(key.substring(0, 16) + ".tmp");
    try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
      for (Embedded e : out) {
        o.writeInt(e.embeddings().length);
        for (int w = 0; w < e.embeddings().length; w++) {
          o.writeInt(e.starts()[w]);
          o.writeInt(e.ends()[w]);
          for (float f : e.embeddings()[w]) {
            o.writeFloat(f);
          }
        }
      }
    }
    Files.move(tmp, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    System.out.printf(Locale.ROOT, "embedded %s in %.0f s, cached in %s%n", file, (System.nanoTime() - t0) / 1e9, cache);
    return out;
  }

  private static String sha256(byte[] bytes, String salt) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(bytes);
      d.update(salt.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void row(StringBuilder md, String name, List<InjectionModelTrainer.Row> rows,
      Predicate<InjectionModelTrainer.Row> flagged) {
    int pos = 0;
    int posHit = 0;
    int neg = 0;
    int negHit = 0;
    for (InjectionModelTrainer.Row r : rows) {
      boolean f = flagged.test(r);
      if (r.positive()) {
        pos++;
        posHit += f ? 1 : 0;
      } else {
        neg++;
        negHit += f ? 1 : 0;
      }
    }
    md.append("| ").append(name).append(" | ").append(TrainingRun.share(posHit, pos)).append(" | ").append(TrainingRun.share(negHit, neg)).append(" |\n");
  }

  private static void perSource(StringBuilder md, List<InjectionModelTrainer.Row> rows,
      Predicate<InjectionModelTrainer.Row> fast, Predicate<InjectionModelTrainer.Row> semantic) {
    TrainingRun.perSource(md, rows, InjectionModelTrainer.Row::source, InjectionModelTrainer.Row::positive,
        "injection", "benign", List.of(fast, semantic, fast.or(semantic)));
  }
}
