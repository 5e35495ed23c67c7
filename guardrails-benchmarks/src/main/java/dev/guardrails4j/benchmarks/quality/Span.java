package dev.guardrails4j.benchmarks.quality;

import java.util.Objects;

/**
 * A typed span of a text, labelled or predicted.
 *
 * @param type the entity type, for example {@code EMAIL_ADDRESS}
 * @param start start offset in UTF-16 units, inclusive
 * @param end end offset in UTF-16 units, exclusive
 */
record Span(String type, int start, int end) {

  Span {
    Objects.requireNonNull(type, "type");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("span must satisfy 0 <= start <= end, got [" + start
          + ", " + end + ")");
    }
  }

  /** Whether the two spans share at least one character. */
  boolean overlaps(Span other) {
    return start < other.end && other.start < end;
  }

  /** Whether the two spans have the same type and overlap: the report's notion of a match. */
  boolean matches(Span other) {
    return type.equals(other.type) && overlaps(other);
  }
}
