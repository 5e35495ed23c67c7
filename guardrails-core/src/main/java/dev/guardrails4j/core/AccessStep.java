package dev.guardrails4j.core;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.core.policy.Access;
import dev.guardrails4j.core.policy.Policy;
import java.util.List;

/**
 * The access step: whether this workload, acting for this user, may call this model for this
 * action. An enforced deny wins; a monitor-mode deny is reported but lets the call through when
 * something allows it; otherwise an allowing policy or the default access decides.
 */
final class AccessStep {

  private AccessStep() {}

  /** Decides access, records the decision, and throws when it blocks. */
  static void enforce(CallRecord call) {
    call.recordAndEnforce(decide(call, System.nanoTime()));
  }

  static Decision decide(CallRecord call, long t0) {
    Decision.Builder b = call.decision(Phase.ACCESS);
    Mode override = call.settings.modeOverride();
    List<Policy> matched = call.matched;
    // one pass to classify, a second only over what decides: no lists on the hot path
    boolean anyAllow = false;
    boolean anyEnforcedDeny = false;
    boolean anyMonitorDeny = false;
    for (int i = 0, n = matched.size(); i < n; i++) {
      Policy p = matched.get(i);
      if (p.access() == Access.DENY) {
        if (call.mode(p) == Mode.ENFORCE) {
          anyEnforcedDeny = true;
        } else {
          anyMonitorDeny = true;
        }
      } else if (p.access() == Access.ALLOW) {
        anyAllow = true;
      }
    }
    if (anyEnforcedDeny) {
      for (int i = 0, n = matched.size(); i < n; i++) {
        Policy p = matched.get(i);
        if (p.access() == Access.DENY && call.mode(p) == Mode.ENFORCE) {
          b.policy(p.id()).reason(p.reason().isEmpty() ? "denied by policy " + p.id() : p.reason());
        }
      }
      return b.verdict(Verdict.DENY).mode(Mode.ENFORCE).durationNanos(System.nanoTime() - t0).build();
    }
    boolean allowed = anyAllow || call.set.defaults().access() == Access.ALLOW;
    if (anyMonitorDeny) {
      for (int i = 0, n = matched.size(); i < n; i++) {
        Policy p = matched.get(i);
        if (p.access() == Access.DENY) {
          b.policy(p.id()).reason("monitor mode: " + (p.reason().isEmpty() ? "would be denied by policy " + p.id() : p.reason()));
        }
      }
      if (allowed) {
        return b.verdict(Verdict.DENY).mode(Mode.MONITOR).durationNanos(System.nanoTime() - t0).build();
      }
    }
    Mode allowMode = override == Mode.MONITOR ? Mode.MONITOR : Mode.ENFORCE;
    if (anyAllow) {
      for (int i = 0, n = matched.size(); i < n; i++) {
        Policy p = matched.get(i);
        if (p.access() == Access.ALLOW) {
          b.policy(p.id());
        }
      }
      return b.verdict(Verdict.ALLOW).mode(allowMode).durationNanos(System.nanoTime() - t0).build();
    }
    if (allowed) {
      return b.verdict(Verdict.ALLOW).reason("no policy decides; default access is allow")
          .mode(allowMode).durationNanos(System.nanoTime() - t0).build();
    }
    var inv = call.invocation;
    b.verdict(Verdict.DENY).reason("no policy allows workload " + inv.caller().workload().id()
        + (inv.caller().user() != null ? " acting for this user" : "") + " to use model "
        + inv.model().provider() + ":" + inv.model().name() + " for action " + inv.action()
        + "; default access is deny");
    b.mode(override == Mode.MONITOR ? Mode.MONITOR : call.set.defaults().mode());
    return b.durationNanos(System.nanoTime() - t0).build();
  }
}
