package dev.guardrails4j.core.internal;

/**
 * The weight sums of {@link HashedNgrams} features over overlapping windows of one long text,
 * computed from one pass over the text. Windows overlap (a stride of half a window reads every
 * character twice), but the features of a word that lies wholly inside a window do not depend on
 * the window: each word's own features (character n-grams and the word itself) and its pair with
 * the word before are summed once, and a window adds up the words it holds. Only the words a
 * window's edges cut in two are folded and hashed again.
 *
 * <p>The result is exactly that of {@link HashedNgrams#features} over each window: the sums are
 * integers, so the order of addition does not matter ({@code LinearTextModelTests} compares the
 * two on random texts).
 */
final class WindowedFeatures {

  private final HashedNgrams g;
  private final byte[] weights;
  private final char[] buffer = new char[HashedNgrams.MAX_WORD + 2];
  private final Tally tally;

  // the words of the text, in order: offsets of their first and one past their last kept character
  private int count;
  private int[] start = new int[64];
  private int[] end = new int[64];
  private long[] own = new long[64];
  private int[] ownN = new int[64];
  private long[] pair = new long[64];
  private int[] hash = new int[64];
  private boolean[] longWord = new boolean[64];

  WindowedFeatures(HashedNgrams g, byte[] weights) {
    this.g = g;
    this.weights = weights;
    this.tally = new Tally(weights);
  }

  /** Adds up weights and counts features. */
  static final class Tally implements HashedNgrams.Sink {
    private final byte[] weights;
    long total;
    int n;

    Tally(byte[] weights) {
      this.weights = weights;
    }

    @Override
    public void feature(int bucket) {
      total += weights[bucket];
      n++;
    }
  }

  /** Reads the words of the whole text. */
  void read(CharSequence text) {
    count = 0;
    int length = text.length();
    int wordStart = -1;
    int wordEnd = -1;
    int kept = 0;
    for (int i = 0; i <= length; i++) {
      char c = i < length ? HashedNgrams.fold(text.charAt(i)) : ' ';
      if (c == 0) {
        continue;
      }
      if (c != ' ') {
        if (kept < HashedNgrams.MAX_WORD) {
          buffer[kept + 1] = c;
        }
        if (kept == 0) {
          wordStart = i;
        }
        kept++;
        wordEnd = i + 1;
        continue;
      }
      if (kept > 0) {
        addWord(wordStart, wordEnd, kept);
        kept = 0;
      }
    }
  }

  private void addWord(int s, int e, int kept) {
    if (count == start.length) {
      grow();
    }
    int n = Math.min(kept, HashedNgrams.MAX_WORD);
    boolean isLong = kept > HashedNgrams.MAX_WORD;
    tally.total = 0;
    tally.n = 0;
    buffer[0] = ' ';
    buffer[n + 1] = ' ';
    g.charGrams(buffer, n + 2, tally);
    int h = 0;
    if (!isLong) {
      h = HashedNgrams.hash(HashedNgrams.WORD_SEED, buffer, 1, n + 1);
      tally.feature(h & g.mask);
    }
    start[count] = s;
    end[count] = e;
    own[count] = tally.total;
    ownN[count] = tally.n;
    hash[count] = h;
    longWord[count] = isLong;
    pair[count] = count > 0 && !isLong && !longWord[count - 1] ? weights[pairBucket(hash[count - 1], h)] : 0;
    count++;
  }

  private int pairBucket(int previous, int h) {
    return ((previous * HashedNgrams.FNV_PRIME) ^ h ^ HashedNgrams.PAIR_SEED) * HashedNgrams.FNV_PRIME & g.mask;
  }

  private void grow() {
    int c = start.length * 2;
    start = java.util.Arrays.copyOf(start, c);
    end = java.util.Arrays.copyOf(end, c);
    own = java.util.Arrays.copyOf(own, c);
    ownN = java.util.Arrays.copyOf(ownN, c);
    pair = java.util.Arrays.copyOf(pair, c);
    hash = java.util.Arrays.copyOf(hash, c);
    longWord = java.util.Arrays.copyOf(longWord, c);
  }

  /** The first word that ends after {@code offset}, or {@code count}. */
  private int firstEndingAfter(int offset) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (end[mid] <= offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The features of {@code text[from, to)}: their weight sum in {@link Tally#total} and their
   * number in {@link Tally#n} of the returned tally (reused by the next call).
   */
  Tally window(CharSequence text, int from, int to) {
    long total = 0;
    int n = 0;
    int i = firstEndingAfter(from);
    // the previous word's hash, as features() would see it inside this window; NONE before any
    boolean hasPrevious = false;
    int previous = 0;
    if (i < count && start[i] < from) {
      // the window starts inside word i: only its part from `from` on counts
      int stop = Math.min(end[i], to);
      partial(text, from, stop);
      total += tally.total;
      n += tally.n;
      if (partialKept > 0 && !partialLong) {
        hasPrevious = true;
        previous = partialHash;
      } else if (partialKept > 0) {
        hasPrevious = false;
      }
      if (end[i] >= to) {
        tally.total = total;
        tally.n = n;
        return tally;
      }
      i++;
    }
    for (; i < count && end[i] <= to; i++) {
      total += own[i];
      n += ownN[i];
      if (!longWord[i]) {
        if (hasPrevious) {
          total += i > 0 && start[i] >= from && previousIsWord(i, from) ? pair[i] : weights[pairBucket(previous, hash[i])];
          n++;
        }
        hasPrevious = true;
        previous = hash[i];
      } else {
        hasPrevious = false;
      }
    }
    if (i < count && start[i] < to) {
      // the window ends inside word i
      partial(text, start[i], to);
      total += tally.total;
      n += tally.n;
      if (partialKept > 0 && !partialLong && hasPrevious) {
        total += weights[pairBucket(previous, partialHash)];
        n++;
      }
    }
    tally.total = total;
    tally.n = n;
    return tally;
  }

  /* Whether word i's pair sum was made with word i - 1 as it stands whole in this window. */
  private boolean previousIsWord(int i, int from) {
    return start[i - 1] >= from;
  }

  private int partialKept;
  private boolean partialLong;
  private int partialHash;

  /* The own features of the kept characters of text[from, to) read as one word. */
  private void partial(CharSequence text, int from, int to) {
    int kept = 0;
    for (int k = from; k < to; k++) {
      char c = HashedNgrams.fold(text.charAt(k));
      if (c == 0) {
        continue;
      }
      if (kept < HashedNgrams.MAX_WORD) {
        buffer[kept + 1] = c;
      }
      kept++;
    }
    tally.total = 0;
    tally.n = 0;
    partialKept = kept;
    partialLong = kept > HashedNgrams.MAX_WORD;
    if (kept == 0) {
      return;
    }
    int n = Math.min(kept, HashedNgrams.MAX_WORD);
    buffer[0] = ' ';
    buffer[n + 1] = ' ';
    g.charGrams(buffer, n + 2, tally);
    if (!partialLong) {
      partialHash = HashedNgrams.hash(HashedNgrams.WORD_SEED, buffer, 1, n + 1);
      tally.feature(partialHash & g.mask);
    }
  }
}
