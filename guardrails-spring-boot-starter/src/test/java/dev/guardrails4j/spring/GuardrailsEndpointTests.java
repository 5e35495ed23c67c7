package dev.guardrails4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.User;
import dev.guardrails4j.core.Guardrails;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class GuardrailsEndpointTests {

  static final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(GuardrailsAutoConfiguration.class,
          GuardrailsEndpointAutoConfiguration.class))
      .withPropertyValues("guardrails.reload-interval=0", "guardrails.workload.kubernetes-token-path=",
          "guardrails.workload.id=svc", "guardrails.audit.enabled=false",
          "management.endpoints.web.exposure.include=guardrails");

  @TempDir
  Path dir;

  @Test
  void reportsThePolicySetAndWhatRanAtRuntime() {
    runner.withPropertyValues("guardrails.policy-location=classpath:custom-detectors/app.yaml").run(context -> {
      Guardrails g = context.getBean(Guardrails.class);
      g.start(Invocation.builder(Caller.of(g.workload(), User.builder("u").roles("analyst").build()),
          ModelRef.of("openai", "gpt-4o")).action("summarize").callSite("a.B#c").build()).close();
      GuardrailsEndpoint.Report report = context.getBean(GuardrailsEndpoint.class).report();
      assertThat(report.workload()).isEqualTo("svc");
      assertThat(report.policies().policyIds()).containsExactly("analysts-summarize", "service-jobs", "one-report-a-minute");
      assertThat(report.policies().sources()).containsExactly("classpath:custom-detectors/app.yaml");
      assertThat(report.policies().reloadable()).isTrue();
      assertThat(report.policies().lastReload().ok()).isTrue();
      assertThat(report.modelsSeen()).containsEntry("openai:gpt-4o", 1L);
      assertThat(report.actionsSeen()).containsEntry("summarize", 1L);
      assertThat(report.callSitesSeen()).containsEntry("a.B#c", 1L);
      assertThat(report.decisions()).containsEntry("ALLOW", 1L);
    });
  }

  @Test
  void reloadReturnsTheProblemsOfABadEdit() throws IOException {
    Path file = Files.writeString(dir.resolve("g.yaml"), "version: 1\npolicies:\n  - { id: a, access: allow }\n");
    runner.withPropertyValues("guardrails.policy-location=file:" + file).run(context -> {
      GuardrailsEndpoint endpoint = context.getBean(GuardrailsEndpoint.class);
      String before = endpoint.report().policies().version();
      Files.writeString(file, "version: 1\npolicies:\n  - { id: a, acces: allow }\n");
      GuardrailsEndpoint.ReloadResult r = endpoint.reload();
      assertThat(r.ok()).isFalse();
      assertThat(r.activeVersion()).isEqualTo(before);
      assertThat(r.problems()).anySatisfy(p -> {
        assertThat(p.file()).endsWith("g.yaml");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.field()).contains("acces");
      });
      Files.writeString(file, "version: 1\npolicies:\n  - { id: b, access: allow }\n");
      assertThat(endpoint.reload().changed()).isTrue();
      assertThat(endpoint.report().policies().policyIds()).containsExactly("b");
    });
  }

  @Test
  void explainsThatTheBuiltInSetCannotBeReloaded() {
    runner.run(context -> {
      GuardrailsEndpoint.ReloadResult r = context.getBean(GuardrailsEndpoint.class).reload();
      assertThat(r.ok()).isFalse();
      assertThat(r.error()).contains("no guardrails.policy-location");
    });
  }

  @Test
  void isAbsentWhenNotExposed() {
    runner.withPropertyValues("management.endpoints.web.exposure.include=health").run(context ->
        assertThat(context).doesNotHaveBean(GuardrailsEndpoint.class));
  }

  @Test
  void isAbsentWithoutActuator() {
    runner.withClassLoader(new FilteredClassLoader(Endpoint.class)).run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean(GuardrailsEndpoint.class));
  }
}
