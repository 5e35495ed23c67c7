package dev.guardrails4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.PolicySet;
import dev.guardrails4j.testsupport.KeywordDetectorFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardrailsSmokeTests {

  static final String POLICY = """
      version: 1
      policies:
        - id: analysts
          match: { user: { roles: [analyst] }, model: ["openai:*"], action: [summarize] }
          access: allow
          input:
            - { detector: keyword, word: secret, action: redact }
            - { detector: keyword, word: attack, action: block }
      """;

  static Guardrails engine() {
    PolicySet set = PolicySet.parse(List.of(new PolicyDocument("p.yaml", POLICY)),
        DetectorCatalog.builtIn().with(new KeywordDetectorFactory()));
    return Guardrails.builder().policies(set).auditLog(false).build();
  }

  static Invocation inv(String role, String text) {
    return Invocation.builder(Caller.of(Workload.of("svc"), User.builder("u1").roles(role).build()),
        ModelRef.of("openai", "gpt-4o")).action("summarize").userMessage(text).build();
  }

  @Test
  void allowsAndRedacts() {
    try (GuardedCall call = engine().start(inv("analyst", "my secret is here"))) {
      List<Message> sent = call.checkInput();
      assertThat(sent.get(0).text()).isEqualTo("my <KEYWORD_1> is here");
      assertThat(call.decisions()).extracting(d -> d.verdict())
          .containsExactly(Verdict.ALLOW, Verdict.ALLOW_WITH_CHANGES);
    }
  }

  @Test
  void deniesOtherRoles() {
    assertThatThrownBy(() -> engine().start(inv("intern", "hello")))
        .isInstanceOf(GuardrailViolationException.class)
        .hasMessageContaining("ACCESS");
  }

  @Test
  void blocksAttack() {
    GuardedCall call = engine().start(inv("analyst", "an attack"));
    assertThatThrownBy(call::checkInput).isInstanceOf(GuardrailViolationException.class);
  }
}
