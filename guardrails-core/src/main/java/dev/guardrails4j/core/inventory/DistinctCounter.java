package dev.guardrails4j.core.inventory;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts distinct 64-bit fingerprints in fixed memory (8 KiB) by linear counting: each fingerprint
 * sets one of 65,536 bits, and the count is estimated from the share of bits still clear. No
 * fingerprint is kept, so a user cannot be recovered from the counter; for up to a few thousand
 * distinct callers the estimate is within a few percent (and exact for small counts but for rare
 * collisions). Once every bit is set the count is only known to be at least {@link #SATURATED}.
 */
final class DistinctCounter {

  static final int BITS = 1 << 16;

  /** The estimate reported once the bitmap is full. */
  static final long SATURATED = Math.round(BITS * Math.log(BITS));

  private final AtomicLongArray words = new AtomicLongArray(BITS / 64);

  void add(long fingerprint) {
    // mix, so that fingerprints differing only in high bits still spread
    long h = fingerprint * 0x9E3779B97F4A7C15L;
    int bit = (int) (h >>> 48);
    int word = bit >>> 6;
    long mask = 1L << (bit & 63);
    long old = words.get(word);
    while ((old & mask) == 0 && !words.compareAndSet(word, old, old | mask)) {
      old = words.get(word);
    }
  }

  /** The estimated number of distinct fingerprints added. */
  long estimate() {
    long set = 0;
    for (int i = 0; i < words.length(); i++) {
      set += Long.bitCount(words.get(i));
    }
    long zeros = BITS - set;
    if (zeros == 0) {
      return SATURATED;
    }
    return Math.round(-BITS * Math.log((double) zeros / BITS));
  }

  /** Whether the estimate is only a lower bound. */
  boolean saturated() {
    for (int i = 0; i < words.length(); i++) {
      if (words.get(i) != -1L) {
        return false;
      }
    }
    return true;
  }
}
