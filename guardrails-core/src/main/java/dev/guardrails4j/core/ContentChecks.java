package dev.guardrails4j.core;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.FindingAction;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.internal.CheckDeadline;
import dev.guardrails4j.core.policy.Check;
import dev.guardrails4j.core.policy.OnError;
import dev.guardrails4j.core.policy.Policy;
import dev.guardrails4j.core.policy.PolicyDefaults;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs the content checks of one phase over a list of texts: cheap detectors first, each detector
 * once per text even when several policies name it, costly ones skipped once the call is already
 * blocked; then applies the policies' actions and builds the decision.
 */
final class ContentChecks {

  /** A check and the policy it belongs to. */
  record Ref(Policy policy, Check check) {}

  /**
   * The outcome: the decision, the texts after enforced redactions, and the enforced redaction
   * spans per text ({@code null} when there are none).
   */
  record Result(Decision decision, List<String> texts, @Nullable List<List<Redactions.Span>> spans) {}

  private ContentChecks() {}

  /**
   * Runs the checks.
   *
   * @param redactions the call's redactions: values redacted earlier in the call are looked for
   *     in these texts too, and the values redacted here are remembered for later phases
   * @param apply whether to apply the redactions to the texts (streaming applies them itself)
   * @param budget how long each detector may take on each text
   */
  static Result run(Phase phase, List<Ref> refs, List<String> texts,
      TextFilter filter, PolicyDefaults defaults,
      @Nullable Mode override, Redactions redactions, boolean apply, CheckBudget budget,
      Decision.Builder decision) {
    List<Finding> findings = new ArrayList<>();
    List<List<Redactions.Span>> spans = null;
    boolean enforcedBlock = false;
    boolean monitorBlock = false;
    boolean enforcedChange = false;
    boolean monitorChange = false;
    boolean error = false;
    int skipped = 0;
    List<Redacted> redacted = null;
    // detector results cache: one entry per (detector, text)
    Detector[] cachedDetector = new Detector[refs.size()];
    List<List<List<Finding>>> cachedResults = new ArrayList<>(refs.size());
    int cached = 0;
    List<Ref> ordered = refs;
    if (refs.size() > 1) {
      ordered = new ArrayList<>(refs);
      ordered.sort((a, b) -> a.check().detector().cost().compareTo(b.check().detector().cost()));
    }
    for (Ref ref : ordered) {
      Check check = ref.check();
      Detector detector = check.detector();
      if (enforcedBlock && detector.cost() != Detector.Cost.CHEAP) {
        skipped++;
        continue;
      }
      Mode mode = mode(ref, defaults, override);
      List<List<Finding>> results = null;
      for (int c = 0; c < cached; c++) {
        if (cachedDetector[c] == detector) {
          results = cachedResults.get(c);
          break;
        }
      }
      if (results == null) {
        results = new ArrayList<>(texts.size());
        for (int t = 0; t < texts.size(); t++) {
          results.add(null);
        }
        cachedDetector[cached] = detector;
        cachedResults.add(results);
        cached++;
      }
      for (int i = 0; i < texts.size(); i++) {
        if (!filter.applies(ref, i)) {
          continue;
        }
        List<Finding> found = results.get(i);
        if (found == null) {
          long budgetNanos = budget.nanosFor(texts.get(i).length());
          CheckDeadline.set(System.nanoTime() + budgetNanos, budgetNanos);
          try {
            found = detector.detect(texts.get(i));
            if (found == null) {
              throw new IllegalStateException("detector returned null");
            }
            // A finding past the end of the text is a detector bug. Dropping it would let through
            // what the detector meant to report, so it counts as a detector failure (on-error).
            int length = texts.get(i).length();
            for (int k = 0, n = found.size(); k < n; k++) {
              if (found.get(k).end() > length) {
                throw new IllegalStateException("detector returned a finding past the end of the text");
              }
            }
          } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
            // Errors a detector can cause (a plug-in missing a class, a broken invariant) are
            // detector failures too: propagated, they would bypass on-error, and the call's audit
            // event would show no decision for the phase, as if the call had been allowed.
            OnError onError = onError(ref, defaults);
            error = true;
            String what = e instanceof CheckDeadline.Exceeded ? e.getMessage() : "failed (" + e.getClass().getSimpleName() + ")";
            if (onError == OnError.BLOCK) {
              decision.reason("detector '" + detector.name() + "' " + what + "; blocked by on-error: block");
              if (mode == Mode.ENFORCE) {
                enforcedBlock = true;
              } else {
                monitorBlock = true;
              }
              decision.policy(ref.policy().id());
            } else {
              decision.reason("detector '" + detector.name() + "' " + what + "; ignored by on-error: allow");
            }
            found = List.of();
          } finally {
            CheckDeadline.clear();
          }
          results.set(i, found);
        }
        for (int k = 0, n = found.size(); k < n; k++) {
          Finding f = found.get(k);
          if (!check.acceptsType(f.type()) || f.score() < check.minScore()) {
            continue;
          }
          FindingAction action = check.action();
          findings.add(f.inMessage(i).withAction(action));
          if (action == FindingAction.MONITOR) {
            decision.policy(ref.policy().id());
            continue;
          }
          decision.policy(ref.policy().id());
          if (action == FindingAction.BLOCK) {
            if (mode == Mode.ENFORCE) {
              enforcedBlock = true;
            } else {
              monitorBlock = true;
            }
          } else if (mode == Mode.ENFORCE) {
            enforcedChange = true;
            if (spans == null) {
              spans = new ArrayList<>(texts.size());
              for (int t = 0; t < texts.size(); t++) {
                spans.add(new ArrayList<>(2));
              }
            }
            spans.get(i).add(new Redactions.Span(f.start(), f.end(), f.type(), check.style(), check.reversible()));
            if (redacted == null) {
              redacted = new ArrayList<>(4);
            }
            redacted.add(new Redacted(i, f, check));
          } else {
            monitorChange = true;
          }
        }
      }
    }
    if (skipped > 0) {
      decision.reason("skipped " + skipped + " costly check(s): the call was already blocked");
    }
    List<String> out = texts;
    int changes = 0;
    if ((redacted != null || redactions.hasValues()) && !enforcedBlock) {
      if (spans == null) {
        spans = new ArrayList<>(texts.size());
        for (int t = 0; t < texts.size(); t++) {
          spans.add(new ArrayList<>(2));
        }
      }
      if (redactCopies(texts, redacted == null ? List.of() : redacted, spans, findings, redactions)) {
        enforcedChange = true;
      } else if (redacted == null) {
        spans = null;
      }
    }
    if (spans != null && !enforcedBlock && apply) {
      out = new ArrayList<>(texts.size());
      for (int i = 0; i < texts.size(); i++) {
        List<Redactions.Span> s = spans.get(i);
        changes += s.size();
        out.add(redactions.apply(texts.get(i), s));
      }
    }
    Verdict verdict;
    Mode mode;
    if (enforcedBlock) {
      verdict = Verdict.DENY;
      mode = Mode.ENFORCE;
    } else if (monitorBlock) {
      verdict = Verdict.DENY;
      mode = Mode.MONITOR;
      decision.reason("monitor mode: the call would have been blocked");
    } else if (enforcedChange) {
      verdict = Verdict.ALLOW_WITH_CHANGES;
      mode = Mode.ENFORCE;
    } else if (monitorChange) {
      verdict = Verdict.ALLOW_WITH_CHANGES;
      mode = Mode.MONITOR;
      decision.reason("monitor mode: content would have been redacted");
    } else {
      verdict = Verdict.ALLOW;
      mode = override == Mode.MONITOR ? Mode.MONITOR : Mode.ENFORCE;
    }
    decision.verdict(verdict).mode(mode).findings(findings).changes(changes).error(error);
    return new Result(decision.build(), out, spans);
  }

  /** An enforced redaction: the text it is in, the finding and its check. */
  private record Redacted(int text, Finding finding, Check check) {}

  /**
   * The shortest found value whose other copies are redacted too. Shorter values (a first name, a
   * four-digit number) would take innocent words with them.
   */
  static final int MIN_COPY_LENGTH = 8;

  /** How many distinct redacted values of one phase are searched for copies. */
  static final int MAX_COPY_VALUES = 32;

  /*
   * A detector may find a value only in context ("Authorization: Bearer <token>", "my SSN is ...")
   * while the same value appears again elsewhere without it, in another message, in the answer or
   * in a tool's arguments. Redacting only the finding would leave the copies in clear, so every
   * other occurrence of a redacted value (at least MIN_COPY_LENGTH characters), in the texts of this
   * phase and of every later phase of the call, is redacted the same way and reported as a finding
   * of the same detector and type. The call's Redactions remembers the values (in memory only, for
   * the call's lifetime) for at most MAX_COPY_VALUES of them; each is searched once per text, so the
   * work stays linear in the text length however many findings there are.
   *
   * Returns whether a copy was found.
   */
  private static boolean redactCopies(List<String> texts, List<Redacted> redacted,
      List<List<Redactions.Span>> spans, List<Finding> findings, Redactions redactions) {
    for (int r = 0, n = redacted.size(); r < n; r++) {
      Redacted source = redacted.get(r);
      Finding f = source.finding();
      String value = texts.get(source.text()).substring(f.start(), f.end());
      if (value.strip().length() >= MIN_COPY_LENGTH) {
        redactions.remember(value, f, source.check().style(), source.check().reversible(), MAX_COPY_VALUES);
      }
    }
    List<Redactions.Value> values = redactions.values();
    if (values.isEmpty()) {
      return false;
    }
    boolean found = false;
    List<Set<Long>> known = new ArrayList<>(texts.size());
    for (int t = 0; t < texts.size(); t++) {
      List<Redactions.Span> textSpans = spans.get(t);
      Set<Long> exact = new HashSet<>(textSpans.size() * 2);
      for (Redactions.Span span : textSpans) {
        exact.add(((long) span.start() << 32) | span.end());
      }
      known.add(exact);
    }
    for (int v = 0, n = values.size(); v < n; v++) {
      Redactions.Value value = values.get(v);
      String text0 = value.text();
      Finding f = value.finding();
      for (int t = 0; t < texts.size(); t++) {
        String text = texts.get(t);
        for (int at = text.indexOf(text0); at >= 0; at = text.indexOf(text0, at + text0.length())) {
          int end = at + text0.length();
          if (!known.get(t).add(((long) at << 32) | end)) {
            continue;
          }
          found = true;
          spans.get(t).add(new Redactions.Span(at, end, f.type(), value.style(), value.reversible()));
          findings.add(Finding.of(f.detector(), f.type(), at, end, f.score()).inMessage(t)
              .withAction(FindingAction.REDACT));
        }
      }
    }
    return found;
  }

  /** Whether a check applies to the text at an index (for example by message role). */
  @FunctionalInterface
  interface TextFilter {
    boolean applies(Ref ref, int textIndex);
  }

  static Mode mode(Ref ref, PolicyDefaults defaults, @Nullable Mode override) {
    if (override == Mode.MONITOR) {
      return Mode.MONITOR;
    }
    Mode m = ref.check().mode();
    if (m == null) {
      m = ref.policy().mode();
    }
    return m == null ? defaults.mode() : m;
  }

  static OnError onError(Ref ref, PolicyDefaults defaults) {
    OnError e = ref.check().onError();
    if (e == null) {
      e = ref.policy().onError();
    }
    return e == null ? defaults.onError() : e;
  }
}
