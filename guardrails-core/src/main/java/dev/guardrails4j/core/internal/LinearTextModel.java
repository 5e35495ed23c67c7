package dev.guardrails4j.core.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Not API. A linear model over {@link HashedNgrams} features, scored with a dot product: the
 * learned part of a detector, trained at build time by {@code guardrails-training} (Tribuo) and
 * shipped as a compact resource, so that core needs no ML runtime.
 *
 * <p>The score of a text is the model's log-odds, {@code bias + scale * sum(q[f]) / sqrt(n)} over
 * the {@code n} feature occurrences {@code f} of the text, with int8 weights {@code q}. A text
 * longer than {@link #window()} is scored in overlapping windows ({@link #stride()} apart) and the
 * highest window wins, so an instruction planted in the middle of a long document is not diluted
 * by the text around it.
 *
 * <h2>Resource format</h2>
 *
 * <p>Big-endian: the 8 bytes {@code GR4JLTM1}; ints {@code buckets}, {@code minN}, {@code maxN},
 * {@code window}, {@code stride}; floats {@code bias}, {@code threshold}, {@code scale}; then
 * {@code buckets} signed bytes of weights; then the 32-byte SHA-256 of everything before it. A
 * resource that is missing, cut short, or whose checksum does not match fails at load with a
 * message that names it: a detector never runs on a damaged model.
 *
 * <p>Immutable and thread-safe.
 */
public final class LinearTextModel {

  private static final byte[] MAGIC = "GR4JLTM1".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = MAGIC.length + 5 * 4 + 3 * 4;
  private static final int DIGEST = 32;

  private final HashedNgrams features;
  private final int buckets;
  private final int minN;
  private final int maxN;
  private final int window;
  private final int stride;
  private final float bias;
  private final float threshold;
  private final float scale;
  private final byte[] weights;
  private final String checksum;

  private LinearTextModel(int buckets, int minN, int maxN, int window, int stride, float bias,
      float threshold, float scale, byte[] weights, String checksum) {
    this.features = new HashedNgrams(buckets, minN, maxN);
    this.buckets = buckets;
    this.minN = minN;
    this.maxN = maxN;
    this.window = window;
    this.stride = stride;
    this.bias = bias;
    this.threshold = threshold;
    this.scale = scale;
    this.weights = weights;
    this.checksum = checksum;
  }

  /**
   * Reads a model from a class path resource.
   *
   * @param anchor a class whose class loader sees the resource
   * @param resource the resource's absolute path, for example {@code /dev/guardrails4j/x.bin}
   * @return the model
   * @throws IllegalStateException when the resource is missing or damaged, naming it
   */
  public static LinearTextModel fromResource(Class<?> anchor, String resource) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("learned model " + resource + " is missing from the class path"
            + " (guardrails-core's jar holds it; a shaded or trimmed jar must keep it)");
      }
      return read(resource, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read learned model " + resource, e);
    }
  }

  /**
   * Reads a model from its bytes.
   *
   * @param name how messages name the model
   * @param bytes the resource's bytes
   * @return the model
   * @throws IllegalStateException when the bytes are not a whole, undamaged model
   */
  public static LinearTextModel read(String name, byte[] bytes) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length < HEADER + DIGEST || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw damaged(name, "not a Guardrails4j linear model (" + bytes.length + " bytes)");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    b.position(MAGIC.length);
    int buckets = b.getInt();
    int minN = b.getInt();
    int maxN = b.getInt();
    int window = b.getInt();
    int stride = b.getInt();
    float bias = b.getFloat();
    float threshold = b.getFloat();
    float scale = b.getFloat();
    if (Integer.bitCount(buckets) != 1 || buckets < (1 << 10) || buckets > (1 << 24)) {
      throw damaged(name, "bucket count " + buckets);
    }
    if (bytes.length != HEADER + buckets + DIGEST) {
      throw damaged(name, "cut short or too long: " + bytes.length + " bytes, expected " + (HEADER + buckets + DIGEST));
    }
    byte[] digest = sha256(bytes, HEADER + buckets);
    if (!Arrays.equals(digest, 0, DIGEST, bytes, HEADER + buckets, bytes.length)) {
      throw damaged(name, "checksum mismatch");
    }
    if (window < 64 || stride < 1 || stride > window || !Float.isFinite(bias) || !Float.isFinite(threshold)
        || !Float.isFinite(scale) || scale <= 0) {
      throw damaged(name, "bad header values");
    }
    byte[] weights = Arrays.copyOfRange(bytes, HEADER, HEADER + buckets);
    try {
      return new LinearTextModel(buckets, minN, maxN, window, stride, bias, threshold, scale, weights,
          HexFormat.of().formatHex(digest));
    } catch (IllegalArgumentException e) {
      throw damaged(name, e.getMessage());
    }
  }

  private static IllegalStateException damaged(String name, String what) {
    return new IllegalStateException("learned model " + name + " is damaged: " + what
        + "; rebuild it with guardrails-training or restore the released jar");
  }

  /**
   * Encodes a model: the trainer's side of {@link #read}. Weights are quantised to int8 with one
   * scale; the same inputs give the same bytes.
   *
   * @param buckets the feature space, a power of two
   * @param minN shortest character n-gram
   * @param maxN longest character n-gram
   * @param window the longest text scored as one window
   * @param stride the distance between windows
   * @param bias the intercept
   * @param threshold the score from which a text is flagged
   * @param weights one weight per bucket
   * @return the resource's bytes
   */
  public static byte[] encode(int buckets, int minN, int maxN, int window, int stride, float bias,
      float threshold, float[] weights) {
    if (weights.length != buckets) {
      throw new IllegalArgumentException("expected " + buckets + " weights, got " + weights.length);
    }
    float max = 0;
    for (float w : weights) {
      max = Math.max(max, Math.abs(w));
    }
    float scale = max == 0 ? 1f : max / 127f;
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(HEADER + buckets + DIGEST);
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(MAGIC);
      out.writeInt(buckets);
      out.writeInt(minN);
      out.writeInt(maxN);
      out.writeInt(window);
      out.writeInt(stride);
      out.writeFloat(bias);
      out.writeFloat(threshold);
      out.writeFloat(scale);
      for (float w : weights) {
        out.writeByte(Math.round(w / scale));
      }
      out.flush();
      byte[] body = bytes.toByteArray();
      out.write(sha256(body, body.length));
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] sha256(byte[] bytes, int length) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(bytes, 0, length);
      return d.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The highest window score of a text: the model's log-odds that it is positive.
   *
   * @param text the text
   * @return the score; compare it with {@link #threshold()}
   */
  public double score(CharSequence text) {
    int length = text.length();
    if (length <= window) {
      return windowScore(text, 0, length, new Sum(weights));
    }
    // overlapping windows: the words are read and hashed once, each window adds up its words
    WindowedFeatures words = new WindowedFeatures(features, weights);
    words.read(text);
    double best = Double.NEGATIVE_INFINITY;
    for (int from = 0; ; from += stride) {
      int to = Math.min(length, from + window);
      WindowedFeatures.Tally t = words.window(text, from, to);
      best = Math.max(best, t.n == 0 ? bias : bias + scale * t.total / Math.sqrt(t.n));
      if (to == length) {
        return best;
      }
    }
  }

  /**
   * The same score as {@link #score(CharSequence)}, each window's features read and hashed on
   * their own: the reference the one-pass scoring is tested and benchmarked against.
   *
   * @param text the text
   * @return the score
   */
  public double scoreWindowByWindow(CharSequence text) {
    int length = text.length();
    Sum sum = new Sum(weights);
    if (length <= window) {
      return windowScore(text, 0, length, sum);
    }
    double best = Double.NEGATIVE_INFINITY;
    for (int from = 0; ; from += stride) {
      int to = Math.min(length, from + window);
      best = Math.max(best, windowScore(text, from, to, sum));
      if (to == length) {
        return best;
      }
    }
  }

  private double windowScore(CharSequence text, int from, int to, Sum sum) {
    sum.total = 0;
    int n = features.features(text, from, to, sum);
    return n == 0 ? bias : bias + scale * sum.total / Math.sqrt(n);
  }

  /** Adds up the weights of the features of one window. */
  private static final class Sum implements HashedNgrams.Sink {
    private final byte[] weights;
    long total;

    Sum(byte[] weights) {
      this.weights = weights;
    }

    @Override
    public void feature(int bucket) {
      total += weights[bucket];
    }
  }

  /**
   * The score from which a text is flagged, chosen when the model was trained.
   *
   * @return the threshold
   */
  public double threshold() {
    return threshold;
  }

  /**
   * The longest text scored as one window.
   *
   * @return characters
   */
  public int window() {
    return window;
  }

  /**
   * The distance between windows of a longer text.
   *
   * @return characters
   */
  public int stride() {
    return stride;
  }

  /**
   * The feature space's size.
   *
   * @return buckets
   */
  public int buckets() {
    return buckets;
  }

  /**
   * The SHA-256 of the resource's contents (its last 32 bytes), to compare with the documented
   * training run.
   *
   * @return 64 hex digits
   */
  public String checksum() {
    return checksum;
  }

  @Override
  public String toString() {
    return "LinearTextModel[" + buckets + " buckets, char " + minN + ".." + maxN + "-grams, window " + window
        + ", threshold " + threshold + ", sha256 " + checksum.substring(0, 12) + "]";
  }
}
