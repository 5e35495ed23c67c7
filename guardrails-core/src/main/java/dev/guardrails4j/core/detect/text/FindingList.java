package dev.guardrails4j.core.detect.text;

import dev.guardrails4j.api.Finding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Not API. Collects the findings of one {@code detect} call, created on the first finding so a
 * clean text costs no allocation, and hands them back sorted with overlaps resolved.
 */
public final class FindingList {

  private static final Comparator<Finding> BY_POSITION =
      Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end);

  private final String detector;
  private final @Nullable FoldedText folded;
  private @Nullable ArrayList<Finding> findings;

  /**
   * A list for one scan.
   *
   * @param detector the detector name for the findings
   * @param folded the folding the scanned text went through, or null if it was scanned as is
   */
  public FindingList(String detector, @Nullable FoldedText folded) {
    this.detector = detector;
    this.folded = folded;
  }

  /**
   * Adds a finding, mapping its span back to the original text.
   *
   * @param type type
   * @param start start in the scanned text
   * @param end end in the scanned text, exclusive
   * @param score score
   */
  public void add(String type, int start, int end, double score) {
    if (end <= start) {
      return;
    }
    int s = start;
    int e = end;
    if (folded != null) {
      s = folded.originalStart(start);
      e = folded.originalEnd(end);
    }
    if (findings == null) {
      findings = new ArrayList<>(4);
    }
    findings.add(Finding.of(detector, type, s, e, score));
  }

  /**
   * Whether a span of the scanned text overlaps a finding already added.
   *
   * @param start start in the scanned text
   * @param end end, exclusive
   * @return true if it overlaps
   */
  boolean overlaps(int start, int end) {
    if (findings == null) {
      return false;
    }
    int s = folded == null ? start : folded.originalStart(start);
    int e = folded == null ? end : folded.originalEnd(end);
    for (Finding f : findings) {
      if (f.start() < e && s < f.end()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Merges two results of the same detector over the same text, resolving overlaps as
   * {@link #result()} does.
   *
   * @param a findings
   * @param b more findings
   * @return an immutable list
   */
  public static List<Finding> merge(List<Finding> a, List<Finding> b) {
    if (b.isEmpty()) {
      return a;
    }
    if (a.isEmpty()) {
      return b;
    }
    FindingList merged = new FindingList("", null);
    merged.findings = new ArrayList<>(a.size() + b.size());
    merged.findings.addAll(a);
    merged.findings.addAll(b);
    return merged.result();
  }

  /**
   * The findings sorted by position; where two overlap the higher score (then the longer span)
   * wins.
   *
   * @return an immutable list, {@code List.of()} when empty
   */
  public List<Finding> result() {
    if (findings == null) {
      return List.of();
    }
    if (findings.size() == 1) {
      return List.of(findings.get(0));
    }
    findings.sort(BY_POSITION);
    ArrayList<Finding> kept = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      int last = kept.size() - 1;
      if (last >= 0 && kept.get(last).end() > f.start()) {
        Finding other = kept.get(last);
        if (f.score() > other.score()
            || (f.score() == other.score() && f.length() > other.length())) {
          kept.set(last, f);
        }
        continue;
      }
      kept.add(f);
    }
    return Collections.unmodifiableList(kept);
  }
}
