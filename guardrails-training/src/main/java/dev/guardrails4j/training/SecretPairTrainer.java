package dev.guardrails4j.training;

import dev.guardrails4j.core.internal.HashedNgrams;
import dev.guardrails4j.core.internal.LinearTextModel;
import dev.guardrails4j.core.internal.SecretPairFeatures;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the secrets detector's pair model: logistic regression (Tribuo's {@link LinearSGDTrainer},
 * log loss, AdaGrad, fixed seed) over {@link SecretPairFeatures} sentences, hashed by
 * {@link HashedNgrams} exactly as core hashes them at run time.
 *
 * <p>Training pairs come from the labelled lines: every name/value pair found in a line (key and
 * binder {@code =}, {@code :}, {@code :=}, {@code =>}; an XML element; a command-line flag and its
 * argument; {@code user:password@} in a URL). In a {@code none} line every pair is a negative; in a
 * {@code secret} line the pair whose value carries the most information (length times entropy) is
 * the positive, the others are left out, since a labelled line says that it holds a secret, not
 * which of its pairs it is. Sources weigh the square root of their size, both labels the same.
 */
final class SecretPairTrainer {

  /** 2^14 buckets: word 1- and 2-grams of the feature sentence (character 8-grams are few). */
  static final int BUCKETS = 1 << 14;
  static final int MIN_N = 8;
  static final int MAX_N = 8;
  static final int WINDOW = 1024;
  static final int STRIDE = 1024;
  static final long SEED = 20261207L;
  static final int EPOCHS = 10;

  private static final HashedNgrams FEATURES = new HashedNgrams(BUCKETS, MIN_N, MAX_N);

  private static final Pattern ASSIGNMENT = Pattern.compile(
      "([\"']?)([A-Za-z_][A-Za-z0-9_.\\-]{0,60})\\1\\s{0,3}(:=|=>|=|:)\\s{0,3}([\"']?)([^\\s\"'`,;<>(){}\\[\\]]{1,256})\\4");
  private static final Pattern XML = Pattern.compile("<([A-Za-z_][\\w.:-]{0,60})>([^<\\s]{1,256})</\\1>");
  private static final Pattern FLAG = Pattern.compile(
      "(?<![\\w-])--?([A-Za-z][\\w-]{0,40})(?:=| +)([\"']?)([^\\s\"'-][^\\s\"']{0,255})\\2");
  private static final Pattern URL = Pattern.compile("://([^\\s:/@]{1,64}):([^\\s/@]{1,128})@");

  /** One labelled line. */
  record Row(String id, String source, String text, boolean positive) {
    Row {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(text, "text");
    }
  }

  /** One name/value pair, described by its features. */
  record Pair(String rowId, String source, String features, boolean positive, double information) {}

  /** The trained model's parts before its threshold is chosen. */
  record Weights(float bias, float[] weights) {}

  private SecretPairTrainer() {}

  /**
   * The pairs of a line, each labelled with the line's label (see the class comment).
   *
   * @param row the line
   * @param allOfASecretLine keep every pair of a secret line (for scoring), not only the best one
   * @return the pairs
   */
  static List<Pair> pairs(Row row, boolean allOfASecretLine) {
    List<Pair> all = new ArrayList<>();
    String t = row.text();
    Matcher m = ASSIGNMENT.matcher(t);
    while (m.find()) {
      char binder = m.group(3).contains(":") && !m.group(3).equals(":=") ? ':' : '=';
      add(all, row, m.group(2), m.group(5), !m.group(4).isEmpty(), binder);
    }
    m = XML.matcher(t);
    while (m.find()) {
      add(all, row, m.group(1), m.group(2), false, '>');
    }
    m = FLAG.matcher(t);
    while (m.find()) {
      add(all, row, m.group(1), m.group(3), !m.group(2).isEmpty(), '-');
    }
    m = URL.matcher(t);
    while (m.find()) {
      add(all, row, m.group(1), m.group(2), false, '@');
    }
    if (!row.positive() || allOfASecretLine || all.isEmpty()) {
      return all;
    }
    Pair best = all.get(0);
    for (Pair p : all) {
      if (p.information() > best.information()) {
        best = p;
      }
    }
    return List.of(best);
  }

  private static void add(List<Pair> out, Row row, String name, String value, boolean quoted, char binder) {
    out.add(new Pair(row.id(), row.source(), SecretPairFeatures.describe(name, value, quoted, binder),
        row.positive(), information(value)));
  }

  private static double information(String v) {
    int[] counts = new int[65536];
    double h = 0;
    for (int i = 0; i < v.length(); i++) {
      counts[v.charAt(i)]++;
    }
    for (int i = 0; i < v.length(); i++) {
      int c = counts[v.charAt(i)];
      if (c > 0) {
        double p = (double) c / v.length();
        h -= c * p * Math.log(p);
        counts[v.charAt(i)] = 0;
      }
    }
    return h;
  }

  /**
   * Trains on pairs.
   *
   * @param pairs the training pairs, in a fixed order
   * @return the bias and one weight per bucket (positive pushes towards a secret)
   */
  static Weights train(List<Pair> pairs) {
    LabelFactory labels = new LabelFactory();
    MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("guardrails-training",
        OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), labels), labels);
    Map<String, double[]> sourceLabel = new TreeMap<>();
    for (Pair p : pairs) {
      sourceLabel.computeIfAbsent(p.source(), s -> new double[2])[p.positive() ? 1 : 0]++;
    }
    double[] labelTotals = new double[2];
    Map<String, double[]> perPair = new HashMap<>();
    for (Map.Entry<String, double[]> e : sourceLabel.entrySet()) {
      double[] w = new double[2];
      for (int l = 0; l < 2; l++) {
        double n = e.getValue()[l];
        if (n > 0) {
          w[l] = Math.sqrt(n) / n;
          labelTotals[l] += Math.sqrt(n);
        }
      }
      perPair.put(e.getKey(), w);
    }
    double mean = (labelTotals[0] + labelTotals[1]) / pairs.size();
    for (Pair p : pairs) {
      int l = p.positive() ? 1 : 0;
      double balance = (labelTotals[0] + labelTotals[1]) / (2 * labelTotals[l]);
      data.add(example(p.features(), p.positive() ? "secret" : "none",
          (float) (perPair.get(p.source())[l] * balance / mean)));
    }
    LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), EPOCHS,
        Integer.MAX_VALUE, 1, SEED);
    LinearSGDModel model = trainer.train(data);
    DenseMatrix w = model.getWeightsCopy();
    int positive = model.getOutputIDInfo().getID(new Label("secret"));
    int negative = model.getOutputIDInfo().getID(new Label("none"));
    int features = model.getFeatureIDMap().size();
    float[] weights = new float[BUCKETS];
    for (int id = 0; id < features; id++) {
      int bucket = Integer.parseInt(model.getFeatureIDMap().get(id).getName().substring(1));
      weights[bucket] = (float) (w.get(positive, id) - w.get(negative, id));
    }
    return new Weights((float) (w.get(positive, features) - w.get(negative, features)), weights);
  }

  private static ArrayExample<Label> example(String text, String label, float weight) {
    Map<Integer, Integer> counts = new TreeMap<>();
    int n = FEATURES.features(text, 0, text.length(), b -> counts.merge(b, 1, Integer::sum));
    String[] names = new String[counts.size()];
    double[] values = new double[counts.size()];
    int i = 0;
    double norm = n == 0 ? 1 : Math.sqrt(n);
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      names[i] = "b" + e.getKey();
      values[i] = e.getValue() / norm;
      i++;
    }
    ArrayExample<Label> example = new ArrayExample<>(new Label(label), names, values);
    example.setWeight(weight);
    return example;
  }

  /**
   * Encodes trained weights with a threshold.
   *
   * @param weights the weights
   * @param threshold the threshold
   * @return the resource's bytes
   */
  static byte[] encode(Weights weights, float threshold) {
    return LinearTextModel.encode(BUCKETS, MIN_N, MAX_N, WINDOW, STRIDE, weights.bias(), threshold, weights.weights());
  }

  /**
   * The lowest threshold at which at most {@code maxShare} of the given negative pairs score at or
   * above it.
   *
   * @param negativeScores the scores of negative pairs
   * @param maxShare the share that may be flagged
   * @return the threshold
   */
  static float threshold(List<Double> negativeScores, double maxShare) {
    List<Double> sorted = new ArrayList<>(negativeScores);
    sorted.sort(null);
    if (sorted.isEmpty()) {
      return 0f;
    }
    int allowed = (int) Math.floor(maxShare * sorted.size());
    int index = Math.max(0, sorted.size() - allowed - 1);
    return Math.nextUp((float) (double) sorted.get(index));
  }
}
