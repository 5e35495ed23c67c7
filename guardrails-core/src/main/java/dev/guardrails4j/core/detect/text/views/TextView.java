package dev.guardrails4j.core.detect.text.views;

import dev.guardrails4j.api.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Not API. A text derived from an original one (cleaned, bridged, decoded or split) with, for every
 * one of its characters, the span of the original text it came from.
 *
 * <p>Instances are immutable.
 */
public final class TextView {

  private final String text;
  private final int[] starts;
  private final int[] ends;

  TextView(String text, int[] starts, int[] ends) {
    this.text = text;
    this.starts = starts;
    this.ends = ends;
  }

  /**
   * The derived text, to scan.
   *
   * @return the text
   */
  public String text() {
    return text;
  }

  /**
   * Where the character at {@code index} of the view starts in the original text.
   *
   * @param index an index into {@link #text()}
   * @return a UTF-16 offset into the original
   */
  public int originalStart(int index) {
    return starts[index];
  }

  /**
   * Where the character before {@code endExclusive} of the view ends in the original text.
   *
   * @param endExclusive an exclusive end index into {@link #text()}, at least 1
   * @return an exclusive UTF-16 offset into the original
   */
  public int originalEnd(int endExclusive) {
    return ends[endExclusive - 1];
  }

  /**
   * The findings of a scan of this view with their spans moved to the original text.
   *
   * @param findings findings with offsets into {@link #text()}
   * @return findings with offsets into the original text
   */
  public List<Finding> toOriginal(List<Finding> findings) {
    if (findings.isEmpty()) {
      return findings;
    }
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      if (f.end() <= f.start() || f.end() > text.length()) {
        continue;
      }
      int s = starts[f.start()];
      int e = Math.max(s, ends[f.end() - 1]);
      out.add(new Finding(f.detector(), f.type(), s, e, f.score(), f.message(), f.action()));
    }
    return out;
  }
}
