package dev.guardrails4j.core.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * Turns fuzzer bytes into text. Plain UTF-8 decodes as UTF-8, so seed files are readable text;
 * the byte {@code 0xFF} (never part of UTF-8) followed by two bytes stands for that UTF-16 code
 * unit, so the fuzzer can also reach lone surrogates and any other char.
 */
final class FuzzText {

  private FuzzText() {}

  static String decode(byte[] data) {
    StringBuilder sb = new StringBuilder(data.length);
    int from = 0;
    for (int i = 0; i < data.length; i++) {
      if (data[i] == (byte) 0xFF) {
        sb.append(new String(data, from, i - from, StandardCharsets.UTF_8));
        if (i + 2 < data.length) {
          sb.append((char) (((data[i + 1] & 0xFF) << 8) | (data[i + 2] & 0xFF)));
        }
        i += 2;
        from = Math.min(i + 1, data.length);
      }
    }
    if (from < data.length) {
      sb.append(new String(data, from, data.length - from, StandardCharsets.UTF_8));
    }
    return sb.toString();
  }
}
