package dev.guardrails4j.core.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Not API. Decodes a policy file or policy test file as UTF-8 and refuses anything else with the
 * line and column of the first byte that is not UTF-8, instead of silently turning it into
 * U+FFFD (which would change what a policy matches) or failing with the JDK's bare "Input length
 * = 1". A leading byte order mark is dropped.
 */
public final class StrictUtf8 {

  private StrictUtf8() {}

  /**
   * The text, or {@code null} after reporting where it is not UTF-8.
   *
   * @param bytes the file's bytes
   * @param problems receives the problem, with an empty field
   * @return the text, or {@code null}
   */
  public static @Nullable String decode(byte[] bytes, PositionedNode.Problems problems) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    out.flip();
    if (result.isError()) {
      int line = 1;
      int column = 1;
      for (int i = 0; i < out.length(); i++) {
        if (out.charAt(i) == '\n') {
          line++;
          column = 1;
        } else if (!Character.isLowSurrogate(out.charAt(i))) {
          column++;
        }
      }
      int offset = in.position();
      String what = offset < bytes.length
          ? "byte 0x" + String.format(Locale.ROOT, "%02X", bytes[offset] & 0xFF) + " at byte offset " + offset
          : "the last bytes";
      problems.add(line, column, "", "not UTF-8: " + what + " is not valid UTF-8 (a file saved"
          + " as Latin-1 or Windows-1252?); save the file as UTF-8");
      return null;
    }
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
