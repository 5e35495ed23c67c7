package dev.guardrails4j.core.limit;

import dev.guardrails4j.core.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.policy.PolicySet;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Circuit breakers and time limits on the model call, through {@link GuardedCall#callModel}. */
class ProviderProtectionTests {

  static final ModelRef GPT = ModelRef.of("openai", "gpt-4o");
  static final ModelRef LLAMA = ModelRef.of("ollama", "llama3");

  final MutableClock clock = new MutableClock();
  final InMemoryProviderGuard guard = InMemoryProviderGuard.of(clock);
  final AtomicInteger modelCalls = new AtomicInteger();

  static String policy(String timeout) {
    return """
        version: 1
        policies:
          - id: everyone
            match: { model: ["openai:*", "ollama:*"] }
            access: allow
        providers:
          - model: "openai:*"
            timeout: %s
            circuit-breaker: { failure-rate: 50, minimum-calls: 4, window: 4, open-for: 30s, half-open-calls: 2 }
        """.formatted(timeout);
  }

  final Guardrails g = engine(policy("20s"));

  Guardrails engine(String yaml) {
    return Guardrails.builder().policies(PolicySet.parse("providers.yaml", yaml)).clock(clock)
        .auditLog(false).providerGuard(guard).build();
  }

  static Invocation call(ModelRef model) {
    return Invocation.builder(Caller.of(Workload.of("svc"), User.of("alice")), model).userMessage("hi").build();
  }

  String succeed(Guardrails engine, ModelRef model) {
    try (GuardedCall call = engine.start(call(model))) {
      return call.callModel(() -> {
        modelCalls.incrementAndGet();
        return "answer";
      });
    }
  }

  void failAtProvider(Guardrails engine) {
    try (GuardedCall call = engine.start(call(GPT))) {
      assertThatThrownBy(() -> call.callModel(() -> {
        modelCalls.incrementAndGet();
        throw new IllegalStateException("HTTP 503");
      })).isInstanceOf(IllegalStateException.class);
    }
  }

  Decision refused(Guardrails engine) {
    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class, () -> succeed(engine, GPT));
    assertThat(e).as("the call should have been refused").isNotNull();
    return e.decision();
  }

  CircuitBreaker.State state() {
    return guard.circuitBreakers().circuitBreaker("openai:*").getState();
  }

  void open() {
    for (int i = 0; i < 4; i++) {
      failAtProvider(g);
    }
  }

  @Test
  void staysClosedWhileCallsSucceed() {
    for (int i = 0; i < 10; i++) {
      assertThat(succeed(g, GPT)).isEqualTo("answer");
    }
    assertThat(state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void opensWhenTheFailureRateIsReachedAndFailsFastWithoutCallingTheModel() {
    open();
    int before = modelCalls.get();

    Decision d = refused(g);

    assertThat(state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(modelCalls.get()).isEqualTo(before);
    assertThat(d.phase()).isEqualTo(Phase.LIMITS);
    assertThat(d.verdict()).isEqualTo(Verdict.DENY);
    assertThat(d.mode()).isEqualTo(Mode.ENFORCE);
    assertThat(d.reasons()).containsExactly("circuit breaker for openai:* is open");
    assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void saysHowLongTheBreakerStaysOpen() {
    open();
    clock.advance(Duration.ofSeconds(12));

    assertThat(refused(g).retryAfter()).isEqualTo(Duration.ofSeconds(18));
  }

  @Test
  void givesTheRefusalTheCallsIdAndPolicyVersion() {
    open();
    GuardedCall call = g.start(call(GPT));

    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class,
        () -> call.callModel(() -> "answer"));

    assertThat(e.decision().id()).startsWith(call.id() + "-limits-");
    assertThat(e.decision().policyVersion()).isEqualTo(call.policyVersion());
    assertThat(call.decisions()).contains(e.decision());
  }

  @Test
  void leavesModelsOfOtherPatternsAlone() {
    open();

    assertThat(succeed(g, LLAMA)).isEqualTo("answer");
  }

  @Test
  void goesHalfOpenAfterOpenForAndClosesWhenTheTrialCallsSucceed() {
    open();
    clock.advance(Duration.ofSeconds(31));

    assertThat(succeed(g, GPT)).isEqualTo("answer");
    assertThat(state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    assertThat(succeed(g, GPT)).isEqualTo("answer");

    assertThat(state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void opensAgainWhenTheTrialCallsFail() {
    open();
    clock.advance(Duration.ofSeconds(31));

    failAtProvider(g);
    failAtProvider(g);

    assertThat(state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(refused(g).retryAfter()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void refusesMoreThanTheTrialCallsWhileHalfOpen() {
    open();
    clock.advance(Duration.ofSeconds(31));
    GuardedCall first = g.start(call(GPT));
    GuardedCall second = g.start(call(GPT));
    first.modelPermit();
    second.modelPermit();

    Decision d = refused(g);

    assertThat(d.reasons()).containsExactly("circuit breaker for openai:* is half-open and its trial calls are in flight");
    assertThat(d.retryAfter()).isNull();
  }

  @Test
  void returnsTheTokenReservationWhenTheBreakerRefuses() {
    Guardrails budgeted = engine("""
        version: 1
        policies:
          - id: everyone
            match: { model: ["openai:*"] }
            access: allow
            limits: { tokens: 100/1d per user }
        providers:
          - model: "openai:*"
            circuit-breaker: { failure-rate: 50, minimum-calls: 1, window: 1, open-for: 30s }
        """);
    try (GuardedCall call = budgeted.start(call(GPT).toBuilder().tokenEstimate(10).build())) {
      assertThatThrownBy(() -> call.callModel(() -> {
        throw new IllegalStateException("HTTP 503");
      })).isInstanceOf(IllegalStateException.class);
    }
    for (int i = 0; i < 5; i++) {
      GuardedCall call = budgeted.start(call(GPT).toBuilder().tokenEstimate(100).build());
      assertThatThrownBy(() -> call.callModel(() -> "answer")).isInstanceOf(GuardrailViolationException.class);
    }

    clock.advance(Duration.ofSeconds(31));
    GuardedCall call = budgeted.start(call(GPT).toBuilder().tokenEstimate(100).build());
    assertThat(call.callModel(() -> "answer")).isEqualTo("answer");
  }

  @Test
  void failsACallThatTakesLongerThanItsTimeLimit() {
    GuardedCall call = g.start(call(GPT));

    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class, () -> call.callModel(() -> {
      clock.advance(Duration.ofSeconds(21));
      return "late answer";
    }));

    assertThat(e.decision().phase()).isEqualTo(Phase.LIMITS);
    assertThat(e.decision().blocks()).isTrue();
    assertThat(e.decision().reasons()).containsExactly("time limit of 20s for openai:* exceeded");
    assertThat(guard.circuitBreakers().circuitBreaker("openai:*").getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
  }

  @Test
  void letsACallWithinItsTimeLimitThrough() {
    GuardedCall call = g.start(call(GPT));

    assertThat(call.callModel(() -> {
      clock.advance(Duration.ofSeconds(19));
      return "answer";
    })).isEqualTo("answer");
  }

  @Test
  void interruptsAHungCallWhenItsTimeLimitPasses() {
    // The only test that waits for real time: a deadline of a few milliseconds must interrupt a
    // call that would otherwise never return.
    Guardrails quick = Guardrails.builder().policies(PolicySet.parse("p.yaml", """
        version: 1
        policies:
          - id: everyone
            match: { model: ["openai:*"] }
            access: allow
        providers:
          - { model: "openai:*", timeout: 5ms }
        """)).clock(clock).auditLog(false).build();
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger interrupts = new AtomicInteger();
    GuardedCall call = quick.start(call(GPT));

    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class, () -> call.callModel(() -> {
      try {
        never.await();
        return "unreachable";
      } catch (InterruptedException ie) {
        interrupts.incrementAndGet();
        throw new IllegalStateException("interrupted", ie);
      }
    }));

    assertThat(e.decision().reasons()).containsExactly("time limit of 5ms for openai:* exceeded");
    assertThat(interrupts.get()).isEqualTo(1);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void keepsTheBreakersStateAcrossAReloadWithTheSameSettings() {
    open();
    Guardrails reloaded = engine(policy("20s"));

    assertThat(refused(reloaded).reasons()).containsExactly("circuit breaker for openai:* is open");
  }

  @Test
  void startsAFreshBreakerWhenTheSettingsChange() {
    open();
    Guardrails reloaded = engine(policy("25s"));

    assertThat(succeed(reloaded, GPT)).isEqualTo("answer");
  }

  @Test
  void usesTheDefaultGuardWithTheEnginesClock() {
    Guardrails withDefaults = Guardrails.builder().policies(PolicySet.parse("providers.yaml", policy("20s")))
        .clock(clock).auditLog(false).build();
    for (int i = 0; i < 4; i++) {
      failAtProvider(withDefaults);
    }
    assertThat(refused(withDefaults).retryAfter()).isEqualTo(Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(31));

    assertThat(succeed(withDefaults, GPT)).isEqualTo("answer");
  }
}
