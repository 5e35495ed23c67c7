package dev.guardrails4j.samples.quickstart;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Verdict;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One line of the demo's table, made from the audit event of a guarded call: nothing in it is
 * typed by hand except the scenario's name, the caller's label and the note.
 *
 * @param scenario what the scenario shows
 * @param caller who called, for example {@code alice (support-analyst)}
 * @param action the action the call served
 * @param verdict the overall verdict, with the phase that blocked for a denial
 * @param policies the ids of the policies that decided
 * @param findings the finding types, or {@code -}
 * @param micros time spent in guardrails for the call, in microseconds (model time excluded)
 * @param note one line of detail: the reason of a denial, what the model received, or the answer
 */
record Row(String scenario, String caller, String action, String verdict, String policies,
    String findings, long micros, String note) {

  /** Validates. */
  Row {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(findings, "findings");
    Objects.requireNonNull(note, "note");
  }

  /**
   * The row of a guarded call.
   *
   * @param scenario the scenario's name
   * @param caller the caller's label
   * @param event the call's audit event
   * @param note the detail line
   * @return the row
   */
  static Row of(String scenario, String caller, AuditEvent event, String note) {
    @Nullable Decision blocking = blocking(event);
    Set<String> policies = new LinkedHashSet<>();
    Set<String> findings = new LinkedHashSet<>();
    for (Decision d : blocking != null ? List.of(blocking) : event.decisions()) {
      policies.addAll(d.policyIds());
      findings.addAll(d.findingTypes());
    }
    String verdict = event.outcome().name();
    if (blocking != null) {
      verdict += " (" + blocking.phase().name().toLowerCase(Locale.ROOT) + ")";
    }
    return new Row(scenario, caller, event.action(), verdict,
        policies.isEmpty() ? "(defaults)" : String.join(",", policies),
        findings.isEmpty() ? "-" : String.join(",", findings),
        event.durationNanos() / 1_000, note);
  }

  /**
   * The first decision of the call that stopped something, if any.
   *
   * @param event the audit event
   * @return the decision, or {@code null} when nothing was blocked
   */
  static @Nullable Decision blocking(AuditEvent event) {
    if (event.outcome() != Verdict.DENY) {
      return null;
    }
    for (Decision d : event.decisions()) {
      if (d.blocks()) {
        return d;
      }
    }
    return null;
  }
}
