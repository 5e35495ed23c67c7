package dev.guardrails4j.benchmarks.quality;

import java.util.List;

/**
 * Entity-level counts for one type: a predicted span is correct when a labelled span of the same
 * type overlaps it, and a labelled span is found when a predicted span of the same type overlaps
 * it. Precision and recall are computed on these two counts separately, so one long prediction
 * covering two labels finds both without counting twice.
 *
 * @param labelled labelled spans
 * @param found labelled spans overlapped by a prediction of their type
 * @param predicted predicted spans
 * @param correct predicted spans overlapping a label of their type
 */
record SpanCounts(int labelled, int found, int predicted, int correct) {

  static final SpanCounts ZERO = new SpanCounts(0, 0, 0, 0);

  SpanCounts {
    if (labelled < 0 || found < 0 || predicted < 0 || correct < 0 || found > labelled
        || correct > predicted) {
      throw new IllegalArgumentException("inconsistent counts " + labelled + "/" + found + "/"
          + predicted + "/" + correct);
    }
  }

  /** Counts one text's spans of {@code type}; spans of other types are ignored. */
  static SpanCounts of(String type, List<Span> labels, List<Span> predictions) {
    int labelled = 0;
    int found = 0;
    for (Span label : labels) {
      if (label.type().equals(type)) {
        labelled++;
        if (predictions.stream().anyMatch(label::matches)) {
          found++;
        }
      }
    }
    int predicted = 0;
    int correct = 0;
    for (Span prediction : predictions) {
      if (prediction.type().equals(type)) {
        predicted++;
        if (labels.stream().anyMatch(prediction::matches)) {
          correct++;
        }
      }
    }
    return new SpanCounts(labelled, found, predicted, correct);
  }

  SpanCounts plus(SpanCounts other) {
    return new SpanCounts(labelled + other.labelled, found + other.found,
        predicted + other.predicted, correct + other.correct);
  }

  /** Correct predictions over predictions; NaN when nothing was predicted. */
  double precision() {
    return predicted == 0 ? Double.NaN : (double) correct / predicted;
  }

  /** Found labels over labels; NaN when nothing is labelled. */
  double recall() {
    return labelled == 0 ? Double.NaN : (double) found / labelled;
  }

  /** The harmonic mean of precision and recall; 0 when either is 0 or undefined. */
  double f1() {
    double p = precision();
    double r = recall();
    if (Double.isNaN(p) || Double.isNaN(r) || p + r == 0) {
      return 0.0;
    }
    return 2 * p * r / (p + r);
  }
}
