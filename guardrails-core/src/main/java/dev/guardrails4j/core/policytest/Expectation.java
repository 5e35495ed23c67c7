package dev.guardrails4j.core.policytest;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a policy test case expects of one phase. Every part left out is not checked.
 *
 * <pre>{@code
 * expect:
 *   access: allow                                   # shorthand for { verdict: allow }
 *   input: { verdict: allow-with-changes, findings: [EMAIL_ADDRESS] }
 *   output: { verdict: deny, policies: [no-links], mode: enforce }
 *   limits: { verdict: deny, retry-after: true }
 *   tool: not-run                                    # the phase must not run at all
 * }</pre>
 *
 * @param runs whether the phase is expected to run at all ({@code not-run} sets false)
 * @param verdict the expected verdict, or {@code null} to leave it unchecked
 * @param mode the expected mode, or {@code null}
 * @param policies policy ids that must all be among the deciding policies
 * @param findings finding types that must all be among the decision's findings
 * @param noFindings whether the decision must have no findings at all ({@code findings: []})
 * @param reason text that one of the decision's reasons must contain, or an empty string
 * @param retryAfter whether a retry delay must be present ({@code true}) or absent
 *     ({@code false}), or {@code null} to leave it unchecked
 * @param line the line of the expectation in its file
 */
public record Expectation(
    boolean runs,
    @Nullable Verdict verdict,
    @Nullable Mode mode,
    List<String> policies,
    List<String> findings,
    boolean noFindings,
    String reason,
    @Nullable Boolean retryAfter,
    int line) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if a phase that must not run has other expectations, or
   *     {@code noFindings} comes with finding types
   */
  public Expectation {
    policies = List.copyOf(policies);
    findings = List.copyOf(findings);
    Objects.requireNonNull(reason, "reason");
    if (!runs && (verdict != null || mode != null || !policies.isEmpty() || !findings.isEmpty()
        || noFindings || !reason.isEmpty() || retryAfter != null)) {
      throw new IllegalArgumentException("a phase expected not to run cannot expect a verdict, policies or findings");
    }
    if (noFindings && !findings.isEmpty()) {
      throw new IllegalArgumentException("noFindings contradicts the finding types " + findings);
    }
  }

  /**
   * Expects a verdict and nothing else.
   *
   * @param verdict the verdict
   * @return the expectation
   */
  public static Expectation of(Verdict verdict) {
    return new Expectation(true, Objects.requireNonNull(verdict, "verdict"), null, List.of(), List.of(),
        false, "", null, 0);
  }

  /**
   * Expects the phase not to run, because an earlier phase stopped the call.
   *
   * @return the expectation
   */
  public static Expectation notRun() {
    return new Expectation(false, null, null, List.of(), List.of(), false, "", null, 0);
  }

  /**
   * Compares a phase's outcome with this expectation.
   *
   * @param ran whether the phase ran
   * @param decision the phase's decision; {@code null} when it ran without deciding anything (no
   *     policy has checks for it), which counts as an allow without findings
   * @return what differs, or an empty list when the outcome is as expected
   */
  public List<String> mismatches(boolean ran, @Nullable Decision decision) {
    List<String> out = new ArrayList<>();
    if (!runs) {
      if (ran) {
        out.add("expected the phase not to run");
      }
      return out;
    }
    if (!ran) {
      out.add("expected the phase to run");
      return out;
    }
    Verdict actualVerdict = decision == null ? Verdict.ALLOW : decision.verdict();
    if (verdict != null && verdict != actualVerdict) {
      out.add("verdict " + name(verdict) + " expected");
    }
    if (mode != null && decision != null && mode != decision.mode()) {
      out.add("mode " + name(mode) + " expected");
    }
    List<String> actualPolicies = decision == null ? List.of() : decision.policyIds();
    for (String p : policies) {
      if (!actualPolicies.contains(p)) {
        out.add("policy " + p + " expected among the deciding policies");
      }
    }
    List<String> types = decision == null ? List.of() : decision.findingTypes();
    for (String f : findings) {
      if (!types.contains(f)) {
        out.add("finding " + f + " expected");
      }
    }
    if (noFindings && !types.isEmpty()) {
      out.add("no findings expected");
    }
    if (!reason.isEmpty()) {
      boolean found = false;
      for (String r : decision == null ? List.<String>of() : decision.reasons()) {
        found |= r.contains(reason);
      }
      if (!found) {
        out.add("a reason containing '" + reason + "' expected");
      }
    }
    if (retryAfter != null) {
      boolean has = decision != null && decision.retryAfter() != null;
      if (has != retryAfter) {
        out.add(retryAfter ? "a retry-after delay expected" : "no retry-after delay expected");
      }
    }
    return out;
  }

  /**
   * The expectation in the words of a test file, for reports.
   *
   * @return for example {@code deny by [p1] with findings [EMAIL_ADDRESS]}
   */
  public String describe() {
    if (!runs) {
      return "not-run";
    }
    StringBuilder sb = new StringBuilder(verdict == null ? "any verdict" : name(verdict));
    if (mode != null) {
      sb.append(" (").append(name(mode)).append(')');
    }
    if (!policies.isEmpty()) {
      sb.append(" by ").append(policies);
    }
    if (!findings.isEmpty()) {
      sb.append(" with findings ").append(findings);
    }
    if (noFindings) {
      sb.append(" with no findings");
    }
    if (!reason.isEmpty()) {
      sb.append(" because '").append(reason).append('\'');
    }
    if (retryAfter != null) {
      sb.append(retryAfter ? " with retry-after" : " without retry-after");
    }
    return sb.toString();
  }

  /**
   * A verdict or mode as test files write it: lower case with dashes.
   *
   * @param e the enum constant
   * @return for example {@code allow-with-changes}
   */
  static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
