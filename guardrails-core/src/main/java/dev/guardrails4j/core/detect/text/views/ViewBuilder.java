package dev.guardrails4j.core.detect.text.views;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link TextView} over a base text (the original, or another view whose map it composes
 * with), character by character, each with the span of the base it came from.
 *
 * <p>While every character added is the base's own character at the same place, nothing is
 * copied: a text in which nothing changes costs one comparison per character and no arrays.
 */
final class ViewBuilder {

  private final String baseText;
  private final @Nullable TextView base;
  private final int expected;
  private char @Nullable [] chars;
  private int[] starts = new int[0];
  private int[] ends = new int[0];
  private int length;
  private boolean changed;

  ViewBuilder(String baseText, @Nullable TextView base) {
    this.baseText = baseText;
    this.base = base;
    this.expected = baseText.length();
  }

  /** Appends one character made from the base span {@code [from, to)}. */
  void add(char c, int from, int to) {
    if (chars == null) {
      if (from == length && to == from + 1 && from < expected && baseText.charAt(from) == c) {
        length++;
        return;
      }
      materialise();
    }
    if (length == chars.length) {
      int capacity = length + (length >> 1) + 16;
      chars = Arrays.copyOf(chars, capacity);
      starts = Arrays.copyOf(starts, capacity);
      ends = Arrays.copyOf(ends, capacity);
    }
    chars[length] = c;
    if (base == null) {
      starts[length] = from;
      ends[length] = to;
    } else {
      starts[length] = to > from ? base.originalStart(from) : from < expected
          ? base.originalStart(from) : base.originalEnd(expected);
      ends[length] = to > from ? base.originalEnd(to) : starts[length];
    }
    length++;
  }

  private void materialise() {
    int capacity = Math.max(16, expected + 16);
    char[] c = new char[capacity];
    starts = new int[capacity];
    ends = new int[capacity];
    baseText.getChars(0, length, c, 0);
    for (int i = 0; i < length; i++) {
      starts[i] = base == null ? i : base.originalStart(i);
      ends[i] = base == null ? i + 1 : base.originalEnd(i + 1);
    }
    chars = c;
  }

  /** Appends base characters {@code [from, to)} unchanged. */
  void copy(CharSequence s, int from, int to) {
    for (int i = from; i < to; i++) {
      add(s.charAt(i), i, i + 1);
    }
  }

  /** Notes that the view differs from its base (so it is worth scanning). */
  void changed() {
    changed = true;
  }

  int length() {
    return length;
  }

  char charAt(int i) {
    return chars == null ? baseText.charAt(i) : chars[i];
  }

  /** The view, or null when nothing changed. */
  @Nullable TextView build() {
    if (!changed) {
      return null;
    }
    if (chars == null) {
      materialise();
    }
    return new TextView(new String(chars, 0, length), Arrays.copyOf(starts, length),
        Arrays.copyOf(ends, length));
  }
}
