package dev.guardrails4j.core.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.ToolCall;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.api.spi.DecisionListener;
import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.StreamingOutput;
import dev.guardrails4j.core.audit.Slf4jAuditListener;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.limit.InMemoryProviderGuard;
import dev.guardrails4j.core.limit.Limiter;
import dev.guardrails4j.core.limit.ProviderGuard;
import dev.guardrails4j.core.policy.FilePolicySource;
import dev.guardrails4j.core.policy.OnError;
import dev.guardrails4j.core.policy.PolicyException;
import dev.guardrails4j.core.policy.PolicyReloader;
import dev.guardrails4j.core.policy.PolicySet;
import dev.guardrails4j.core.testing.Fixtures;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Every fault on the path of a guarded call, and what it does: a failing detector, a failing
 * listener or audit sink, an open circuit breaker, a failing limiter, a missing or unreadable policy
 * file. By default each of them stops the call; none lets content through silently where a policy
 * says block. Audit is synchronous: there is no queue that could fill up and drop events.
 */
class FailClosedTests {

  static final DetectorCatalog CATALOG = Fixtures.CATALOG.with(new FaultyDetectorFactory());
  static final ModelRef GPT = ModelRef.of("openai", "gpt-4o");
  static final Caller ALICE = Caller.of(Workload.of("svc"), User.builder("alice").tenant("acme").build());

  final Fixtures.Recorder recorder = new Fixtures.Recorder();
  final AtomicInteger modelCalls = new AtomicInteger();
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void captureLogs() {
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    root.detachAppender(logs);
  }

  static PolicySet policies(String yaml) {
    return PolicySet.parse(List.of(new PolicyDocument("fail.yaml", yaml)), CATALOG);
  }

  /** Everyone may call; the given phase runs the given check. */
  static PolicySet checking(String phase, String check) {
    return policies("""
        version: 1
        policies:
          - id: checked
            access: allow
            %s: [ %s ]
        """.formatted(phase, check));
  }

  Guardrails.Builder engine(PolicySet set) {
    return Guardrails.builder().policies(set).auditLog(false).listener(recorder);
  }

  static Invocation invocation(String prompt) {
    return Invocation.builder(ALICE, GPT).action("summarize").userMessage(prompt).build();
  }

  /** A whole call as an application makes it: input, model, output. */
  String roundTrip(Guardrails g, String prompt, String answer) {
    try (GuardedCall call = g.start(invocation(prompt))) {
      call.checkInput();
      String raw = call.callModel(() -> {
        modelCalls.incrementAndGet();
        return answer;
      });
      return call.checkOutput(raw);
    }
  }

  AuditEvent onlyEvent() {
    assertThat(recorder.events).hasSize(1);
    return recorder.events.get(0);
  }

  // ---- detectors ---------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"throw", "null", "stack", "out-of-range", "error"})
  void aFailingInputDetectorBlocksTheCallBeforeTheModelIsCalled(String fault) {
    Guardrails g = engine(checking("input", "{ detector: faulty, fault: " + fault + ", action: block }")).build();

    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class,
        () -> roundTrip(g, "hello", "answer"));

    assertThat(e).isNotNull();
    assertThat(e.decision().phase()).isEqualTo(Phase.INPUT);
    assertThat(e.decision().error()).isTrue();
    assertThat(e.decision().blocks()).isTrue();
    assertThat(e.decision().reasons()).anySatisfy(r -> assertThat(r).contains("detector 'faulty' failed"));
    assertThat(modelCalls).hasValue(0);
    assertThat(onlyEvent().outcome()).isEqualTo(Verdict.DENY);
  }

  @Test
  void aFailingRedactingDetectorBlocksToo() {
    Guardrails g = engine(checking("input", "{ detector: faulty, fault: throw, action: redact }")).build();

    assertThatThrownBy(() -> roundTrip(g, "hello", "answer")).isInstanceOf(GuardrailViolationException.class);
    assertThat(modelCalls).hasValue(0);
  }

  @Test
  void aFailingOutputDetectorWithholdsTheAnswer() {
    Guardrails g = engine(checking("output", "{ detector: faulty, fault: throw, action: redact }")).build();

    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class,
        () -> roundTrip(g, "hello", "the answer"));

    assertThat(e.decision().phase()).isEqualTo(Phase.OUTPUT);
    assertThat(e.decision().error()).isTrue();
    assertThat(onlyEvent().outcome()).isEqualTo(Verdict.DENY);
  }

  @Test
  void aFailingOutputDetectorStopsAStreamBeforeAnyTextIsReleased() {
    Guardrails g = engine(checking("output", "{ detector: faulty, fault: throw, action: block }"))
        .streamWindow(16).build();
    StringBuilder emitted = new StringBuilder();
    try (GuardedCall call = g.start(invocation("hello"))) {
      StreamingOutput stream = call.streamOutput();
      assertThatThrownBy(() -> {
        for (int i = 0; i < 10; i++) {
          emitted.append(stream.accept("chunk " + i + " of the answer "));
        }
        emitted.append(stream.finish());
      }).isInstanceOf(GuardrailViolationException.class);
    }
    assertThat(emitted).isEmpty();
    assertThat(onlyEvent().outcome()).isEqualTo(Verdict.DENY);
  }

  @Test
  void aFailingToolArgumentDetectorRefusesTheTool() {
    Guardrails g = engine(policies("""
        version: 1
        policies:
          - id: tools
            access: allow
            tools:
              allow: [lookupOrder]
              arguments: [ { detector: faulty, fault: throw, action: block } ]
        """)).build();
    try (GuardedCall call = g.start(invocation("hello"))) {
      GuardedCall.ToolDecision d = call.checkToolCall(new ToolCall("1", "lookupOrder", "{\"id\":42}"));
      assertThat(d.allowed()).isFalse();
      assertThat(d.decision().error()).isTrue();
    }
  }

  @Test
  void onErrorAllowIsTheOnlyWayAFailingDetectorLetsACallThroughAndTheDecisionSaysSo() {
    Guardrails g = engine(checking("input", "{ detector: faulty, fault: throw, action: block, on-error: allow }"))
        .build();

    assertThat(roundTrip(g, "hello", "answer")).isEqualTo("answer");

    Decision input = onlyEvent().decisions().get(1);
    assertThat(input.phase()).isEqualTo(Phase.INPUT);
    assertThat(input.error()).isTrue();
    assertThat(input.reasons()).anySatisfy(r -> assertThat(r).contains("ignored by on-error: allow"));
  }

  @Test
  void inMonitorModeAFailingDetectorIsRecordedAsAWouldBeDenial() {
    Guardrails g = engine(checking("input", "{ detector: faulty, fault: throw, action: block }"))
        .mode(Mode.MONITOR).build();

    assertThat(roundTrip(g, "hello", "answer")).isEqualTo("answer");

    Decision input = onlyEvent().decisions().get(1);
    assertThat(input.verdict()).isEqualTo(Verdict.DENY);
    assertThat(input.mode()).isEqualTo(Mode.MONITOR);
    assertThat(input.error()).isTrue();
  }

  // ---- listeners and audit -----------------------------------------------------------------

  static final class FailingListener implements DecisionListener {
    final boolean onDecision;
    final boolean onAudit;

    FailingListener(boolean onDecision, boolean onAudit) {
      this.onDecision = onDecision;
      this.onAudit = onAudit;
    }

    @Override
    public void onDecision(Invocation invocation, Decision decision) {
      if (onDecision) {
        throw new IllegalStateException("metrics backend down");
      }
    }

    @Override
    public void onAuditEvent(AuditEvent event) {
      if (onAudit) {
        throw new IllegalStateException("audit store down");
      }
    }
  }

  static final PolicySet ALLOW_ALL = checking("input", "{ detector: keyword, word: forbidden, action: block }");

  @Test
  void aFailingDecisionListenerBlocksTheCallAndTheOtherListenersStillGetTheAuditEvent() {
    Guardrails g = engine(ALLOW_ALL).listener(new FailingListener(true, false)).build();

    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class,
        () -> roundTrip(g, "hello", "answer"));

    assertThat(e.decision().error()).isTrue();
    assertThat(e.decision().reasons()).singleElement().asString().contains("decision listener");
    assertThat(modelCalls).hasValue(0);
    assertThat(onlyEvent().outcome()).isEqualTo(Verdict.DENY);
  }

  @Test
  void aFailingAuditSinkWithholdsTheResult() {
    Guardrails g = engine(ALLOW_ALL).listener(new FailingListener(false, true)).build();

    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class,
        () -> roundTrip(g, "hello", "answer"));

    assertThat(e.decision().error()).isTrue();
    assertThat(e.decision().reasons()).singleElement().asString().contains("must not be lost");
    assertThat(recorder.events).as("the healthy sink still got the event").hasSize(1);
  }

  @Test
  void withListenerFailureAllowAFailingListenerStillCannotLetABlockedCallThrough() {
    Guardrails g = engine(ALLOW_ALL).listener(new FailingListener(true, true)).listenerFailure(OnError.ALLOW)
        .build();

    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class,
        () -> roundTrip(g, "forbidden words", "answer"));

    assertThat(e.decision().phase()).isEqualTo(Phase.INPUT);
    assertThat(e.decision().findingTypes()).containsExactly("KEYWORD");
    assertThat(modelCalls).hasValue(0);
  }

  @Test
  void withListenerFailureAllowALostAuditEventIsReportedNotDroppedSilently() {
    Guardrails g = engine(ALLOW_ALL).listener(new FailingListener(true, true)).listenerFailure(OnError.ALLOW)
        .build();

    assertThat(roundTrip(g, "hello", "answer")).isEqualTo("answer");

    String id = onlyEvent().id();
    assertThat(logs.list).filteredOn(l -> l.getLevel() == Level.ERROR)
        .anySatisfy(l -> assertThat(l.getFormattedMessage())
            .contains("audit listener", FailingListener.class.getName(), id, "IllegalStateException"))
        .anySatisfy(l -> assertThat(l.getFormattedMessage())
            .contains("decision listener", FailingListener.class.getName(), id));
  }

  @Test
  void auditIsSynchronousTheEventIsDeliveredOnTheCallingThreadBeforeCloseReturns() {
    AtomicReference<Thread> deliveredOn = new AtomicReference<>();
    List<String> order = new CopyOnWriteArrayList<>();
    Guardrails g = engine(ALLOW_ALL).listener(new DecisionListener() {
      @Override
      public void onAuditEvent(AuditEvent event) {
        deliveredOn.set(Thread.currentThread());
        order.add("audit");
      }
    }).build();

    roundTrip(g, "hello", "answer");
    order.add("closed");

    assertThat(deliveredOn).hasValue(Thread.currentThread());
    assertThat(order).containsExactly("audit", "closed");
  }

  @Test
  void anAuditLoggerThatDropsInfoEventsIsReportedAtStart() {
    Logger audit = (Logger) LoggerFactory.getLogger("dev.guardrails4j.audit.muted-for-test");
    audit.setLevel(Level.WARN);
    try {
      new Slf4jAuditListener(audit);
    } finally {
      audit.setLevel(null);
    }
    assertThat(logs.list).filteredOn(l -> l.getLevel() == Level.WARN)
        .anySatisfy(l -> assertThat(l.getFormattedMessage()).contains("muted-for-test", "will not be audited"));
  }

  // ---- limits and providers ----------------------------------------------------------------

  @Test
  void anOpenCircuitBreakerRefusesTheModelCallWithoutCallingTheModel() {
    InMemoryProviderGuard guard = InMemoryProviderGuard.of(Clock.systemUTC());
    Guardrails g = engine(policies("""
        version: 1
        policies:
          - { id: everyone, access: allow }
        providers:
          - model: "openai:*"
            circuit-breaker: { failure-rate: 50, minimum-calls: 4, window: 4, open-for: 30s, half-open-calls: 2 }
        """)).providerGuard(guard).build();
    roundTrip(g, "hello", "answer");
    guard.circuitBreakers().circuitBreaker("openai:*").transitionToOpenState();
    recorder.events.clear();

    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class,
        () -> roundTrip(g, "hello", "answer"));

    assertThat(e.decision().phase()).isEqualTo(Phase.LIMITS);
    assertThat(e.decision().blocks()).isTrue();
    assertThat(modelCalls).hasValue(1);
    assertThat(onlyEvent().outcome()).isEqualTo(Verdict.DENY);
  }

  @Test
  void aProviderGuardThatFailsOutrightStopsTheModelCall() {
    ProviderGuard broken = (model, protection) -> {
      throw new IllegalStateException("breaker registry unavailable");
    };
    Guardrails g = engine(policies("""
        version: 1
        policies:
          - { id: everyone, access: allow }
        providers:
          - { model: "openai:*", timeout: 10s }
        """)).providerGuard(broken).build();

    assertThatThrownBy(() -> roundTrip(g, "hello", "answer")).isInstanceOf(IllegalStateException.class);
    assertThat(modelCalls).hasValue(0);
  }

  static final String LIMITED = """
      version: 1
      policies:
        - id: limited
          access: allow
          limits: { requests: 1/1h per user }
      """;

  @Test
  void aFailingLimiterBlocksTheCall() {
    Limiter broken = (invocation, rules, tokens) -> {
      throw new IllegalStateException("redis unreachable");
    };
    Guardrails g = engine(policies(LIMITED)).limiter(broken).build();

    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class,
        () -> roundTrip(g, "hello", "answer"));

    assertThat(e.decision().phase()).isEqualTo(Phase.LIMITS);
    assertThat(e.decision().error()).isTrue();
    assertThat(e.decision().reasons()).singleElement().asString().contains("limiter failed");
    assertThat(modelCalls).hasValue(0);
  }

  @Test
  void aReachedLimitBlocksTheCall() {
    Guardrails g = engine(policies(LIMITED)).build();
    roundTrip(g, "hello", "answer");

    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class,
        () -> roundTrip(g, "hello", "answer"));

    assertThat(e.decision().phase()).isEqualTo(Phase.LIMITS);
    assertThat(e.decision().retryAfter()).isNotNull();
    assertThat(modelCalls).hasValue(1);
  }

  // ---- policy files ------------------------------------------------------------------------

  @TempDir
  Path dir;

  @Test
  void aMissingPolicyFileAtStartFailsTheBuildInsteadOfStartingOpen() {
    assertThatThrownBy(() -> Guardrails.builder().policyFile(dir.resolve("missing.yaml")).build())
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("not found");
  }

  @Test
  void anEmptyPolicyDirectoryAtStartFailsTheBuild() {
    assertThatThrownBy(() -> Guardrails.builder().policyFile(dir).build())
        .isInstanceOf(PolicyException.class).hasMessageContaining("no policy document");
  }

  @Test
  void anOversizedPolicyFileIsRefusedAtStartAndOnReload() throws Exception {
    Path file = dir.resolve("p.yaml");
    String good = "version: 1\npolicies:\n  - { id: p, access: allow }\n";
    String huge = good + "# " + "x".repeat((int) FilePolicySource.MAX_FILE_BYTES) + "\n";
    Files.writeString(file, huge);
    assertThatThrownBy(() -> Guardrails.builder().policyFile(file).build())
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("the limit is");

    Files.writeString(file, good);
    Guardrails g = Guardrails.builder().policyFile(file).auditLog(false).build();
    Files.writeString(file, huge);
    PolicyReloader.Result r = g.reloader().orElseThrow().reload();
    assertThat(r.ok()).isFalse();
    assertThat(r.error()).contains("the limit is");
  }

  @Test
  void aPolicyFileThatDisappearsOrBreaksKeepsTheLastGoodSetSoBlocksStayInForce() throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, """
        version: 1
        policies:
          - id: p
            access: allow
            input: [ { detector: keyword, word: forbidden, action: block } ]
        """);
    Guardrails g = Guardrails.builder().policyFile(file).detectors(CATALOG).auditLog(false).listener(recorder)
        .build();
    PolicyReloader reloader = g.reloader().orElseThrow();

    Files.delete(file);
    assertThat(reloader.reload().ok()).isFalse();
    assertThatThrownBy(() -> roundTrip(g, "forbidden", "answer")).isInstanceOf(GuardrailViolationException.class);

    Files.writeString(file, "version: 1\npolicies: [ { id: p, access: allow");
    assertThat(reloader.reload().ok()).isFalse();
    assertThatThrownBy(() -> roundTrip(g, "forbidden", "answer")).isInstanceOf(GuardrailViolationException.class);
    assertThat(modelCalls).hasValue(0);
  }
}
