package dev.guardrails4j.core.internal;

/**
 * Not API. The features of the learned text scorers: character n-grams and word uni- and bigrams
 * of a normalised text, each hashed into one of {@code buckets} slots. The build-time trainer and
 * the scorer in core call this one class, so that a model sees at run time exactly the features it
 * was trained on.
 *
 * <p>Normalisation, one character at a time and without allocation: letters and digits are folded
 * to lower case; characters of Unicode category Cf (zero-width and other format characters, soft
 * hyphens, tag characters) are dropped, so {@code ig&#8203;nore} reads {@code ignore}; every other
 * character (spaces, punctuation, symbols, controls) ends a word. Character n-grams run inside
 * words with a boundary mark at each end ({@code " ign"}, {@code "ore "}), so they are the same
 * whatever separates the words.
 *
 * <p>Hashing is 32-bit FNV-1a over the UTF-16 code units, with a different seed per feature kind;
 * the bucket is the hash modulo {@code buckets} (a power of two). Collisions are accepted: with
 * 2^18 buckets they cost little accuracy and keep the model a fixed size.
 *
 * <p>Thread-safe: no state; visitors receive bucket indexes.
 */
public final class HashedNgrams {

  /** Receives one feature occurrence. */
  @FunctionalInterface
  public interface Sink {
    /**
     * One feature occurrence.
     *
     * @param bucket its bucket, in {@code [0, buckets)}
     */
    void feature(int bucket);
  }

  static final int FNV_PRIME = 0x01000193;
  private static final int CHAR_SEED = 0x811C9DC5;
  static final int WORD_SEED = 0x2F3A1B07;
  static final int PAIR_SEED = 0x5BD1E995;

  /** The longest word taken whole as a word feature; longer runs still give character n-grams. */
  static final int MAX_WORD = 40;

  final int mask;
  private final int minN;
  private final int maxN;

  /**
   * Features with character n-grams of {@code minN..maxN} characters.
   *
   * @param buckets a power of two between 2^10 and 2^24
   * @param minN shortest character n-gram, at least 2
   * @param maxN longest character n-gram, at most 8
   */
  public HashedNgrams(int buckets, int minN, int maxN) {
    if (Integer.bitCount(buckets) != 1 || buckets < (1 << 10) || buckets > (1 << 24)) {
      throw new IllegalArgumentException("buckets must be a power of two between 2^10 and 2^24, got " + buckets);
    }
    if (minN < 2 || maxN > 8 || minN > maxN) {
      throw new IllegalArgumentException("n-gram lengths must satisfy 2 <= min <= max <= 8, got " + minN + ".." + maxN);
    }
    this.mask = buckets - 1;
    this.minN = minN;
    this.maxN = maxN;
  }

  /**
   * The normalised form of one character: lower case for letters and digits, {@code 0} for a
   * character to drop (format characters), {@code ' '} for a word boundary.
   *
   * @param c the character
   * @return the folded character, 0 or a space
   */
  public static char fold(char c) {
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        return c;
      }
      if (c >= 'A' && c <= 'Z') {
        return (char) (c + 32);
      }
      return ' ';
    }
    if (Character.getType(c) == Character.FORMAT) {
      return 0;
    }
    if (Character.isLetterOrDigit(c) || Character.isSurrogate(c)) {
      return Character.toLowerCase(c);
    }
    return ' ';
  }

  /**
   * Emits every feature of {@code text[from, to)}.
   *
   * @param text the text
   * @param from the first character
   * @param to one past the last character
   * @param sink receives each feature's bucket
   * @return the number of features emitted
   */
  public int features(CharSequence text, int from, int to, Sink sink) {
    // the current word, folded, with its boundary marks: ' ' + word + ' '
    char[] word = new char[MAX_WORD + 2];
    int length = 0;            // folded characters of the current word
    boolean longWord = false;
    int previousWordHash = 0;
    boolean hasPrevious = false;
    int count = 0;
    for (int i = from; i <= to; i++) {
      char c = i < to ? fold(text.charAt(i)) : ' ';
      if (c == 0) {
        continue;
      }
      if (c != ' ') {
        if (length < MAX_WORD) {
          word[length + 1] = c;
        } else {
          longWord = true;
        }
        length++;
        continue;
      }
      if (length == 0) {
        continue;
      }
      int n = Math.min(length, MAX_WORD);
      word[0] = ' ';
      word[n + 1] = ' ';
      count += charGrams(word, n + 2, sink);
      if (!longWord) {
        int h = hash(WORD_SEED, word, 1, n + 1);
        sink.feature(h & mask);
        count++;
        if (hasPrevious) {
          sink.feature(((previousWordHash * FNV_PRIME) ^ h ^ PAIR_SEED) * FNV_PRIME & mask);
          count++;
        }
        previousWordHash = h;
        hasPrevious = true;
      } else {
        hasPrevious = false;
      }
      length = 0;
      longWord = false;
    }
    return count;
  }

  int charGrams(char[] w, int len, Sink sink) {
    int count = 0;
    for (int start = 0; start + minN <= len; start++) {
      int h = CHAR_SEED;
      int end = Math.min(len, start + maxN);
      for (int k = start; k < end; k++) {
        h = (h ^ w[k]) * FNV_PRIME;
        if (k - start + 1 >= minN) {
          sink.feature((h ^ (k - start + 1)) * FNV_PRIME & mask);
          count++;
        }
      }
    }
    return count;
  }

  static int hash(int seed, char[] w, int from, int to) {
    int h = seed;
    for (int k = from; k < to; k++) {
      h = (h ^ w[k]) * FNV_PRIME;
    }
    return h;
  }
}
