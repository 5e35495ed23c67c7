package dev.guardrails4j.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fingerprints that let an auditor correlate content and users across events without storing
 * them: salted HMAC-SHA-256, truncated to 64 bits. With the same salt on every replica,
 * fingerprints agree across replicas; without the salt nobody can test guesses against them.
 */
public final class Fingerprints {

  private final byte[] salt;

  /**
   * Creates fingerprints with a salt.
   *
   * @param salt at least 16 bytes
   * @throws IllegalArgumentException for a shorter salt
   */
  public Fingerprints(byte[] salt) {
    Objects.requireNonNull(salt, "salt");
    if (salt.length < 16) {
      throw new IllegalArgumentException("fingerprint salt must have at least 16 bytes, got " + salt.length);
    }
    this.salt = salt.clone();
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
    Mac mac = mac();
    return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
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
    Mac mac = mac();
    for (String t : texts) {
      mac.update(t.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
    }
    return HexFormat.of().formatHex(mac.doFinal(), 0, 8);
  }

  private Mac mac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
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
