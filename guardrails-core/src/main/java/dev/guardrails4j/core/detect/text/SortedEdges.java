package dev.guardrails4j.core.detect.text;

/**
 * The edge lookup both automata share: the edges of a state are a slice of parallel arrays sorted
 * by label; short slices are scanned, long ones (common words with many successors) are
 * binary-searched.
 */
final class SortedEdges {

  private SortedEdges() {}

  /**
   * The target of the edge labelled {@code label} in {@code labels[lo, hi)}, or 0 (the root) when
   * there is none.
   */
  static int find(int[] labels, int[] targets, int lo, int hi, int label) {
    if (hi - lo <= 8) {
      for (int k = lo; k < hi; k++) {
        if (labels[k] == label) {
          return targets[k];
        }
      }
      return 0;
    }
    hi--;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int m = labels[mid];
      if (m < label) {
        lo = mid + 1;
      } else if (m > label) {
        hi = mid - 1;
      } else {
        return targets[mid];
      }
    }
    return 0;
  }
}
