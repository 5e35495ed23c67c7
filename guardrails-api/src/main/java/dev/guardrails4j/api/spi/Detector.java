package dev.guardrails4j.api.spi;

import dev.guardrails4j.api.Finding;
import java.util.List;
import java.util.Set;

/**
 * A deterministic, thread-safe function from text to {@link Finding}s.
 *
 * <p>Implementations must be safe to call from many threads at once, must not keep the text, and
 * must finish in time linear in the text's length. The engine runs detectors in order of
 * {@link #cost()}, so cheap checks run first and costly ones can be skipped once a call is
 * already blocked.
 */
public interface Detector {

  /**
   * The name policies use for this detector, for example {@code pii}.
   *
   * @return the name
   */
  String name();

  /**
   * Scans a text.
   *
   * @param text the text
   * @return findings with offsets into {@code text}; an empty list (never null) when nothing is
   *     found
   */
  List<Finding> detect(String text);

  /**
   * The finding types this detector can report, used to validate {@code types:} in policy files.
   * An empty set means the detector does not declare its types.
   *
   * @return types
   */
  default Set<String> types() {
    return Set.of();
  }

  /**
   * How costly the detector is.
   *
   * @return the cost class
   */
  default Cost cost() {
    return Cost.CHEAP;
  }

  /** Cost classes, cheapest first. */
  enum Cost {
    /** Microseconds: patterns, lists, character scans. */
    CHEAP,
    /** Tens of microseconds to a millisecond: decoding, heavier normalisation. */
    MODERATE,
    /** Milliseconds or a network call: classifiers, remote services. */
    EXPENSIVE
  }
}
