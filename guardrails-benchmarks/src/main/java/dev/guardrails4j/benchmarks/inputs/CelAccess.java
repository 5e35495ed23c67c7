package dev.guardrails4j.benchmarks.inputs;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Access rules as a team would write them with Google CEL and no index: every policy's rule
 * compiled once, and every one of them evaluated per call with the caller, model and action as
 * variables. An enforced deny wins; otherwise an allow is needed.
 */
public final class CelAccess {

  /**
   * The outcome of one call.
   *
   * @param allowed whether the call is allowed
   * @param matched the ids of the policies whose rule is true, in policy order
   */
  public record Outcome(boolean allowed, List<String> matched) {
    /** Copies. */
    public Outcome {
      matched = List.copyOf(matched);
    }
  }

  private final List<AccessRules.Rule> rules;
  private final CelRuntime.Program[] programs;

  /**
   * Compiles every rule.
   *
   * @param rules the rules
   * @throws IllegalArgumentException if a rule does not compile
   */
  public CelAccess(List<AccessRules.Rule> rules) {
    this.rules = List.copyOf(rules);
    Cel cel = CelFactory.standardCelBuilder()
        .addVar("workload", SimpleType.STRING)
        .addVar("model", SimpleType.STRING)
        .addVar("action", SimpleType.STRING)
        .addVar("tenant", SimpleType.STRING)
        .addVar("roles", ListType.create(SimpleType.STRING))
        .addVar("data", ListType.create(SimpleType.STRING))
        .setResultType(SimpleType.BOOL)
        .build();
    programs = new CelRuntime.Program[rules.size()];
    for (int i = 0; i < programs.length; i++) {
      AccessRules.Rule rule = rules.get(i);
      try {
        programs[i] = cel.createProgram(cel.compile(rule.cel()).getAst());
      } catch (CelValidationException | CelEvaluationException e) {
        throw new IllegalArgumentException("rule " + rule.id() + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Evaluates every rule.
   *
   * @param variables the call's variables ({@link AccessRules#celVariables})
   * @return the outcome
   * @throws IllegalStateException if a rule fails to evaluate
   */
  public Outcome decide(Map<String, ?> variables) {
    List<String> matched = null;
    boolean denied = false;
    boolean allowed = false;
    for (int i = 0; i < programs.length; i++) {
      Object v;
      try {
        v = programs[i].eval(variables);
      } catch (CelEvaluationException e) {
        throw new IllegalStateException("rule " + rules.get(i).id() + ": " + e.getMessage(), e);
      }
      if (Boolean.TRUE.equals(v)) {
        if (matched == null) {
          matched = new ArrayList<>(4);
        }
        AccessRules.Rule rule = rules.get(i);
        matched.add(rule.id());
        if (rule.deny()) {
          denied = true;
        } else {
          allowed = true;
        }
      }
    }
    return new Outcome(allowed && !denied, matched == null ? List.of() : matched);
  }
}
