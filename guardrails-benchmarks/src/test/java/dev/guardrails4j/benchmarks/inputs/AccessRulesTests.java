package dev.guardrails4j.benchmarks.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.core.policy.Policy;
import dev.guardrails4j.core.policy.PolicySet;
import org.junit.jupiter.api.Test;

class AccessRulesTests {

  @Test
  void celRulesSelectTheSamePoliciesAsTheEngineForEveryInvocation() {
    AccessRules rules = AccessRules.generate(75, 128, 11);
    PolicySet set = rules.policySet();
    CelAccess cel = new CelAccess(rules.rules());
    int matchedSomething = 0;
    for (Invocation inv : rules.invocations()) {
      var ours = set.select(inv).stream().map(Policy::id).toList();
      assertThat(cel.decide(AccessRules.celVariables(inv)).matched()).as(inv.toString()).isEqualTo(ours);
      matchedSomething += ours.isEmpty() ? 0 : 1;
    }
    // a realistic mix: most calls match a policy, some match none
    assertThat(matchedSomething).isBetween(64, 127);
  }

  @Test
  void generatesTheRequestedNumberOfPolicies() {
    AccessRules rules = AccessRules.generate(100, 8, 3);
    assertThat(rules.policySet().policies()).hasSize(100);
    assertThat(rules.rules()).hasSize(100);
    assertThat(rules.invocations()).hasSize(8);
  }

  @Test
  void generatesTheSameRulesFromTheSameSeed() {
    assertThat(AccessRules.generate(50, 4, 5).yaml()).isEqualTo(AccessRules.generate(50, 4, 5).yaml());
  }
}
