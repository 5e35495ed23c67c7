package dev.guardrails4j.api;

import java.util.Objects;

/**
 * Something a detector found: a typed span of text with a score. A finding never carries the
 * matched text itself, so it can be logged and audited safely.
 *
 * @param detector the detector's name, for example {@code pii}
 * @param type the entity or pattern type, for example {@code EMAIL_ADDRESS}
 * @param start start offset in UTF-16 code units, inclusive
 * @param end end offset in UTF-16 code units, exclusive
 * @param score confidence between 0 and 1
 * @param message index of the message the span lies in (0 for a single text or an answer)
 * @param action what the policy did with it; detectors report {@link FindingAction#MONITOR}
 */
public record Finding(
    String detector, String type, int start, int end, double score, int message,
    FindingAction action) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the span is negative or reversed or the score is outside
   *     [0, 1]
   */
  public Finding {
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(action, "action");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException(
          "finding span must satisfy 0 <= start <= end, got [" + start + ", " + end + ")");
    }
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException("finding score must lie in [0, 1], got " + score);
    }
    if (message < 0) {
      throw new IllegalArgumentException("finding message index must be >= 0, got " + message);
    }
  }

  /**
   * A finding in a single text, as a detector reports it.
   *
   * @param detector detector name
   * @param type type
   * @param start start, inclusive
   * @param end end, exclusive
   * @param score score
   * @return the finding
   */
  public static Finding of(String detector, String type, int start, int end, double score) {
    return new Finding(detector, type, start, end, score, 0, FindingAction.MONITOR);
  }

  /**
   * The span's length.
   *
   * @return {@code end - start}
   */
  public int length() {
    return end - start;
  }

  /**
   * The same finding located in another message.
   *
   * @param messageIndex the index
   * @return a finding
   */
  public Finding inMessage(int messageIndex) {
    return new Finding(detector, type, start, end, score, messageIndex, action);
  }

  /**
   * The same finding with the action a policy took.
   *
   * @param newAction the action
   * @return a finding
   */
  public Finding withAction(FindingAction newAction) {
    return new Finding(detector, type, start, end, score, message, newAction);
  }

  /**
   * Whether the two spans overlap in the same message.
   *
   * @param other another finding
   * @return true if they share at least one character
   */
  public boolean overlaps(Finding other) {
    return message == other.message && start < other.end && other.start < end;
  }
}
