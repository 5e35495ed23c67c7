package dev.guardrails4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.annotation.GuardedModelCall;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.inventory.Inventory;
import dev.guardrails4j.testsupport.LogCapture;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A real Spring context writes one startup inventory event once its call sites are found, with
 * the controls in force at each, honours {@code guardrails.inventory.*}, and shows the inventory as
 * Micrometer gauges.
 */
class GuardrailsInventoryEventsTests {

  static final ObjectMapper JSON = new ObjectMapper();

  static final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(GuardrailsAutoConfiguration.class,
          GuardrailsMetricsAutoConfiguration.class))
      .withPropertyValues("guardrails.policy-location=classpath:custom-detectors/app.yaml", "guardrails.reload-interval=0",
          "guardrails.workload.kubernetes-token-path=", "guardrails.audit.enabled=false",
          "spring.application.name=report-service", "guardrails.workload.id=spiffe://example.org/ns/reports/sa/api");

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  /** A service with an annotated model call. */
  static class Reports {
    @GuardedModelCall(action = "summarize")
    public String summarize(String text) {
      return text;
    }

    @GuardedModelCall(action = "translate", model = "openai:gpt-4o-mini")
    public String translate(String text) {
      return text;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class App {
    @Bean
    Reports reports() {
      return new Reports();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  List<JsonNode> events() throws Exception {
    List<JsonNode> out = new java.util.ArrayList<>();
    for (ILoggingEvent e : logs.events()) {
      if (e.getLoggerName().equals(Inventory.LOGGER_NAME)) {
        out.add(JSON.readTree(e.getFormattedMessage()));
      }
    }
    return out;
  }

  static JsonNode site(JsonNode event, String id) {
    return StreamSupport.stream(event.get("callSites").spliterator(), false)
        .filter(s -> s.get("id").asText().equals(id)).findFirst().orElseThrow(
            () -> new AssertionError("no call site " + id + " in " + event.get("callSites")));
  }

  @Test
  void theStartupEventWaitsForTheCallSitesAndShowsTheirControls() {
    runner.withUserConfiguration(App.class).run(context -> {
      assertThat(context).hasNotFailed();
      List<JsonNode> events = events();
      assertThat(events).hasSize(1);
      JsonNode e = events.get(0);
      assertThat(e.get("reason").asText()).isEqualTo("startup");
      assertThat(e.at("/resource/service.name").asText()).isEqualTo("report-service");
      assertThat(e.at("/workload/id").asText()).isEqualTo("spiffe://example.org/ns/reports/sa/api");
      JsonNode summarize = site(e, Reports.class.getName() + "#summarize");
      assertThat(summarize.get("kind").asText()).isEqualTo("annotated-method");
      assertThat(summarize.at("/controls/access/0/policy").asText()).isEqualTo("analysts-summarize");
      assertThat(summarize.at("/controls/input/0/detector").asText()).isEqualTo("test-pii");
      assertThat(site(e, Reports.class.getName() + "#translate").at("/controls/access").size()).isZero();
      assertThat(e.at("/models/configured").toString()).isEqualTo("[\"openai:gpt-4o-mini\"]");
      assertThat(context.getBean(Guardrails.class).inventory().interval()).contains(Duration.ofMinutes(10));
    });
  }

  @Test
  void theIntervalIsAProperty() {
    runner.withPropertyValues("guardrails.inventory.interval=30s").run(context ->
        assertThat(context.getBean(Guardrails.class).inventory().interval()).contains(Duration.ofSeconds(30)));
  }

  @Test
  void eventsCanBeSwitchedOff() {
    runner.withPropertyValues("guardrails.inventory.enabled=false").run(context -> {
      assertThat(context).doesNotHaveBean(GuardrailsInventoryStartup.class);
      assertThat(context.getBean(Guardrails.class).inventory().interval()).isEmpty();
      assertThat(events()).isEmpty();
    });
  }

  @Test
  void noUserOrPromptReachesAnEvent() {
    runner.withUserConfiguration(App.class).run(context -> {
      Guardrails g = context.getBean(Guardrails.class);
      Invocation inv = Invocation.builder(Caller.of(g.workload(), User.builder("erin.hollis").roles("analyst").build()),
          ModelRef.of("openai", "gpt-4o")).action("summarize").userMessage("mail erin@example.com please").build();
      try (GuardedCall call = g.start(inv)) {
        call.checkInput();
      }
      Invocation intern = Invocation.builder(Caller.of(g.workload(), User.builder("ivan.petrov").roles("intern").build()),
          ModelRef.of("openai", "gpt-4o")).action("summarize").userMessage("hello").build();
      try (GuardedCall call = g.start(intern)) {
        call.checkInput();
      } catch (GuardrailViolationException expected) {
        // counted as an access denial
      }
      String json = g.inventory().emit("heartbeat").orElseThrow().toJson();
      assertThat(json).contains("\"ACCESS\":1").doesNotContain("erin").doesNotContain("ivan")
          .doesNotContain("example.com").doesNotContain("mail");
    });
  }

  @Test
  void theInventoryIsAlsoASetOfGauges() {
    runner.withUserConfiguration(App.class, Registry.class).run(context -> {
      MeterRegistry r = context.getBean(MeterRegistry.class);
      assertThat(r.get(GuardrailsInventoryMetrics.CALL_SITES).gauge().value()).isEqualTo(2.0);
      assertThat(r.get(GuardrailsInventoryMetrics.CALL_SITES_WITHOUT_CONTROLS).gauge().value()).isEqualTo(1.0);
      assertThat(r.get(GuardrailsInventoryMetrics.MODELS).gauge().value()).isEqualTo(1.0);
      assertThat(r.get(GuardrailsInventoryMetrics.UNGUARDED_MODEL_BEANS).gauge().value()).isZero();
    });
  }
}
