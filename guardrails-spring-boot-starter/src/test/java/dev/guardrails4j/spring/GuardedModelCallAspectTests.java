package dev.guardrails4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.annotation.GuardedModelCall;
import dev.guardrails4j.api.annotation.Prompt;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.aspectj.lang.annotation.Aspect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

@ExtendWith(OutputCaptureExtension.class)
class GuardedModelCallAspectTests {

  static final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, GuardrailsAutoConfiguration.class,
          GuardrailsAspectAutoConfiguration.class))
      .withPropertyValues("guardrails.policy-location=classpath:custom-detectors/app.yaml", "guardrails.reload-interval=0",
          "guardrails.workload.kubernetes-token-path=", "guardrails.audit.enabled=false")
      .withUserConfiguration(Services.class);

  @BeforeEach
  void signIn() {
    signInAs("ROLE_analyst");
  }

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  static void signInAs(String authority) {
    SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
        "alice", "n/a", AuthorityUtils.createAuthorityList(authority)));
  }

  @Test
  void passesTheRedactedPromptToTheMethod() {
    runner.run(context -> {
      SummaryService s = context.getBean(SummaryService.class);
      s.summarize("Write to bob@example.com please");
      assertThat(s.received()).doesNotContain("bob@example.com").contains("please");
    });
  }

  @Test
  void deniesBeforeTheMethodRuns() {
    signInAs("ROLE_intern");
    runner.run(context -> {
      SummaryService s = context.getBean(SummaryService.class);
      assertThatThrownBy(() -> s.summarize("hello"))
          .isInstanceOfSatisfying(GuardrailViolationException.class,
              e -> assertThat(e.decision().phase()).isEqualTo(Phase.ACCESS));
      assertThat(s.received()).isNull();
    });
  }

  @Test
  void blocksAPromptBeforeTheMethodRuns() {
    runner.run(context -> {
      SummaryService s = context.getBean(SummaryService.class);
      assertThatThrownBy(() -> s.summarize("use sk-abcdefghijklmnopqrstuv"))
          .isInstanceOfSatisfying(GuardrailViolationException.class,
              e -> assertThat(e.decision().phase()).isEqualTo(Phase.INPUT));
      assertThat(s.received()).isNull();
    });
  }

  @Test
  void checksTheReturnedTextAsOutput() {
    runner.run(context -> {
      SummaryService s = context.getBean(SummaryService.class);
      s.answer("Contact carol@example.org");
      assertThat(s.summarize("hello")).startsWith("Contact ").doesNotContain("carol@example.org");
    });
  }

  @Test
  void leavesTheReturnedTextAloneWhenCheckOutputIsOff() {
    runner.run(context -> {
      SummaryService s = context.getBean(SummaryService.class);
      s.answer("Contact carol@example.org");
      assertThat(s.unchecked("hello")).isEqualTo("Contact carol@example.org");
    });
  }

  @Test
  void neverChecksTheSameContentTwice() {
    runner.withUserConfiguration(Recording.class).run(context -> {
      SummaryService s = context.getBean(SummaryService.class);
      s.answer("Contact carol@example.org");
      TestDetectorFactory.PII_RUNS.set(0);
      String out = s.throughAGuardedModel("Write to bob@example.com");
      assertThat(out).doesNotContain("carol@example.org");
      // once over the prompt (by the aspect), once over the answer (by the model's own call)
      assertThat(TestDetectorFactory.PII_RUNS.get()).isEqualTo(2);
      List<Decision> outputs = context.getBean(RecordingListener.class).phase(Phase.OUTPUT);
      assertThat(outputs).hasSize(1);
    });
  }

  @Test
  void opensAScopeForTheCallsTheMethodMakes() {
    runner.run(context -> {
      SummaryService s = context.getBean(SummaryService.class);
      s.summarize("hello");
      GuardContext.Frame f = s.frame();
      assertThat(f.action()).isEqualTo("summarize");
      assertThat(f.model()).isEqualTo(ModelRef.of("openai", "gpt-4o"));
      assertThat(f.dataLabels()).containsExactly("tickets");
      assertThat(f.callSite()).isEqualTo(SummaryService.class.getName() + "#summarize");
      assertThat(f.caller().user().subject()).isEqualTo("alice");
      assertThat(GuardContext.current()).isSameAs(GuardContext.Frame.EMPTY);
    });
  }

  @Test
  void guardsEveryPublicMethodOfAnAnnotatedType() {
    runner.run(context -> {
      ReportService r = context.getBean(ReportService.class);
      signOut();
      assertThat(r.nightly()).isEqualTo("nightly-report");
      signInAs("ROLE_analyst");
      assertThatThrownBy(r::nightly).isInstanceOf(GuardrailViolationException.class);
    });
  }

  @Test
  void recordsAnObservation() {
    runner.withUserConfiguration(Observations.class).run(context -> {
      context.getBean(SummaryService.class).summarize("hello");
      signInAs("ROLE_intern");
      assertThatThrownBy(() -> context.getBean(SummaryService.class).summarize("hello"));
      List<Observation.Context> seen = context.getBean(Observations.class).stopped;
      assertThat(seen).hasSize(2).allSatisfy(c -> assertThat(c.getName()).isEqualTo("guardrails.call"));
      assertThat(seen.get(0).getLowCardinalityKeyValue("guardrails.outcome").getValue()).isEqualTo("allow");
      assertThat(seen.get(0).getLowCardinalityKeyValue("guardrails.action").getValue()).isEqualTo("summarize");
      assertThat(seen.get(1).getLowCardinalityKeyValue("guardrails.outcome").getValue()).isEqualTo("deny");
      assertThat(seen.get(1).getError()).isInstanceOf(GuardrailViolationException.class);
    });
  }

  @Test
  void rejectsAPromptParameterThatCannotTakeTheRedactedText() {
    runner.run(context -> assertThatThrownBy(() -> context.getBean(SummaryService.class)
        .builder(new StringBuilder("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("declare it String or CharSequence"));
  }

  @Test
  void listsCallSitesInTheInventory() {
    runner.run(context -> assertThat(context.getBean(GuardrailsInventory.class).callSites())
        .extracting(GuardrailsInventory.CallSite::id)
        .contains(SummaryService.class.getName() + "#summarize", ReportService.class.getName() + "#nightly"));
  }

  @Test
  void leavesLimitsToTheModelCallsByDefault() {
    runner.run(context -> {
      SummaryService s = context.getBean(SummaryService.class);
      s.limited();
      assertThat(s.limited()).isEqualTo("done");
    });
  }

  @Test
  void countsLimitsWhenAsked() {
    runner.withPropertyValues("guardrails.aspect.count-limits=true").run(context -> {
      SummaryService s = context.getBean(SummaryService.class);
      s.limited();
      assertThatThrownBy(s::limited).isInstanceOfSatisfying(GuardrailViolationException.class, e -> {
        assertThat(e.decision().phase()).isEqualTo(Phase.LIMITS);
        assertThat(e.decision().retryAfter()).isPositive();
      });
    });
  }

  @Test
  void takesItsOrderFromTheProperties() {
    runner.withPropertyValues("guardrails.aspect.order=42").run(context ->
        assertThat(context.getBean(GuardedModelCallAspect.class).getOrder()).isEqualTo(42));
  }

  @Test
  void backsOffToTheApplicationsAspect() {
    runner.withUserConfiguration(OwnAspect.class).run(context ->
        assertThat(context.getBean(GuardedModelCallAspect.class).getOrder()).isEqualTo(7));
  }

  @Test
  void isAbsentWithoutAspectJAndSaysSoWhenAnnotatedMethodsExist(CapturedOutput output) {
    runner.withClassLoader(new FilteredClassLoader(Aspect.class)).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(GuardedModelCallAspect.class);
      assertThat(output).contains("@GuardedModelCall method(s) found, but AspectJ is not on the class path");
    });
  }

  @Test
  void canBeSwitchedOff() {
    runner.withPropertyValues("guardrails.aspect.enabled=false").run(context -> {
      assertThat(context).doesNotHaveBean(GuardedModelCallAspect.class);
      SummaryService s = context.getBean(SummaryService.class);
      s.summarize("Write to bob@example.com");
      assertThat(s.received()).contains("bob@example.com");
    });
  }

  /** A service calling a model, as application code would. */
  public static class SummaryService {
    final AtomicReference<String> received = new AtomicReference<>();
    final AtomicReference<GuardContext.Frame> frame = new AtomicReference<>();
    volatile String answer = "A short summary.";
    private final ObjectProvider<Guardrails> guardrails;

    public SummaryService(ObjectProvider<Guardrails> guardrails) {
      this.guardrails = guardrails;
    }

    // state is read through methods: callers hold the AOP proxy, whose own fields are unused
    public String received() {
      return received.get();
    }

    public GuardContext.Frame frame() {
      return frame.get();
    }

    public void answer(String text) {
      this.answer = text;
    }

    @GuardedModelCall(action = "summarize", model = "openai:gpt-4o", dataLabels = "tickets")
    public String summarize(@Prompt String text) {
      received.set(text);
      frame.set(GuardContext.current());
      return answer;
    }

    @GuardedModelCall(action = "summarize", model = "openai:gpt-4o", checkOutput = false)
    public String unchecked(@Prompt String text) {
      return answer;
    }

    /** Does what a guarded model does inside the method: its own guarded call over the same texts. */
    @GuardedModelCall(action = "summarize", model = "openai:gpt-4o")
    public String throughAGuardedModel(@Prompt String text) {
      Guardrails g = guardrails.getObject();
      try (GuardedCall call = g.start(g.invocation(ModelRef.of("openai", "gpt-4o")).userMessage(text).build())) {
        call.checkInput();
        return call.checkOutput(answer);
      }
    }

    @GuardedModelCall(action = "limited-report", model = "openai:gpt-4o")
    public String limited() {
      return "done";
    }

    @GuardedModelCall(action = "summarize")
    public String builder(@Prompt StringBuilder text) {
      return text.toString();
    }
  }

  /** Every public method is guarded. */
  @GuardedModelCall(action = "nightly-report", model = "openai:gpt-4o")
  public static class ReportService {
    public String nightly() {
      return GuardContext.current().action();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Services {
    @Bean
    SummaryService summaryService(ObjectProvider<Guardrails> guardrails) {
      return new SummaryService(guardrails);
    }

    @Bean
    ReportService reportService() {
      return new ReportService();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Recording {
    @Bean
    RecordingListener recordingListener() {
      return new RecordingListener();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Observations {
    final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

    @Bean
    ObservationRegistry observationRegistry() {
      ObservationRegistry registry = ObservationRegistry.create();
      registry.observationConfig().observationHandler(new ObservationHandler<>() {
        @Override
        public boolean supportsContext(Observation.Context context) {
          return true;
        }

        @Override
        public void onStop(Observation.Context context) {
          stopped.add(context);
        }
      });
      return registry;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnAspect {
    @Bean
    GuardedModelCallAspect ownAspect(Guardrails guardrails) {
      return new GuardedModelCallAspect(guardrails, ObservationRegistry.NOOP, 7, false);
    }
  }
}
