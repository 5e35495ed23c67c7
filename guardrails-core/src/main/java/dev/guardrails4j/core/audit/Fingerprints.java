package dev.guardrails4j.core.audit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Fingerprints that let an auditor correlate content and users across events without storing
 * them: SipHash-2-4, a keyed pseudo-random function, over the UTF-16 text with a 128-bit key
 * derived from the salt, giving 64 bits. With the same salt on every replica fingerprints agree
 * across replicas; without the salt nobody can test guesses against them. SipHash is used instead
 * of HMAC-SHA-256 because it is designed for exactly this (short keyed digests) and costs a
 * fraction of a microsecond per KiB on the hot path.
 */
public final class Fingerprints {

  private final long k0;
  private final long k1;

  /**
   * Creates fingerprints with a salt.
   *
   * @param salt at least 16 bytes; longer salts are condensed with SHA-256
   * @throws IllegalArgumentException for a shorter salt
   */
  public Fingerprints(byte[] salt) {
    Objects.requireNonNull(salt, "salt");
    if (salt.length < 16) {
      throw new IllegalArgumentException("fingerprint salt must have at least 16 bytes, got " + salt.length);
    }
    byte[] key;
    try {
      key = MessageDigest.getInstance("SHA-256").digest(salt);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    this.k0 = ByteBuffer.wrap(key, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    this.k1 = ByteBuffer.wrap(key, 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  /**
   * The fingerprint of one text.
   *
   * @param text the text
   * @return 16 hex digits, or an empty string for an empty text
   */
  public String of(String text) {
    if (text.isEmpty()) {
      return "";
    }
    Sip s = new Sip(k0, k1);
    s.update(text);
    return hex(s.finish());
  }

  /**
   * The fingerprint of several texts, in order.
   *
   * @param texts the texts
   * @return 16 hex digits, or an empty string when there is no text
   */
  public String of(List<String> texts) {
    if (texts.isEmpty()) {
      return "";
    }
    if (texts.size() == 1) {
      return of(texts.get(0));
    }
    Sip s = new Sip(k0, k1);
    for (String t : texts) {
      s.update(t);
      s.updateChar('\u0000');
    }
    return hex(s.finish());
  }

  private static String hex(long v) {
    String h = Long.toHexString(v);
    return h.length() == 16 ? h : "0".repeat(16 - h.length()) + h;
  }

  /** SipHash-2-4 over a stream of UTF-16 code units, four per 64-bit word. */
  private static final class Sip {
    private long v0;
    private long v1;
    private long v2;
    private long v3;
    private long word;
    private int inWord;
    private long length;

    Sip(long k0, long k1) {
      v0 = k0 ^ 0x736f6d6570736575L;
      v1 = k1 ^ 0x646f72616e646f6dL;
      v2 = k0 ^ 0x6c7967656e657261L;
      v3 = k1 ^ 0x7465646279746573L;
    }

    void update(String s) {
      int n = s.length();
      int i = 0;
      while (i < n && inWord != 0) {
        updateChar(s.charAt(i++));
      }
      // whole words of four chars without per-char bookkeeping
      int bulkStart = i;
      int bulkEnd = i + ((n - i) & ~3);
      for (; i < bulkEnd; i += 4) {
        long m = s.charAt(i) | ((long) s.charAt(i + 1) << 16) | ((long) s.charAt(i + 2) << 32)
            | ((long) s.charAt(i + 3) << 48);
        compress(m);
      }
      length += 2L * (bulkEnd - bulkStart);
      while (i < n) {
        updateChar(s.charAt(i++));
      }
    }

    void updateChar(char c) {
      word |= ((long) c) << (16 * inWord);
      length += 2;
      if (++inWord == 4) {
        compress(word);
        word = 0;
        inWord = 0;
      }
    }

    private void compress(long m) {
      v3 ^= m;
      round();
      round();
      v0 ^= m;
    }

    private void round() {
      v0 += v1;
      v1 = Long.rotateLeft(v1, 13);
      v1 ^= v0;
      v0 = Long.rotateLeft(v0, 32);
      v2 += v3;
      v3 = Long.rotateLeft(v3, 16);
      v3 ^= v2;
      v0 += v3;
      v3 = Long.rotateLeft(v3, 21);
      v3 ^= v0;
      v2 += v1;
      v1 = Long.rotateLeft(v1, 17);
      v1 ^= v2;
      v2 = Long.rotateLeft(v2, 32);
    }

    long finish() {
      long last = word | ((length & 0xffL) << 56);
      compress(last);
      v2 ^= 0xff;
      round();
      round();
      round();
      round();
      return v0 ^ v1 ^ v2 ^ v3;
    }
  }

  /**
   * An unsalted SHA-256 prefix, for values that are not secret (policy files).
   *
   * @param text the text
   * @return 12 hex digits
   */
  public static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)), 0, 6);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
