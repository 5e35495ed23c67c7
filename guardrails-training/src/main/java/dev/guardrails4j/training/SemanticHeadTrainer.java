package dev.guardrails4j.training;

import dev.guardrails4j.semantic.InjectionHead;
import dev.guardrails4j.semantic.SentenceEncoder;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
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
 * Trains the {@code semantic-injection} head: logistic regression (Tribuo's {@link
 * LinearSGDTrainer}, log loss, AdaGrad, fixed seed) over z-scored window embeddings. Every window of a
 * benign row is a benign example; every window of an injection row is an injection example unless
 * its text also occurs, word for word, inside a benign row of the same source (the untouched parts
 * of a document an attack was planted in). Sources are weighted so that none dominates: a source's
 * rows of one label weigh the square root of their number together, a row's weight is shared by
 * its windows, and both labels weigh the same in total.
 */
final class SemanticHeadTrainer {

  static final long SEED = 20261207L;
  static final int EPOCHS = 30;

  /** One embedded window of a row. */
  record Example(String source, boolean positive, float[] embedding, double rowShare) {
    Example {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(embedding, "embedding");
    }
  }

  /** The trained head before its threshold is chosen. */
  record Weights(float bias, float[] weights) {}

  private static final String[] NAMES = new String[SentenceEncoder.DIMENSIONS];

  static {
    for (int i = 0; i < NAMES.length; i++) {
      NAMES[i] = String.format(Locale.ROOT, "e%03d", i);
    }
  }

  private SemanticHeadTrainer() {}

  /**
   * Trains on the examples.
   *
   * @param examples the windows, in a fixed order
   * @return the bias and one weight per dimension (positive pushes towards injection)
   */
  static Weights train(List<Example> examples) {
    LabelFactory labels = new LabelFactory();
    MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("guardrails-training-semantic",
        OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), labels), labels);
    // rows per source and label: the sum of row shares (each row's windows share 1)
    Map<String, double[]> rows = new TreeMap<>();
    for (Example e : examples) {
      rows.computeIfAbsent(e.source(), s -> new double[2])[e.positive() ? 1 : 0] += e.rowShare();
    }
    double[] labelTotals = new double[2];
    Map<String, double[]> perRow = new HashMap<>();
    for (Map.Entry<String, double[]> e : rows.entrySet()) {
      double[] w = new double[2];
      for (int l = 0; l < 2; l++) {
        double n = e.getValue()[l];
        if (n > 0) {
          w[l] = Math.sqrt(n) / n;
          labelTotals[l] += Math.sqrt(n);
        }
      }
      perRow.put(e.getKey(), w);
    }
    double mean = (labelTotals[0] + labelTotals[1]) / Math.max(1, examples.size());
    // z-scored features (each dimension of a unit vector is small, which leaves plain SGD far from
    // the optimum); the scaling is folded back into the exported weights
    int dims = SentenceEncoder.DIMENSIONS;
    double[] mu = new double[dims];
    double[] sd = new double[dims];
    for (Example e : examples) {
      for (int i = 0; i < dims; i++) {
        mu[i] += e.embedding()[i];
      }
    }
    for (int i = 0; i < dims; i++) {
      mu[i] /= Math.max(1, examples.size());
    }
    for (Example e : examples) {
      for (int i = 0; i < dims; i++) {
        double d = e.embedding()[i] - mu[i];
        sd[i] += d * d;
      }
    }
    for (int i = 0; i < dims; i++) {
      sd[i] = Math.sqrt(sd[i] / Math.max(1, examples.size()));
      if (sd[i] < 1e-6) {
        sd[i] = 1;
      }
    }
    for (Example e : examples) {
      int l = e.positive() ? 1 : 0;
      double labelBalance = (labelTotals[0] + labelTotals[1]) / (2 * labelTotals[l]);
      double[] values = new double[NAMES.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = (e.embedding()[i] - mu[i]) / sd[i];
      }
      ArrayExample<Label> ex = new ArrayExample<>(new Label(e.positive() ? "injection" : "benign"), NAMES, values);
      ex.setWeight((float) (perRow.get(e.source())[l] * e.rowShare() * labelBalance / mean));
      data.add(ex);
    }
    LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), EPOCHS,
        Integer.MAX_VALUE, 1, SEED);
    LinearSGDModel model = trainer.train(data);
    DenseMatrix w = model.getWeightsCopy();
    int positive = model.getOutputIDInfo().getID(new Label("injection"));
    int negative = model.getOutputIDInfo().getID(new Label("benign"));
    int features = model.getFeatureIDMap().size();
    float[] weights = new float[dims];
    double bias = w.get(positive, features) - w.get(negative, features);
    for (int id = 0; id < features; id++) {
      int dim = Integer.parseInt(model.getFeatureIDMap().get(id).getName().substring(1));
      double z = w.get(positive, id) - w.get(negative, id);
      weights[dim] = (float) (z / sd[dim]);
      bias -= z * mu[dim] / sd[dim];
    }
    return new Weights((float) bias, weights);
  }

  /**
   * The trained head as a scorer whose threshold does not matter yet.
   *
   * @param weights the weights
   * @return the head
   */
  static InjectionHead candidate(Weights weights) {
    return InjectionHead.read("candidate", encode(weights, 0.5f));
  }

  static byte[] encode(Weights weights, float threshold) {
    return InjectionHead.encode(weights.bias(), threshold, weights.weights());
  }
}
