package dev.guardrails4j.core;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Output checks for a streamed answer. Text is held back in a window of {@code W} characters
 * (the engine's stream window, 256 by default): what is held is scanned together with up to
 * {@code W} characters of already released text before it (so words that give a value its context
 * still count), and text is released only once at least {@code W} characters follow it and no
 * finding reaches into it. So a value of up to {@code W} characters that must be redacted or
 * blocked is never emitted, even when split across chunks. A scan runs once more than {@code W +
 * W/8} characters are held, so chunks of a token or two share one scan instead of each rescanning
 * the window. The first release happens after about {@code W + W/8} characters (about 70 tokens by
 * default); {@link #finish()} releases the rest.
 *
 * <p>Each scan covers at most about three windows and releases at least {@code W/8} characters, so
 * a whole stream costs time linear in its length.
 */
public final class StreamingOutput {

  private final CallRecord call;
  private final List<ContentChecks.Ref> refs;
  private final int window;
  private final int step;
  private final StringBuilder held = new StringBuilder();
  private final StringBuilder whole;
  private final List<Finding> findings = new ArrayList<>();
  private final List<String> reasons = new ArrayList<>();
  private final List<String> policies = new ArrayList<>();
  private long released;
  private long nanos;
  private int changes;
  private boolean monitorDeny;
  private boolean monitorChange;
  private boolean error;
  private boolean done;

  StreamingOutput(CallRecord call, List<ContentChecks.Ref> refs, int window) {
    this.call = call;
    this.refs = refs;
    this.window = window;
    this.step = window / 8;
    this.whole = new StringBuilder();
  }

  /**
   * Accepts the next chunk.
   *
   * @param chunk the chunk
   * @return the text that is now safe to emit (possibly empty)
   * @throws dev.guardrails4j.api.GuardrailViolationException if a check blocks: emit nothing
   *     more and cancel the stream
   */
  public String accept(String chunk) {
    Objects.requireNonNull(chunk, "chunk");
    if (done) {
      throw new IllegalStateException("the stream is already finished");
    }
    long t0 = System.nanoTime();
    held.append(chunk);
    whole.append(chunk);
    String out = "";
    // scan once at least a step of new text is held past the window: chunks of a few characters
    // (a token each) would otherwise each rescan the whole window
    if (held.length() > window + reserve() + step) {
      out = scan(false);
    }
    nanos += System.nanoTime() - t0;
    return out;
  }

  /**
   * Ends the stream: checks what is held and records the output decision.
   *
   * @return the rest of the text to emit
   * @throws dev.guardrails4j.api.GuardrailViolationException if a check blocks
   */
  public String finish() {
    if (done) {
      throw new IllegalStateException("the stream is already finished");
    }
    long t0 = System.nanoTime();
    String out = scan(true);
    done = true;
    nanos += System.nanoTime() - t0;
    call.noteOutput(whole.toString());
    Decision d = decision(Verdict.ALLOW, Mode.ENFORCE);
    call.record(d);
    return out;
  }

  /** Characters a partial reversible placeholder at the end of a release may need. */
  private int reserve() {
    Redactions r = call.redactionsIfAny();
    return r == null || !r.hasReversible() ? 0 : r.longestPlaceholder();
  }

  private String scan(boolean last) {
    String text = held.toString();
    int safeEnd = last ? text.length() : text.length() - window;
    String out;
    if (refs.isEmpty() && !call.hasRedactedValues()) {
      out = text.substring(0, safeEnd);
    } else {
      // Detectors also see up to a window of already released text before what is held, so a
      // value recognised by the words before it (a phone number after "call") is still found
      // when those words were released in an earlier chunk.
      int c = (int) Math.min(released, window);
      String scanned = whole.substring((int) (released - c), (int) released) + text;
      ContentChecks.Result r = call.runChecks(Phase.OUTPUT, refs, List.of(scanned), (ref, i) -> true,
          false, call.decision(Phase.OUTPUT));
      Decision d = r.decision();
      if (d.blocks()) {
        done = true;
        collect(d, Integer.MAX_VALUE, released - c);
        call.noteOutput(whole.toString());
        Decision blocked = decision(Verdict.DENY, Mode.ENFORCE);
        call.record(blocked);
        call.fail(blocked);
      }
      List<Redactions.Span> spans = r.spans() == null ? List.of() : r.spans().get(0);
      // hold back from the start of any finding that reaches past the safe end
      for (Finding f : d.findings()) {
        if (f.start() - c < safeEnd && f.end() - c > safeEnd) {
          safeEnd = Math.max(0, f.start() - c);
        }
      }
      // spans in released text were dealt with when it was released; the held part of a span
      // that began there is redacted now
      List<Redactions.Span> apply = new ArrayList<>();
      for (Redactions.Span s : spans) {
        if (s.end() > c && s.end() - c <= safeEnd) {
          apply.add(new Redactions.Span(Math.max(0, s.start() - c), s.end() - c, s.type(), s.style(),
              s.reversible()));
        }
      }
      collect(d, c + safeEnd, released - c);
      Redactions red = call.redactions();
      out = red.apply(text.substring(0, safeEnd), apply);
      changes += apply.size();
    }
    Redactions red = call.redactionsIfAny();
    if (red != null && red.hasReversible()) {
      // never cut a reversible placeholder in two: hold back an unclosed '<...'
      if (!last) {
        int lt = out.lastIndexOf('<');
        if (lt >= 0 && out.indexOf('>', lt) < 0 && out.length() - lt <= red.longestPlaceholder()) {
          int back = out.length() - lt;
          // the held-back part is original text of the same length only without redactions in it
          if (text.substring(0, safeEnd).endsWith(out.substring(lt))) {
            out = out.substring(0, lt);
            safeEnd -= back;
          }
        }
      }
      out = red.restore(out);
    }
    held.delete(0, safeEnd);
    released += safeEnd;
    return out;
  }

  /** Records the findings that end by {@code limit}, at {@code base} plus their offsets. */
  private void collect(Decision d, int limit, long base) {
    for (Finding f : d.findings()) {
      if (f.end() <= limit) {
        findings.add(new Finding(f.detector(), f.type(), (int) (f.start() + base),
            (int) (f.end() + base), f.score(), 0, f.action()));
      }
    }
    for (String p : d.policyIds()) {
      if (!policies.contains(p)) {
        policies.add(p);
      }
    }
    for (String reason : d.reasons()) {
      if (!reasons.contains(reason)) {
        reasons.add(reason);
      }
    }
    error |= d.error();
    if (d.verdict() == Verdict.DENY && d.mode() == Mode.MONITOR) {
      monitorDeny = true;
    }
    if (d.verdict() == Verdict.ALLOW_WITH_CHANGES && d.mode() == Mode.MONITOR) {
      monitorChange = true;
    }
  }

  private Decision decision(Verdict blockVerdict, Mode mode) {
    Decision.Builder b = call.decision(Phase.OUTPUT);
    Verdict v;
    Mode m = mode;
    if (blockVerdict == Verdict.DENY) {
      v = Verdict.DENY;
    } else if (monitorDeny) {
      v = Verdict.DENY;
      m = Mode.MONITOR;
    } else if (changes > 0) {
      v = Verdict.ALLOW_WITH_CHANGES;
    } else if (monitorChange) {
      v = Verdict.ALLOW_WITH_CHANGES;
      m = Mode.MONITOR;
    } else {
      v = Verdict.ALLOW;
    }
    policies.forEach(b::policy);
    reasons.forEach(b::reason);
    // a finding seen in several scans is recorded once
    List<Finding> distinct = new ArrayList<>();
    for (Finding f : findings) {
      if (!distinct.contains(f)) {
        distinct.add(f);
      }
    }
    return b.verdict(v).mode(m).findings(distinct).changes(changes).error(error).durationNanos(nanos).build();
  }

  /**
   * Characters accepted but not yet released.
   *
   * @return the count
   */
  public int heldBack() {
    return held.length();
  }
}
