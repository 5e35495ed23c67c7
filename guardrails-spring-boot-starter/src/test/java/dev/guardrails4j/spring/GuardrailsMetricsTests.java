package dev.guardrails4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.User;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class GuardrailsMetricsTests {

  static final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(GuardrailsAutoConfiguration.class,
          GuardrailsMetricsAutoConfiguration.class))
      .withPropertyValues("guardrails.policy-location=classpath:custom-detectors/app.yaml", "guardrails.reload-interval=0",
          "guardrails.workload.kubernetes-token-path=", "guardrails.audit.enabled=false");

  static Invocation invocation(Guardrails g, String role, String text) {
    return Invocation.builder(Caller.of(g.workload(), User.builder("u").roles(role).build()),
        ModelRef.of("openai", "gpt-4o")).action("summarize").userMessage(text).build();
  }

  @Test
  void countsDecisionsFindingsAndTimesEvaluation() {
    runner.withUserConfiguration(Registry.class).run(context -> {
      Guardrails g = context.getBean(Guardrails.class);
      try (GuardedCall call = g.start(invocation(g, "analyst", "mail bob@example.com"))) {
        call.checkInput();
      }
      assertThatThrownBy(() -> g.start(invocation(g, "intern", "hi")));
      MeterRegistry r = context.getBean(MeterRegistry.class);
      assertThat(r.get(GuardrailsMetrics.DECISIONS).tags("phase", "access", "verdict", "allow", "mode", "enforce",
          "policy", "analysts-summarize", "model", "openai:gpt-4o", "action", "summarize").counter().count())
          .isEqualTo(1.0);
      assertThat(r.get(GuardrailsMetrics.DECISIONS).tags("phase", "access", "verdict", "deny", "policy", "none")
          .counter().count()).isEqualTo(1.0);
      assertThat(r.get(GuardrailsMetrics.DECISIONS).tags("phase", "input", "verdict", "allow_with_changes")
          .counter().count()).isEqualTo(1.0);
      assertThat(r.get(GuardrailsMetrics.FINDINGS).tags("detector", "test-pii", "type", "EMAIL_ADDRESS",
          "action", "redact").counter().count()).isEqualTo(1.0);
      assertThat(r.get(GuardrailsMetrics.EVALUATION).tags("outcome", "allow_with_changes").timer().count())
          .isEqualTo(1);
      assertThat(r.get(GuardrailsMetrics.EVALUATION).tags("outcome", "deny").timer().count()).isEqualTo(1);
    });
  }

  @Test
  void needsAMeterRegistry() {
    runner.run(context -> assertThat(context).doesNotHaveBean(GuardrailsMetrics.class));
  }

  @Test
  void isAbsentWithoutMicrometer() {
    runner.withUserConfiguration(Registry.class)
        .withClassLoader(new FilteredClassLoader("io.micrometer.core"))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(GuardrailsMetrics.class));
  }

  @Test
  void backsOffToTheApplicationsMetrics() {
    runner.withUserConfiguration(Registry.class, OwnMetrics.class).run(context ->
        assertThat(context.getBean(GuardrailsMetrics.class)).isSameAs(context.getBean(OwnMetrics.class).metrics));
  }

  @Configuration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnMetrics {
    final GuardrailsMetrics metrics = new GuardrailsMetrics(new SimpleMeterRegistry());

    @Bean
    GuardrailsMetrics ownMetrics() {
      return metrics;
    }
  }
}
