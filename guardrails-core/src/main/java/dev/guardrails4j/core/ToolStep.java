package dev.guardrails4j.core;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.ToolCall;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.core.match.Glob;
import dev.guardrails4j.core.policy.Access;
import dev.guardrails4j.core.policy.Policy;
import dev.guardrails4j.core.policy.ToolRules;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The tool step: which tools the caller may see and use, and the checks on a tool call's
 * arguments and on its result. A deny list wins; an allow list restricts; otherwise the default
 * tool access decides. A refused call either returns a message to the model or, with {@code
 * on-deny: stop}, ends the call.
 */
final class ToolStep {

  private ToolStep() {}

  /** A checked tool call: the decision and the arguments to run the tool with. */
  record Outcome(Decision decision, String arguments) {}

  private record ToolVerdict(boolean allowed, boolean enforced, @Nullable Policy policy, boolean stop) {}

  static List<String> allowed(CallRecord call, List<String> offered) {
    List<String> out = new ArrayList<>(offered.size());
    for (String t : offered) {
      ToolVerdict v = verdict(call, t);
      if (v.allowed || !v.enforced) {
        out.add(t);
      }
    }
    return out;
  }

  static Outcome call(CallRecord call, ToolCall toolCall) {
    call.ensureOpen();
    long t0 = System.nanoTime();
    ToolVerdict v = verdict(call, toolCall.name());
    Decision.Builder b = call.decision(Phase.TOOL);
    String arguments = toolCall.arguments();
    Decision d;
    if (!v.allowed) {
      if (v.policy != null) {
        b.policy(v.policy.id());
      }
      b.reason((v.enforced ? "" : "monitor mode: ") + "tool '" + toolCall.name() + "' is not allowed for this caller");
      d = b.verdict(Verdict.DENY).mode(v.enforced ? Mode.ENFORCE : Mode.MONITOR).build();
    } else {
      List<ContentChecks.Ref> refs = call.refs(Phase.TOOL, true);
      if (refs.isEmpty() && !call.hasRedactedValues()) {
        d = b.build();
      } else {
        ContentChecks.Result r = call.runChecks(Phase.TOOL, refs, List.of(arguments), (ref, i) -> true, true, b);
        d = r.decision();
        arguments = r.texts().get(0);
        if (d.blocks()) {
          d = d.toBuilder().reason("tool '" + toolCall.name() + "' arguments were blocked").build();
        }
      }
    }
    d = call.finish(d, t0);
    call.record(d);
    if (d.blocks() && stops(call, d)) {
      call.fail(d);
    }
    return new Outcome(d, arguments);
  }

  static String result(CallRecord call, String toolName, String result) {
    call.ensureOpen();
    long t0 = System.nanoTime();
    List<ContentChecks.Ref> refs = call.refs(Phase.TOOL, false);
    if (refs.isEmpty() && !call.hasRedactedValues()) {
      call.spent(t0);
      return result;
    }
    ContentChecks.Result r = call.runChecks(Phase.TOOL, refs, List.of(result), (ref, i) -> true, true,
        call.decision(Phase.TOOL));
    Decision d = r.decision();
    if (d.blocks()) {
      d = d.toBuilder().reason("result of tool '" + toolName + "' was blocked").build();
    }
    call.recordAndEnforce(call.finish(d, t0));
    return r.texts().get(0);
  }

  private static ToolVerdict verdict(CallRecord call, String tool) {
    boolean restricted = false;
    Policy allowedBy = null;
    Policy restrictingPolicy = null;
    for (Policy p : call.matched) {
      ToolRules t = p.tools();
      if (anyMatch(t.deny(), tool)) {
        return new ToolVerdict(false, call.mode(p) == Mode.ENFORCE, p, t.onDeny() == ToolRules.OnDeny.STOP);
      }
      if (!t.allow().isEmpty()) {
        restricted = true;
        restrictingPolicy = restrictingPolicy == null ? p : restrictingPolicy;
        if (allowedBy == null && anyMatch(t.allow(), tool)) {
          allowedBy = p;
        }
      }
    }
    if (allowedBy != null) {
      return new ToolVerdict(true, true, allowedBy, false);
    }
    if (restricted) {
      return new ToolVerdict(false, call.mode(restrictingPolicy) == Mode.ENFORCE, restrictingPolicy,
          restrictingPolicy.tools().onDeny() == ToolRules.OnDeny.STOP);
    }
    if (call.set.defaults().tools() == Access.DENY) {
      return new ToolVerdict(false, call.settings.modeOverride() != Mode.MONITOR
          && call.set.defaults().mode() == Mode.ENFORCE, null, false);
    }
    return new ToolVerdict(true, true, null, false);
  }

  private static boolean stops(CallRecord call, Decision d) {
    for (String pid : d.policyIds()) {
      for (Policy p : call.matched) {
        if (p.id().equals(pid) && p.tools().onDeny() == ToolRules.OnDeny.STOP) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean anyMatch(List<Glob> globs, String value) {
    for (Glob gl : globs) {
      if (gl.matches(value)) {
        return true;
      }
    }
    return false;
  }
}
