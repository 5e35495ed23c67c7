package dev.guardrails4j.semantic;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Not API. The {@code semantic-injection} classification head: logistic regression over a window's
 * embedding, with its threshold, read from a small weights resource that {@code
 * guardrails-training} writes (see docs/semantic.md). The score is {@code sigmoid(bias + w . e)}.
 *
 * <p>Format (big-endian): the magic {@code G4SH}, format version 1, dimensions, window tokens,
 * stride tokens, bias, threshold (both {@code float}), then one {@code float} weight per
 * dimension.
 */
public final class InjectionHead {

  /** The shipped head's class-path resource. */
  public static final String RESOURCE = "/dev/guardrails4j/semantic/injection-head.bin";

  private static final int MAGIC = 0x47345348; // "G4SH"
  private static final int VERSION = 1;

  private final float bias;
  private final float threshold;
  private final float[] weights;
  private final String checksum;

  private InjectionHead(float bias, float threshold, float[] weights, String checksum) {
    this.bias = bias;
    this.threshold = threshold;
    this.weights = weights;
    this.checksum = checksum;
  }

  /**
   * The head shipped in this module's jar.
   *
   * @return the head
   * @throws IllegalStateException when the resource is missing or damaged, naming it
   */
  public static InjectionHead shipped() {
    return Shipped.HEAD;
  }

  private static final class Shipped {
    static final InjectionHead HEAD = fromResource(RESOURCE);
  }

  static InjectionHead fromResource(String resource) {
    try (InputStream in = InjectionHead.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("semantic-injection: the weights resource " + resource
            + " is missing from the class path; use the guardrails-semantic jar as built");
      }
      return read(resource, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("semantic-injection: cannot read " + resource, e);
    }
  }

  /**
   * Reads a head.
   *
   * @param name the resource's name, for messages
   * @param bytes its bytes
   * @return the head
   * @throws IllegalStateException when the bytes are not a head for this encoder
   */
  public static InjectionHead read(String name, byte[] bytes) {
    Objects.requireNonNull(name, "name");
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw new IllegalStateException("semantic-injection: " + name + " is not a weights resource of format "
            + VERSION + "; rebuild it with guardrails-training/train-semantic.sh");
      }
      int dims = in.readInt();
      int window = in.readInt();
      int stride = in.readInt();
      if (dims != SentenceEncoder.DIMENSIONS || window != SentenceEncoder.WINDOW_TOKENS
          || stride != SentenceEncoder.STRIDE_TOKENS) {
        throw new IllegalStateException("semantic-injection: " + name + " was trained for " + dims + " dimensions and "
            + window + "/" + stride + "-token windows; this encoder has " + SentenceEncoder.DIMENSIONS + " and "
            + SentenceEncoder.WINDOW_TOKENS + "/" + SentenceEncoder.STRIDE_TOKENS);
      }
      float bias = in.readFloat();
      float threshold = in.readFloat();
      float[] weights = new float[dims];
      for (int i = 0; i < dims; i++) {
        weights[i] = in.readFloat();
      }
      if (in.available() != 0 || !Float.isFinite(bias) || !(threshold >= 0f && threshold <= 1f)) {
        throw new IllegalStateException("semantic-injection: " + name + " is damaged (trailing bytes or bad values)");
      }
      for (float w : weights) {
        if (!Float.isFinite(w)) {
          throw new IllegalStateException("semantic-injection: " + name + " is damaged (a weight is not finite)");
        }
      }
      return new InjectionHead(bias, threshold, weights, sha256(bytes));
    } catch (IOException e) {
      throw new IllegalStateException("semantic-injection: " + name + " is truncated; rebuild it with "
          + "guardrails-training/train-semantic.sh", e);
    }
  }

  /**
   * Encodes a head.
   *
   * @param bias the bias
   * @param threshold the probability from which a window is flagged, in [0, 1]
   * @param weights one weight per embedding dimension
   * @return the resource's bytes
   */
  public static byte[] encode(float bias, float threshold, float[] weights) {
    if (weights.length != SentenceEncoder.DIMENSIONS) {
      throw new IllegalArgumentException("weights: expected " + SentenceEncoder.DIMENSIONS + ", got " + weights.length);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(SentenceEncoder.DIMENSIONS);
      out.writeInt(SentenceEncoder.WINDOW_TOKENS);
      out.writeInt(SentenceEncoder.STRIDE_TOKENS);
      out.writeFloat(bias);
      out.writeFloat(threshold);
      for (float w : weights) {
        out.writeFloat(w);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The probability that a window is an injection.
   *
   * @param embedding the window's embedding
   * @return a probability in [0, 1]
   */
  public double score(float[] embedding) {
    double z = bias;
    for (int i = 0; i < weights.length; i++) {
      z += weights[i] * embedding[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * The probability from which a window is flagged, chosen on the dev set.
   *
   * @return the threshold
   */
  public double threshold() {
    return threshold;
  }

  /**
   * The SHA-256 of the resource's bytes, in lower-case hex.
   *
   * @return the checksum
   */
  public String checksum() {
    return checksum;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
