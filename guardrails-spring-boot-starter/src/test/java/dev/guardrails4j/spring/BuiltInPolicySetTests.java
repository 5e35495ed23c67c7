package dev.guardrails4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Mode;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.Access;
import dev.guardrails4j.core.policy.OnError;
import dev.guardrails4j.core.policy.Policy;
import dev.guardrails4j.core.policy.PolicySet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltInPolicySetTests {

  @Test
  void usesEveryWantedDetectorThatExistsAndSkipsTheOthers() {
    String yaml = BuiltInPolicySet.yaml(Set.of("pii", "invisible-text", "deny-list"), Mode.MONITOR, Access.ALLOW,
        OnError.BLOCK);
    assertThat(yaml)
        .contains("defaults: { mode: monitor, access: allow, on-error: block }")
        .contains("{ detector: pii, action: redact }")
        .contains("{ detector: invisible-text, action: block }")
        .doesNotContain("secrets")
        .doesNotContain("prompt-injection")
        .doesNotContain("deny-list");
    assertThat(BuiltInPolicySet.detectors(Set.of("pii", "invisible-text", "deny-list")))
        .containsExactly("pii", "invisible-text");
  }

  @Test
  void hasNoPolicyWhenNoBuiltInDetectorExists() {
    PolicySet set = BuiltInPolicySet.create(DetectorCatalog.builtIn(), Mode.MONITOR, Access.ALLOW, OnError.BLOCK);
    assertThat(set.policies()).allSatisfy(p -> assertThat(p.input()).isNotEmpty());
    assertThat(set.defaults().access()).isEqualTo(Access.ALLOW);
  }

  @Test
  void isAValidPolicySetWhenEveryDetectorExists() {
    DetectorCatalog catalog = DetectorCatalog.builtIn();
    for (String name : new String[] {"pii", "secrets", "prompt-injection", "invisible-text"}) {
      if (catalog.find(name).isEmpty()) {
        catalog = catalog.with(new NamedFactory(name));
      }
    }
    PolicySet set = BuiltInPolicySet.create(catalog, Mode.ENFORCE, Access.DENY, OnError.ALLOW);
    Policy p = set.find(BuiltInPolicySet.POLICY_ID).orElseThrow();
    assertThat(p.input()).hasSize(4);
    assertThat(p.output()).hasSize(3);
    assertThat(set.defaults().mode()).isEqualTo(Mode.ENFORCE);
    assertThat(set.defaults().onError()).isEqualTo(OnError.ALLOW);
  }

  /** A detector factory standing in for a built-in one that is not merged yet. */
  record NamedFactory(String name) implements dev.guardrails4j.api.spi.DetectorFactory {
    @Override
    public dev.guardrails4j.api.spi.Detector create(java.util.Map<String, Object> options) {
      return new dev.guardrails4j.api.spi.Detector() {
        @Override
        public String name() {
          return NamedFactory.this.name;
        }

        @Override
        public java.util.List<dev.guardrails4j.api.Finding> detect(String text) {
          return java.util.List.of();
        }
      };
    }
  }
}
