package dev.guardrails4j.core.detect.text;

import java.util.Objects;

/**
 * Not API. A normalised copy of a text, made by {@link TextNormalizer}, that remembers where each
 * of its characters came from, so a match found in the normalised copy maps back to a span of
 * UTF-16 offsets in the original text.
 *
 * <p>Every character of the normalised copy comes from one <em>unit</em> of the original: an ASCII
 * character, a code point with its combining marks, or a run of separators (whitespace,
 * punctuation, symbols and the invisible characters inside the run) that collapsed to one space.
 * Characters that were removed (zero-width, tag and similar invisible characters) belong to no
 * unit; a span that starts or ends next to them does not include them.
 *
 * <p>Instances are immutable.
 */
public final class NormalizedText implements CharSequence {

  private final String original;
  private final char[] chars;
  private final int[] starts;
  private final int length;

  NormalizedText(String original, char[] chars, int[] starts, int length) {
    this.original = original;
    this.chars = chars;
    this.starts = starts;
    this.length = length;
  }

  /**
   * The text this was made from.
   *
   * @return the original text
   */
  public String original() {
    return original;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    Objects.checkIndex(index, length);
    return chars[index];
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    Objects.checkFromToIndex(start, end, length);
    return new String(chars, start, end - start);
  }

  @Override
  public String toString() {
    return new String(chars, 0, length);
  }

  /** The backing array; valid up to {@link #length()}. Callers in this package must not write. */
  public char[] buffer() {
    return chars;
  }

  /**
   * The offset map's backing array ({@link #originalStart} without the index check); valid up to
   * {@link #length()}. Callers in this package must not write.
   */
  public int[] startsBuffer() {
    return starts;
  }

  /**
   * Where the unit that produced a normalised character starts in the original text.
   *
   * @param index an index into the normalised text, {@code 0 <= index < length()}
   * @return a UTF-16 offset into {@link #original()}
   * @throws IndexOutOfBoundsException if the index is outside the normalised text
   */
  public int originalStart(int index) {
    Objects.checkIndex(index, length);
    return starts[index];
  }

  /**
   * Where the unit that produced the normalised character before {@code endExclusive} ends in the
   * original text, so that {@code [originalStart(s), originalEnd(e))} is the original span of the
   * normalised span {@code [s, e)}.
   *
   * @param endExclusive an exclusive end index into the normalised text,
   *     {@code 1 <= endExclusive <= length()}
   * @return an exclusive UTF-16 offset into {@link #original()}
   * @throws IndexOutOfBoundsException if the index is outside the normalised text
   */
  public int originalEnd(int endExclusive) {
    if (endExclusive < 1 || endExclusive > length) {
      throw new IndexOutOfBoundsException(
          "endExclusive must lie in [1, " + length + "], got " + endExclusive);
    }
    int unitStart = starts[endExclusive - 1];
    // One unit may expand to several characters (a ligature, a collapsed separator run); the unit
    // ends where the next unit begins.
    int next = endExclusive;
    while (next < length && starts[next] == unitStart) {
      next++;
    }
    int end = next < length ? starts[next] : original.length();
    while (end > unitStart + 1 && TextNormalizer.endsWithRemoved(original, end, unitStart)) {
      end -= Character.isLowSurrogate(original.charAt(end - 1)) ? 2 : 1;
    }
    return end;
  }
}
