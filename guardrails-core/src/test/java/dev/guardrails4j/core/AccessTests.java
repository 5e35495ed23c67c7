package dev.guardrails4j.core;

import static dev.guardrails4j.core.testing.Fixtures.invocation;
import static dev.guardrails4j.core.testing.Fixtures.policies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.core.policy.PolicySet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessTests {

  static Decision access(PolicySet set, Invocation inv) {
    Guardrails g = Guardrails.builder().policies(set).auditLog(false).build();
    try (GuardedCall call = g.start(inv)) {
      return call.decisions().get(0);
    } catch (GuardrailViolationException e) {
      return e.decision();
    }
  }

  static Stream<Arguments> selectors() {
    User alice = User.builder("alice").tenant("acme").roles("analyst").groups("emea").build();
    Workload api = Workload.of("spiffe://example.org/ns/support/sa/api");
    ModelRef gpt = ModelRef.of("openai", "gpt-4o");
    Invocation base = Invocation.builder(Caller.of(api, alice), gpt).action("summarize")
        .dataLabels("internal").attribute("channel", "web").build();
    return Stream.of(
        Arguments.of("user: { roles: [analyst] }", base, true),
        Arguments.of("user: { roles: [admin] }", base, false),
        Arguments.of("user: { groups: [emea] }", base, true),
        Arguments.of("user: { groups: [apac] }", base, false),
        Arguments.of("user: { tenant: [acme] }", base, true),
        Arguments.of("user: { tenant: [other] }", base, false),
        Arguments.of("user: { subject: [\"ali*\"] }", base, true),
        Arguments.of("user: { subject: [bob] }", base, false),
        Arguments.of("user: none", base, false),
        Arguments.of("user: none", base.toBuilder().caller(Caller.of(api)).build(), true),
        Arguments.of("user: required", base.toBuilder().caller(Caller.of(api)).build(), false),
        Arguments.of("user: { roles: [analyst] }", base.toBuilder().caller(Caller.of(api)).build(), false),
        Arguments.of("workload: [\"spiffe://example.org/ns/*/sa/api\"]", base, true),
        Arguments.of("workload: [\"spiffe://example.org/ns/*/sa/billing\"]", base, false),
        Arguments.of("model: [\"openai:gpt-4o*\"]", base, true),
        Arguments.of("model: [\"ollama:*\"]", base, false),
        Arguments.of("action: [summarize, translate]", base, true),
        Arguments.of("action: [\"summ*\"]", base, true),
        Arguments.of("action: [translate]", base, false),
        Arguments.of("data: [internal]", base, true),
        Arguments.of("data: [confidential]", base, false),
        Arguments.of("attributes: { channel: [web] }", base, true),
        Arguments.of("attributes: { channel: [mobile] }", base, false),
        Arguments.of("attributes: { missing: [x] }", base, false));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("selectors")
  void everySelectorKindMatchesAndMisses(String match, Invocation inv, boolean allowed) {
    PolicySet set = policies("version: 1\npolicies:\n  - id: p\n    match: { " + match + " }\n    access: allow\n");
    Decision d = access(set, inv);
    assertThat(d.phase()).isEqualTo(Phase.ACCESS);
    assertThat(d.verdict()).isEqualTo(allowed ? Verdict.ALLOW : Verdict.DENY);
    assertThat(d.policyIds()).isEqualTo(allowed ? java.util.List.of("p") : java.util.List.of());
  }

  @Test
  void anExplicitDenyWinsOverAnyAllow() {
    PolicySet set = policies("""
        version: 1
        policies:
          - { id: analysts, match: { user: { roles: [analyst] } }, access: allow }
          - id: confidential-stays-home
            match: { data: [confidential], model: ["openai:*"] }
            access: deny
            reason: Confidential content may only go to self-hosted models
        """);
    Decision d = access(set, invocation("analyst").dataLabels("confidential").build());
    assertThat(d.verdict()).isEqualTo(Verdict.DENY);
    assertThat(d.blocks()).isTrue();
    assertThat(d.policyIds()).containsExactly("confidential-stays-home");
    assertThat(d.reasons()).containsExactly("Confidential content may only go to self-hosted models");
  }

  @Test
  void defaultDenyNeedsSomethingToAllow() {
    PolicySet set = policies("version: 1\npolicies:\n  - { id: a, match: { action: [other] }, access: allow }\n");
    Decision d = access(set, invocation("analyst").build());
    assertThat(d.blocks()).isTrue();
    assertThat(d.policyIds()).isEmpty();
    assertThat(d.reasons()).singleElement().asString().contains("default access is deny")
        .doesNotContain("alice");
  }

  @Test
  void defaultAllowLetsUnmatchedCallsThrough() {
    PolicySet set = policies("""
        version: 1
        defaults: { access: allow }
        policies:
          - { id: a, match: { action: [other] }, access: deny }
        """);
    assertThat(access(set, invocation("analyst").build()).verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(access(set, invocation("analyst").action("other").build()).blocks()).isTrue();
  }

  @Test
  void aMonitoredDenyIsRecordedButDoesNotBlock() {
    PolicySet set = policies("""
        version: 1
        policies:
          - { id: allow-all, access: allow }
          - { id: shadow, mode: monitor, match: { data: [pii] }, access: deny, reason: new rule }
        """);
    Decision d = access(set, invocation("analyst").dataLabels("pii").build());
    assertThat(d.verdict()).isEqualTo(Verdict.DENY);
    assertThat(d.mode()).isEqualTo(Mode.MONITOR);
    assertThat(d.blocks()).isFalse();
    assertThat(d.policyIds()).contains("shadow");
  }

  @Test
  void globalMonitorModeNeverBlocks() {
    PolicySet set = policies("version: 1\npolicies:\n  - { id: d, access: deny }\n");
    Guardrails g = Guardrails.builder().policies(set).mode(Mode.MONITOR).auditLog(false).build();
    try (GuardedCall call = g.start(invocation("analyst").build())) {
      Decision d = call.decisions().get(0);
      assertThat(d.verdict()).isEqualTo(Verdict.DENY);
      assertThat(d.mode()).isEqualTo(Mode.MONITOR);
    }
  }

  @Test
  void aViolationCarriesTheDecisionButNoContent() {
    PolicySet set = policies("version: 1\npolicies:\n  - { id: d, access: deny, reason: \"no\" }\n");
    Guardrails g = Guardrails.builder().policies(set).auditLog(false).build();
    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class,
        () -> g.start(invocation("analyst").userMessage("my card 4111 1111 1111 1111").build()));
    assertThat(e.decision().policyIds()).containsExactly("d");
    assertThat(e.getMessage()).contains("ACCESS").contains("d").doesNotContain("4111").doesNotContain("alice");
  }

  @Test
  void selectionUsesTheActionIndexAndKeepsFileOrder() {
    StringBuilder yaml = new StringBuilder("version: 1\npolicies:\n");
    for (int i = 0; i < 500; i++) {
      yaml.append("  - { id: p").append(i).append(", match: { action: [a").append(i).append("] }, access: allow }\n");
    }
    yaml.append("  - { id: any, match: { action: [\"a1*\"] }, access: allow }\n");
    PolicySet set = policies(yaml.toString());
    assertThat(set.select(invocation().action("a10").build()))
        .extracting(p -> p.id()).containsExactly("p10", "any");
    assertThat(set.select(invocation().action("zzz").build())).isEmpty();
  }
}
