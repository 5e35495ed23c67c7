package dev.guardrails4j.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the three trainers' command lines share: the files they read and write, given by the same
 * options, and the report rows they write the same way.
 *
 * @param train the training file
 * @param dev the dev file
 * @param out the resource to write
 * @param report the report to write
 * @param loso whether to run leave-one-source-out
 */
record TrainingRun(Path train, Path dev, Path out, Path report, boolean loso) {

  /**
   * Reads {@code --train}, {@code --dev}, {@code --out}, {@code --report} and, when the trainer
   * offers it, {@code --no-loso}; exits with status 2 when the training or dev file is missing.
   */
  static TrainingRun parse(String tool, String[] args, String trainFile, String out, String report,
      boolean losoOption) {
    Path train = Path.of("..", "shared", "eval", "train", trainFile);
    Path dev = Path.of("..", "shared", "eval", trainFile);
    Path o = Path.of(out);
    Path r = Path.of(report);
    boolean loso = true;
    String usage = "use --train FILE --dev FILE --out FILE --report FILE" + (losoOption ? " --no-loso" : "");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--train" -> train = Path.of(args[++i]);
        case "--dev" -> dev = Path.of(args[++i]);
        case "--out" -> o = Path.of(args[++i]);
        case "--report" -> r = Path.of(args[++i]);
        case "--no-loso" -> {
          if (!losoOption) {
            throw new IllegalArgumentException(args[i] + ": unknown; " + usage);
          }
          loso = false;
        }
        default -> throw new IllegalArgumentException(args[i] + ": unknown; " + usage);
      }
    }
    for (Path p : List.of(train, dev)) {
      if (!Files.isRegularFile(p)) {
        System.err.println(tool + ": " + p.toAbsolutePath().normalize() + " does not exist; give --train and --dev");
        System.exit(2);
      }
    }
    return new TrainingRun(train, dev, o, r, loso);
  }

  /** "0.767 (1104/1439)", or a dash when there is nothing to count. */
  static String share(int hit, int total) {
    return total == 0 ? "—" : String.format(Locale.ROOT, "%.3f (%d/%d)", (double) hit / total, hit, total);
  }

  /**
   * One table row per source and label: the row count, then the share each column's predicate
   * flags, sources in order.
   */
  static <T> void perSource(StringBuilder md, List<T> rows, Function<T, String> source, Predicate<T> positive,
      String positiveLabel, String negativeLabel, List<Predicate<T>> columns) {
    Map<String, int[]> counts = new TreeMap<>();
    for (T r : rows) {
      String key = source.apply(r) + "\u0000" + (positive.test(r) ? positiveLabel : negativeLabel);
      int[] c = counts.computeIfAbsent(key, k -> new int[columns.size() + 1]);
      c[0]++;
      for (int i = 0; i < columns.size(); i++) {
        c[i + 1] += columns.get(i).test(r) ? 1 : 0;
      }
    }
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      String[] k = e.getKey().split("\u0000");
      int[] c = e.getValue();
      md.append("| ").append(k[0]).append(" | ").append(c[0]).append(" | ").append(k[1]).append(" |");
      for (int i = 1; i < c.length; i++) {
        md.append(' ').append(share(c[i], c[0])).append(" |");
      }
      md.append('\n');
    }
  }
}
