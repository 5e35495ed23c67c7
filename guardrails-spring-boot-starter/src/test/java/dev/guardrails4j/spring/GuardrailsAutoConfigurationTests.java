package dev.guardrails4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.api.spi.CallerResolver;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.CheckBudget;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.policy.PolicyReloader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class GuardrailsAutoConfigurationTests {

  static final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(GuardrailsAutoConfiguration.class))
      .withPropertyValues("guardrails.workload.kubernetes-token-path=", "guardrails.reload-interval=0");

  @TempDir
  Path dir;

  static Invocation invocation(Guardrails g, String action, String role) {
    return Invocation.builder(Caller.of(g.workload(), User.builder("u1").roles(role).build()),
        ModelRef.of("openai", "gpt-4o")).action(action).userMessage("hello").build();
  }

  @Test
  void runsTheBuiltInPolicySetInMonitorModeWithoutConfiguration(CapturedOutput output) {
    runner.run(context -> {
      Guardrails g = context.getBean(Guardrails.class);
      assertThat(g.policySet().sources()).containsExactly(BuiltInPolicySet.NAME);
      assertThat(g.policySet().defaults().mode()).isEqualTo(Mode.MONITOR);
      try (GuardedCall call = g.start(invocation(g, "anything", "nobody"))) {
        assertThat(call.decisions().get(0).verdict()).isEqualTo(Verdict.ALLOW);
      }
      assertThat(output.getOut().lines().filter(l -> l.contains("Guardrails4j ")).toList())
          .singleElement().asString()
          .contains("monitors calls with its built-in policy set")
          .contains("To enforce, set guardrails.policy-location");
    });
  }

  @Test
  void enforcesThePolicyFileAtThePolicyLocation(CapturedOutput output) {
    runner.withPropertyValues("guardrails.policy-location=classpath:custom-detectors/app.yaml").run(context -> {
      Guardrails g = context.getBean(Guardrails.class);
      assertThat(g.policySet().sources()).containsExactly("classpath:custom-detectors/app.yaml");
      assertThatThrownBy(() -> g.start(invocation(g, "summarize", "intern")))
          .isInstanceOf(GuardrailViolationException.class);
      g.start(invocation(g, "summarize", "analyst")).close();
      assertThat(output.getOut()).contains("Guardrails4j enforces policies from classpath:custom-detectors/app.yaml");
    });
  }

  @Test
  void monitorModeOverridesThePolicyFile() {
    runner.withPropertyValues("guardrails.policy-location=classpath:custom-detectors/app.yaml", "guardrails.mode=monitor")
        .run(context -> {
          Guardrails g = context.getBean(Guardrails.class);
          try (GuardedCall call = g.start(invocation(g, "summarize", "intern"))) {
            assertThat(call.decisions().get(0).isDeny()).isTrue();
            assertThat(call.decisions().get(0).mode()).isEqualTo(Mode.MONITOR);
          }
        });
  }

  @Test
  void enforceModeAndDefaultAccessShapeTheBuiltInSet() {
    runner.withPropertyValues("guardrails.mode=enforce", "guardrails.default-access=deny").run(context -> {
      Guardrails g = context.getBean(Guardrails.class);
      assertThatThrownBy(() -> g.start(invocation(g, "summarize", "analyst")))
          .isInstanceOf(GuardrailViolationException.class)
          .hasMessageContaining("default access is deny");
    });
  }

  @Test
  void failsStartupOnAMissingPolicyFile() {
    runner.withPropertyValues("guardrails.policy-location=classpath:policies/absent.yaml").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("classpath:policies/absent.yaml")
          .hasMessageContaining("does not exist");
    });
  }

  @Test
  void failsStartupOnAnInvalidPolicyFileNamingTheLine() {
    runner.withPropertyValues("guardrails.policy-location=classpath:custom-detectors/invalid.yaml").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause()
          .hasMessageContaining("classpath:custom-detectors/invalid.yaml:6:")
          .hasMessageContaining("no-such-detector");
    });
  }

  @Test
  void failsStartupOnAYamlSyntaxErrorNamingWhereTheMistakeIs() {
    runner.withPropertyValues("guardrails.policy-location=classpath:invalid/tab.yaml").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(
          "classpath:invalid/tab.yaml:4:1: not valid YAML: a tab character cannot indent YAML; indent with spaces");
    });
  }

  @Test
  void failsStartupOnAPolicyFileThatIsNotUtf8() {
    runner.withPropertyValues("guardrails.policy-location=classpath:invalid/latin1.yaml").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(
          "classpath:invalid/latin1.yaml:3:12: not UTF-8: byte 0xE9");
    });
  }

  @Test
  void usesDetectorFactoryBeansInPolicyFiles() throws IOException {
    Path file = Files.writeString(dir.resolve("guardrails.yaml"), """
        version: 1
        defaults: { access: deny }
        policies:
          - id: codenames
            access: allow
            input: [ { detector: bean-codenames, action: block } ]
        """);
    runner.withUserConfiguration(CodenameDetector.class).withPropertyValues("guardrails.policy-location=file:" + file)
        .run(context -> {
          Guardrails g = context.getBean(Guardrails.class);
          Invocation inv = Invocation.builder(Caller.of(g.workload()), ModelRef.of("openai", "gpt-4o"))
              .userMessage("Status of project falcon?").build();
          try (GuardedCall call = g.start(inv)) {
            assertThatThrownBy(() -> call.checkInput(inv.messages()))
                .isInstanceOfSatisfying(GuardrailViolationException.class,
                    e -> assertThat(e.decision().findings()).extracting(f -> f.type()).containsExactly("CODENAME"));
          }
        });
  }

  @Test
  void failsStartupWhenAPolicyNamesADetectorThatIsNoBean() throws IOException {
    Path file = Files.writeString(dir.resolve("guardrails.yaml"), """
        version: 1
        policies:
          - { id: codenames, access: allow, input: [ { detector: bean-codenames, action: block } ] }
        """);
    runner.withPropertyValues("guardrails.policy-location=file:" + file).run(context ->
        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("bean-codenames"));
  }

  /** A detector factory registered as a bean only (no ServiceLoader entry). */
  @Configuration(proxyBeanMethods = false)
  static class CodenameDetector {
    @Bean
    dev.guardrails4j.api.spi.DetectorFactory codenames() {
      return new dev.guardrails4j.api.spi.DetectorFactory() {
        @Override
        public String name() {
          return "bean-codenames";
        }

        @Override
        public dev.guardrails4j.api.spi.Detector create(Map<String, Object> options) {
          return new dev.guardrails4j.api.spi.Detector() {
            @Override
            public String name() {
              return "bean-codenames";
            }

            @Override
            public java.util.Set<String> types() {
              return java.util.Set.of("CODENAME");
            }

            @Override
            public List<dev.guardrails4j.api.Finding> detect(String text) {
              int at = text.indexOf("falcon");
              return at < 0 ? List.of() : List.of(dev.guardrails4j.api.Finding.of("bean-codenames", "CODENAME", at, at + 6, 1.0));
            }
          };
        }
      };
    }
  }

  @Test
  void rejectsABadEditAndKeepsTheLastGoodSet() throws IOException {
    Path file = Files.writeString(dir.resolve("guardrails.yaml"), """
        version: 1
        policies:
          - { id: first, access: allow }
        """);
    runner.withPropertyValues("guardrails.policy-location=file:" + file).run(context -> {
      Guardrails g = context.getBean(Guardrails.class);
      PolicyReloader reloader = g.reloader().orElseThrow();
      String good = g.policySet().version();
      Files.writeString(file, "version: 1\npolicies:\n  - { id: second, access: maybe }\n");
      PolicyReloader.Result bad = reloader.reload();
      assertThat(bad.ok()).isFalse();
      assertThat(bad.problems()).anySatisfy(p -> {
        assertThat(p.field()).isEqualTo("policies[0].access");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.column()).isEqualTo(27);
      });
      assertThat(g.policySet().version()).isEqualTo(good);
      Files.writeString(file, "version: 1\npolicies:\n  - { id: second, access: allow }\n");
      assertThat(reloader.reload().changed()).isTrue();
      assertThat(g.policySet().find("second")).isPresent();
    });
  }

  @Test
  void readsEveryPolicyFileOfADirectory() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), "version: 1\npolicies:\n  - { id: a, access: allow }\n");
    Files.writeString(dir.resolve("b.yml"), "version: 1\npolicies:\n  - { id: b, access: deny }\n");
    runner.withPropertyValues("guardrails.policy-location=file:" + dir + "/").run(context ->
        assertThat(context.getBean(Guardrails.class).policySet().policies()).extracting(p -> p.id())
            .containsExactly("a", "b"));
  }

  @Test
  void pollsThePolicyLocationWhenAReloadIntervalIsSet() {
    runner.withPropertyValues("guardrails.policy-location=classpath:custom-detectors/app.yaml",
        "guardrails.reload-interval=5s").run(context ->
        assertThat(context.getBean(Guardrails.class).reloader()).isPresent());
  }

  @Test
  void backsOffToTheApplicationsEngine() {
    runner.withUserConfiguration(OwnEngine.class).run(context -> {
      assertThat(context).hasSingleBean(Guardrails.class);
      assertThat(context.getBean(Guardrails.class)).isSameAs(context.getBean(OwnEngine.class).engine);
    });
  }

  @Test
  void appliesCustomizersAndListenerBeans() {
    runner.withUserConfiguration(Customized.class).run(context -> {
      Guardrails g = context.getBean(Guardrails.class);
      g.start(invocation(g, "x", "y")).close();
      assertThat(context.getBean(RecordingListener.class).events).singleElement()
          .satisfies(e -> assertThat(e.timestamp()).isEqualTo(Customized.NOW));
      assertThat(context.getBean(GuardrailsInventory.class).actionsSeen()).containsEntry("x", 1L);
    });
  }

  @Test
  void takesTheWorkloadFromTheProperty() {
    runner.withPropertyValues("guardrails.workload.id=spiffe://example.org/ns/a/sa/b", "SPIFFE_ID=spiffe://other/x")
        .run(context -> assertThat(context.getBean(Workload.class).id()).isEqualTo("spiffe://example.org/ns/a/sa/b"));
  }

  @Test
  void takesTheWorkloadFromSpiffeId() {
    runner.withPropertyValues("SPIFFE_ID=spiffe://example.org/ns/support/sa/api", "spring.application.name=app")
        .run(context -> assertThat(context.getBean(Guardrails.class).workload().id())
            .isEqualTo("spiffe://example.org/ns/support/sa/api"));
  }

  @Test
  void takesTheWorkloadFromAKubernetesToken() throws IOException {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String claims = "{\"kubernetes.io\":{\"namespace\":\"support\",\"serviceaccount\":{\"name\":\"api\"}}}";
    Path token = Files.writeString(dir.resolve("token"), b64.encodeToString("{}".getBytes(StandardCharsets.UTF_8))
        + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".sig");
    runner.withPropertyValues("guardrails.workload.kubernetes-token-path=" + token, "guardrails.workload.spiffe.enabled=false",
        "SPIFFE_ID=spiffe://ignored/x").run(context ->
        assertThat(context.getBean(Workload.class).id()).isEqualTo("system:serviceaccount:support:api"));
  }

  @Test
  void fallsBackToTheApplicationName() {
    runner.withPropertyValues("spring.application.name=billing").run(context ->
        assertThat(context.getBean(Workload.class).id()).isEqualTo("billing"));
  }

  @Test
  void failsStartupOnAnUnreadableSvid() {
    runner.withPropertyValues("guardrails.workload.spiffe.svid-path=" + dir.resolve("absent.pem")).run(context ->
        assertThat(context).hasFailed());
  }

  @Test
  void resolvesTheUserFromSpringSecurity() {
    runner.run(context -> assertThat(context).hasSingleBean(SpringSecurityCallerResolver.class));
  }

  @Test
  void anApplicationCallerResolverWins() {
    runner.withUserConfiguration(OwnResolver.class).run(context -> {
      assertThat(context).doesNotHaveBean(SpringSecurityCallerResolver.class);
      Guardrails g = context.getBean(Guardrails.class);
      assertThat(g.currentCaller().user()).isNotNull();
      assertThat(g.currentCaller().user().subject()).isEqualTo("from-resolver");
    });
  }

  @Test
  void worksWithoutSpringSecurity() {
    runner.withClassLoader(new FilteredClassLoader("org.springframework.security")).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(CallerResolver.class);
      Guardrails g = context.getBean(Guardrails.class);
      assertThat(g.currentCaller().user()).isNull();
    });
  }

  @Test
  void theContextCallerStillWinsOverTheResolver() {
    runner.withUserConfiguration(OwnResolver.class).run(context -> {
      Guardrails g = context.getBean(Guardrails.class);
      try (GuardContext.Scope s = GuardContext.builder().caller(Caller.of(Workload.of("w"), User.of("explicit"))).open()) {
        assertThat(g.currentCaller().user().subject()).isEqualTo("explicit");
      }
    });
  }

  @Test
  void canBeSwitchedOff() {
    runner.withPropertyValues("guardrails.enabled=false").run(context ->
        assertThat(context).doesNotHaveBean(Guardrails.class).doesNotHaveBean(GuardrailsInventory.class));
  }

  @Test
  void switchingOffStopsEveryIntegrationEvenBesideTheApplicationsEngine() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(org.springframework.boot.autoconfigure.aop.AopAutoConfiguration.class,
            GuardrailsAutoConfiguration.class, GuardrailsAspectAutoConfiguration.class,
            GuardrailsLangChain4jAutoConfiguration.class, GuardrailsMetricsAutoConfiguration.class,
            GuardrailsEndpointAutoConfiguration.class, GuardrailsWebMvcAutoConfiguration.class))
        .withUserConfiguration(OwnEngine.class)
        .withPropertyValues("guardrails.enabled=false", "management.endpoints.web.exposure.include=guardrails")
        .run(context -> assertThat(context).hasSingleBean(Guardrails.class)
            .doesNotHaveBean(GuardedModelCallAspect.class).doesNotHaveBean(GuardedModelPostProcessor.class)
            .doesNotHaveBean(GuardrailsEndpoint.class).doesNotHaveBean(GuardrailsInventory.class));
  }

  @Test
  void rejectsAnInvalidStreamWindow() {
    runner.withPropertyValues("guardrails.stream-window=4").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("streamWindow must be between 16 and 65536");
    });
  }

  @Test
  void takesTheCheckBudgetFromProperties() {
    runner.withPropertyValues("guardrails.check-budget.per-kib=3ms", "guardrails.check-budget.minimum=40ms",
        "guardrails.check-budget.ceiling=900ms").run(context -> assertThat(context.getBean(Guardrails.class).checkBudget())
        .isEqualTo(CheckBudget.of(Duration.ofMillis(3), Duration.ofMillis(40), Duration.ofMillis(900))));
    runner.run(context -> assertThat(context.getBean(Guardrails.class).checkBudget()).isEqualTo(CheckBudget.DEFAULT));
  }

  @Test
  void rejectsACheckBudgetCeilingBelowItsMinimum() {
    runner.withPropertyValues("guardrails.check-budget.minimum=50ms", "guardrails.check-budget.ceiling=10ms")
        .run(context -> assertThat(context.getStartupFailure()).rootCause()
            .hasMessage("check budget ceiling PT0.01S is below its minimum PT0.05S"));
  }

  @Test
  void rejectsAShortFingerprintSalt() {
    runner.withPropertyValues("guardrails.audit.fingerprint-salt=short").run(context ->
        assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("at least 16 characters"));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnEngine {
    final Guardrails engine = Guardrails.builder()
        .policies(dev.guardrails4j.core.policy.PolicySet.parse("own.yaml", "version: 1\npolicies: []\n"))
        .auditLog(false).build();

    @Bean
    Guardrails ownGuardrails() {
      return engine;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Customized {
    static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");

    @Bean
    GuardrailsBuilderCustomizer clockCustomizer() {
      return b -> b.clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Bean
    RecordingListener recordingListener() {
      return new RecordingListener();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnResolver {
    @Bean
    CallerResolver ownResolver() {
      return () -> Optional.of(Caller.of(Workload.of("w"), User.of("from-resolver")));
    }
  }
}
