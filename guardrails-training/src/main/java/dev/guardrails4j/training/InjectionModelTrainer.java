package dev.guardrails4j.training;

import dev.guardrails4j.core.internal.HashedNgrams;
import dev.guardrails4j.core.internal.LinearTextModel;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
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
 * Trains the prompt-injection model: logistic regression (Tribuo's {@link LinearSGDTrainer} with
 * the log loss and AdaGrad, fixed seed) over {@link HashedNgrams} features, the same features core
 * computes at run time. Sources are weighted so that none dominates (each source's rows share a
 * total weight proportional to the square root of its size), and the two labels weigh the same in
 * total. The weights are exported into {@link LinearTextModel}'s format, and the threshold is the
 * lowest score at which at most the allowed share of the benign tuning rows is flagged.
 */
final class InjectionModelTrainer {

  /** The feature space: 2^18 buckets, character 3- to 5-grams, word 1- and 2-grams. */
  static final int BUCKETS = 1 << 18;
  static final int MIN_N = 3;
  static final int MAX_N = 5;
  /** Texts longer than this are scored in windows; the highest window wins. */
  static final int WINDOW = 1024;
  static final int STRIDE = 512;
  static final long SEED = 20261207L;
  static final int EPOCHS = 8;

  /** One labelled row. */
  record Row(String id, String source, String text, boolean positive) {
    Row {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(text, "text");
    }
  }

  /** The trained model's parts before its threshold is chosen. */
  record Weights(float bias, float[] weights) {}

  private static final HashedNgrams FEATURES = new HashedNgrams(BUCKETS, MIN_N, MAX_N);

  private InjectionModelTrainer() {}

  /**
   * Trains on the rows.
   *
   * @param rows the training rows, in a fixed order
   * @return the bias and one weight per bucket (positive pushes towards injection)
   */
  static Weights train(List<Row> rows) {
    LabelFactory labels = new LabelFactory();
    MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("guardrails-training",
        OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), labels), labels);
    Map<String, double[]> sourceLabelRows = new TreeMap<>();
    for (Row r : rows) {
      sourceLabelRows.computeIfAbsent(r.source(), s -> new double[2])[r.positive() ? 1 : 0]++;
    }
    double[] labelTotals = new double[2];
    Map<String, double[]> perRow = new HashMap<>();
    for (Map.Entry<String, double[]> e : sourceLabelRows.entrySet()) {
      double[] w = new double[2];
      for (int l = 0; l < 2; l++) {
        double n = e.getValue()[l];
        if (n > 0) {
          w[l] = Math.sqrt(n) / n;             // a source's rows weigh sqrt(n) together
          labelTotals[l] += Math.sqrt(n);
        }
      }
      perRow.put(e.getKey(), w);
    }
    double mean = (labelTotals[0] + labelTotals[1]) / rows.size();
    for (Row r : rows) {
      int l = r.positive() ? 1 : 0;
      double labelBalance = (labelTotals[0] + labelTotals[1]) / (2 * labelTotals[l]);
      float weight = (float) (perRow.get(r.source())[l] * labelBalance / mean);
      data.add(example(r.text(), r.positive() ? "injection" : "benign", weight));
    }
    LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), EPOCHS,
        Integer.MAX_VALUE, 1, SEED);
    LinearSGDModel model = trainer.train(data);
    DenseMatrix w = model.getWeightsCopy();
    int positive = model.getOutputIDInfo().getID(new Label("injection"));
    int negative = model.getOutputIDInfo().getID(new Label("benign"));
    int features = model.getFeatureIDMap().size();
    if (w.getDimension2Size() != features + 1) {
      throw new IllegalStateException("unexpected weight matrix " + w.getDimension1Size() + "x" + w.getDimension2Size()
          + " for " + features + " features");
    }
    float[] weights = new float[BUCKETS];
    for (int id = 0; id < features; id++) {
      int bucket = Integer.parseInt(model.getFeatureIDMap().get(id).getName().substring(1));
      weights[bucket] = (float) (w.get(positive, id) - w.get(negative, id));
    }
    float bias = (float) (w.get(positive, features) - w.get(negative, features));
    return new Weights(bias, weights);
  }

  /** One Tribuo example: features named {@code b<bucket>}, valued count / sqrt(occurrences). */
  static ArrayExample<Label> example(String text, String label, float weight) {
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
   * The threshold: the lowest score at which rules and model together flag at most
   * {@code maxBenignShare} of the benign tuning rows.
   *
   * @param tuning the rows the threshold is chosen on
   * @param score each row's model score (out of fold where the rows were trained on)
   * @param alreadyFlagged the rows the detector's rules flag anyway
   * @param maxBenignShare the share of benign tuning rows that may be flagged in all
   * @return the threshold
   */
  static float threshold(List<Row> tuning, java.util.function.ToDoubleFunction<Row> score,
      Predicate<Row> alreadyFlagged, double maxBenignShare) {
    List<Double> benignScores = new ArrayList<>();
    int benign = 0;
    int flaggedByRules = 0;
    for (Row r : tuning) {
      if (r.positive()) {
        continue;
      }
      benign++;
      if (alreadyFlagged.test(r)) {
        flaggedByRules++;
      } else {
        benignScores.add(score.applyAsDouble(r));
      }
    }
    benignScores.sort(null);
    int allowed = (int) Math.floor(maxBenignShare * benign) - flaggedByRules;
    if (benignScores.isEmpty()) {
      return 0f;
    }
    // flag only scores strictly above the (allowed + 1)-th highest benign score
    int index = Math.max(0, benignScores.size() - Math.max(0, allowed) - 1);
    return Math.nextUp((float) (double) benignScores.get(index));
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
   * The trained weights as a model whose threshold does not matter yet.
   *
   * @param weights the weights
   * @return the model
   */
  static LinearTextModel candidate(Weights weights) {
    return LinearTextModel.read("candidate", encode(weights, 0f));
  }
}
