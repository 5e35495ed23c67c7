package dev.guardrails4j.benchmarks.quality;

/**
 * Row-level counts: positive rows should be flagged, negative rows should not.
 *
 * @param positives positive rows
 * @param caught positive rows flagged
 * @param negatives negative rows
 * @param flagged negative rows flagged (false positives)
 */
record RowCounts(int positives, int caught, int negatives, int flagged) {

  static final RowCounts ZERO = new RowCounts(0, 0, 0, 0);

  RowCounts {
    if (positives < 0 || negatives < 0 || caught < 0 || flagged < 0 || caught > positives
        || flagged > negatives) {
      throw new IllegalArgumentException("inconsistent counts " + positives + "/" + caught + "/"
          + negatives + "/" + flagged);
    }
  }

  /** One row. */
  static RowCounts row(boolean positive, boolean wasFlagged) {
    return positive
        ? new RowCounts(1, wasFlagged ? 1 : 0, 0, 0)
        : new RowCounts(0, 0, 1, wasFlagged ? 1 : 0);
  }

  RowCounts plus(RowCounts other) {
    return new RowCounts(positives + other.positives, caught + other.caught,
        negatives + other.negatives, flagged + other.flagged);
  }

  /** Caught over positives; NaN without positives. */
  double recall() {
    return positives == 0 ? Double.NaN : (double) caught / positives;
  }

  /** Flagged negatives over negatives; NaN without negatives. */
  double falsePositiveRate() {
    return negatives == 0 ? Double.NaN : (double) flagged / negatives;
  }
}
