package dev.guardrails4j.core.limit;

import dev.guardrails4j.core.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.api.spi.DecisionListener;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.PolicySet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Limits as an application meets them: policy file, engine, guarded calls. */
class LimitsEndToEndTests {

  static final Workload SVC = Workload.of("spiffe://example.org/ns/support/sa/api");
  static final Workload BATCH = Workload.of("spiffe://example.org/ns/support/sa/batch");
  static final ModelRef GPT = ModelRef.of("openai", "gpt-4o");
  static final ModelRef LLAMA = ModelRef.of("ollama", "llama3");

  final MutableClock clock = new MutableClock();
  final List<AuditEvent> audits = new CopyOnWriteArrayList<>();

  static String policy(String limits) {
    return """
        version: 1
        policies:
          - id: support
            match: { model: ["openai:*", "ollama:*"] }
            access: allow
            limits: %s
        """.formatted(limits);
  }

  Guardrails engine(String yaml) {
    return Guardrails.builder().policies(PolicySet.parse("limits.yaml", yaml)).clock(clock)
        .auditLog(false).fingerprintSalt("a salt of at least sixteen characters")
        .listener(new DecisionListener() {
          @Override
          public void onAuditEvent(AuditEvent event) {
            audits.add(event);
          }
        }).build();
  }

  static Invocation.Builder as(String user, String tenant) {
    return Invocation.builder(Caller.of(SVC, User.builder(user).tenant(tenant).build()), GPT)
        .action("summarize-ticket").userMessage("Summarise ticket 42 please");
  }

  static Invocation by(String user) {
    return as(user, "acme").build();
  }

  /** Starts and completes a call; true if admitted. */
  static boolean admitted(Guardrails g, Invocation inv) {
    try (GuardedCall call = g.start(inv)) {
      call.callModel(() -> "answer");
      return true;
    } catch (GuardrailViolationException e) {
      if (e.decision().phase() != Phase.LIMITS) {
        throw e;
      }
      return false;
    }
  }

  static Decision refusal(Guardrails g, Invocation inv) {
    GuardrailViolationException e = catchThrowableOfType(GuardrailViolationException.class, () -> g.start(inv).close());
    assertThat(e).as("the call should have been refused").isNotNull();
    return e.decision();
  }

  // ---- each key kind -------------------------------------------------------------------------

  @Test
  void limitsRequestsPerUser() {
    Guardrails g = engine(policy("{ requests: 2/1m per user }"));
    assertThat(admitted(g, by("alice"))).isTrue();
    assertThat(admitted(g, by("alice"))).isTrue();

    assertThat(admitted(g, by("alice"))).isFalse();
    assertThat(admitted(g, by("bob"))).isTrue();
  }

  @Test
  void refusesWithALimitsDecisionThatSaysWhenToRetry() {
    Guardrails g = engine(policy("{ requests: 2/1m per user }"));
    admitted(g, by("alice"));
    admitted(g, by("alice"));
    clock.advance(Duration.ofSeconds(15));

    Decision d = refusal(g, by("alice"));

    assertThat(d.phase()).isEqualTo(Phase.LIMITS);
    assertThat(d.verdict()).isEqualTo(Verdict.DENY);
    assertThat(d.mode()).isEqualTo(Mode.ENFORCE);
    assertThat(d.policyIds()).containsExactly("support");
    assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(45));
    assertThat(d.reasons()).singleElement().asString()
        .startsWith("limit requests 2/1m per user reached for user=");
  }

  @Test
  void admitsAgainOnceThePeriodHasPassed() {
    Guardrails g = engine(policy("{ requests: 1/1m per user }"));
    admitted(g, by("alice"));
    assertThat(admitted(g, by("alice"))).isFalse();

    clock.advance(Duration.ofMinutes(1));

    assertThat(admitted(g, by("alice"))).isTrue();
  }

  @Test
  void reportsAUserOnlyByTheFingerprintAuditEventsCarry() {
    Guardrails g = engine(policy("{ requests: 1/1m per user }"));
    admitted(g, by("alice@example.org"));

    Decision d = refusal(g, by("alice@example.org"));

    String fingerprint = audits.get(0).userFingerprint();
    assertThat(fingerprint).isNotBlank();
    assertThat(d.reasons().get(0)).contains("user=" + fingerprint).doesNotContain("alice");
  }

  @Test
  void limitsTokensPerTenant() {
    Guardrails g = engine(policy("{ tokens: 1000/1d per tenant }"));
    assertThat(admitted(g, as("alice", "acme").tokenEstimate(400).build())).isTrue();
    assertThat(admitted(g, as("bob", "acme").tokenEstimate(400).build())).isTrue();

    assertThat(admitted(g, as("carol", "acme").tokenEstimate(400).build())).isFalse();
    assertThat(admitted(g, as("dave", "globex").tokenEstimate(400).build())).isTrue();
    assertThat(refusal(g, as("carol", "acme").tokenEstimate(400).build()).reasons().get(0))
        .contains("limit tokens 1000/1d per tenant reached for tenant=acme");
  }

  @Test
  void limitsConcurrentCallsPerUserAndModel() {
    Guardrails g = engine(policy("{ concurrent: 1 per user+model }"));
    GuardedCall inFlight = g.start(by("alice"));

    Decision d = refusal(g, by("alice"));
    assertThat(d.retryAfter()).isNull();
    assertThat(d.reasons().get(0)).contains("limit concurrent 1 per user+model").endsWith("+model=openai:gpt-4o");
    assertThat(admitted(g, as("alice", "acme").model(LLAMA).build())).isTrue();
    assertThat(admitted(g, by("bob"))).isTrue();

    inFlight.close();
    assertThat(admitted(g, by("alice"))).isTrue();
  }

  @Test
  void limitsPerWorkload() {
    Guardrails g = engine(policy("{ requests: 1/1m per workload }"));
    assertThat(admitted(g, by("alice"))).isTrue();

    assertThat(admitted(g, by("bob"))).isFalse();
    assertThat(admitted(g, Invocation.builder(Caller.of(BATCH, User.of("bob")), GPT).build())).isTrue();
  }

  @Test
  void limitsPerModel() {
    Guardrails g = engine(policy("{ requests: 1/1m per model }"));
    assertThat(admitted(g, by("alice"))).isTrue();

    assertThat(admitted(g, by("bob"))).isFalse();
    assertThat(admitted(g, as("bob", "acme").model(LLAMA).build())).isTrue();
  }

  @Test
  void limitsPerAction() {
    Guardrails g = engine(policy("{ requests: 1/1m per action }"));
    assertThat(admitted(g, by("alice"))).isTrue();

    assertThat(admitted(g, by("bob"))).isFalse();
    assertThat(admitted(g, as("bob", "acme").action("draft-reply").build())).isTrue();
  }

  @Test
  void countsEverythingThePolicyMatchesUnderOneKeyWithoutPer() {
    Guardrails g = engine(policy("{ requests: 2/1m }"));
    assertThat(admitted(g, by("alice"))).isTrue();
    assertThat(admitted(g, as("bob", "globex").model(LLAMA).build())).isTrue();

    Decision d = refusal(g, by("carol"));

    assertThat(d.reasons().get(0)).isEqualTo("limit requests 2/1m reached for all; retry after 60 s");
  }

  @Test
  void countsCallsWithoutAUserPerUserUnderTheirWorkload() {
    Guardrails g = engine(policy("{ requests: 1/1m per user }"));
    Invocation serviceCall = Invocation.builder(Caller.of(SVC), GPT).userMessage("nightly digest").build();
    assertThat(admitted(g, serviceCall)).isTrue();

    Decision d = refusal(g, serviceCall);

    assertThat(d.reasons().get(0)).contains("reached for workload=" + SVC.id());
    assertThat(admitted(g, Invocation.builder(Caller.of(BATCH), GPT).build())).isTrue();
    assertThat(admitted(g, by("alice"))).isTrue();
  }

  // ---- several limits ------------------------------------------------------------------------

  @Test
  void appliesEveryLimitOfEveryMatchingPolicy() {
    Guardrails g = engine("""
        version: 1
        policies:
          - id: support
            match: { model: ["openai:*"] }
            access: allow
            limits: { requests: 10/1m per user, tokens: 100/1h per user }
          - id: platform
            match: { model: ["openai:*"] }
            limits: { concurrent: 1 per tenant }
        """);
    GuardedCall first = g.start(as("alice", "acme").tokenEstimate(60).build());

    Decision byConcurrency = refusal(g, as("bob", "acme").tokenEstimate(60).build());
    assertThat(byConcurrency.policyIds()).containsExactly("platform");
    first.close();
    Decision byTokens = refusal(g, as("alice", "acme").tokenEstimate(60).build());
    assertThat(byTokens.policyIds()).containsExactly("support");
    assertThat(byTokens.reasons().get(0)).startsWith("limit tokens 100/1h per user");

    assertThat(admitted(g, as("alice", "acme").tokenEstimate(40).build())).isTrue();
  }

  @Test
  void reportsEveryLimitACallExceeds() {
    Guardrails g = engine(policy("{ requests: 1/1m per user, tokens: 100/1h per tenant }"));
    admitted(g, as("alice", "acme").tokenEstimate(100).build());

    Decision d = refusal(g, as("alice", "acme").tokenEstimate(100).build());

    assertThat(d.reasons()).hasSize(2);
    assertThat(d.retryAfter()).isEqualTo(Duration.ofHours(1));
  }

  // ---- budgets: reservation and reconciliation -----------------------------------------------

  @Test
  void givesBackAnOverEstimateOnceTheProviderReportsUsage() {
    Guardrails g = engine(policy("{ tokens: 1000/1d per user }"));
    try (GuardedCall call = g.start(as("alice", "acme").tokenEstimate(600).build())) {
      call.callModel(() -> "short answer");
      call.recordUsage(100, 50);
    }

    assertThat(admitted(g, as("alice", "acme").tokenEstimate(850).build())).isTrue();
  }

  @Test
  void chargesAnUnderEstimateOnceTheProviderReportsUsage() {
    Guardrails g = engine(policy("{ tokens: 1000/1d per user }"));
    try (GuardedCall call = g.start(as("alice", "acme").tokenEstimate(100).build())) {
      call.callModel(() -> "a long answer");
      call.recordUsage(500, 300);
    }

    assertThat(admitted(g, as("alice", "acme").tokenEstimate(201).build())).isFalse();
    assertThat(admitted(g, as("alice", "acme").tokenEstimate(200).build())).isTrue();
  }

  @Test
  void keepsTheEstimateWhenNoUsageIsReported() {
    Guardrails g = engine(policy("{ tokens: 1000/1d per user }"));
    admitted(g, as("alice", "acme").tokenEstimate(600).build());

    assertThat(admitted(g, as("alice", "acme").tokenEstimate(401).build())).isFalse();
    assertThat(admitted(g, as("alice", "acme").tokenEstimate(400).build())).isTrue();
  }

  @Test
  void estimatesTokensFromTheMessagesWhenTheAdapterGivesNoEstimate() {
    // 40 characters: 10 tokens, plus 4 for the one message.
    Guardrails g = engine(policy("{ tokens: 28/1d per user }"));
    Invocation inv = Invocation.builder(Caller.of(SVC, User.of("alice")), GPT).userMessage("x".repeat(40)).build();
    assertThat(admitted(g, inv)).isTrue();
    assertThat(admitted(g, inv)).isTrue();

    assertThat(admitted(g, inv)).isFalse();
  }

  @Test
  void releasesTheReservationWhenTheModelCallFails() {
    Guardrails g = engine(policy("{ tokens: 1000/1d per user }"));
    try (GuardedCall call = g.start(as("alice", "acme").tokenEstimate(600).build())) {
      assertThatThrownBy(() -> call.callModel(() -> {
        throw new IllegalStateException("provider down");
      })).isInstanceOf(IllegalStateException.class);
    }

    assertThat(admitted(g, as("alice", "acme").tokenEstimate(1000).build())).isTrue();
  }

  @Test
  void releasesTheReservationWhenALaterCheckBlocksTheCall() {
    String yaml = """
        version: 1
        policies:
          - id: support
            match: { model: ["openai:*"] }
            access: allow
            input: [ { detector: forbidden-word, action: block } ]
            limits: { tokens: 1000/1d per user, concurrent: 1 per user }
        """;
    Guardrails g = Guardrails.builder().clock(clock).auditLog(false)
        .policies(PolicySet.parse(List.of(new PolicyDocument("limits.yaml", yaml)),
            DetectorCatalog.builtIn().with(new ForbiddenWord())))
        .build();
    GuardedCall call = g.start(Invocation.builder(Caller.of(SVC, User.of("alice")), GPT)
        .tokenEstimate(900).userMessage("this is forbidden").build());
    assertThatThrownBy(call::checkInput).isInstanceOf(GuardrailViolationException.class);

    assertThat(admitted(g, as("alice", "acme").tokenEstimate(1000).build())).isTrue();
  }

  @Test
  void neverAdmitsMoreThanTheBudgetWhenManyThreadsStartCallsAtOnce() throws Exception {
    Guardrails g = engine(policy("{ tokens: 1000/1h per tenant }"));
    int threads = 8;
    CountDownLatch gate = new CountDownLatch(1);
    AtomicInteger admitted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String user = "user-" + t;
        done.add(pool.submit(() -> {
          gate.await();
          for (int i = 0; i < 50; i++) {
            if (admitted(g, as(user, "acme").tokenEstimate(7).build())) {
              admitted.incrementAndGet();
            }
          }
          return null;
        }));
      }
      gate.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(admitted.get()).isEqualTo(1000 / 7);
  }

  // ---- monitor mode --------------------------------------------------------------------------

  @Test
  void countsAndReportsButNeverRefusesInMonitorMode() {
    Guardrails g = engine("""
        version: 1
        policies:
          - id: support
            match: { model: ["openai:*"] }
            access: allow
            mode: monitor
            limits: { requests: 1/1m per user }
        """);
    admitted(g, by("alice"));

    try (GuardedCall call = g.start(by("alice"))) {
      Decision d = call.decisions().stream().filter(x -> x.phase() == Phase.LIMITS).findFirst().orElseThrow();
      assertThat(d.verdict()).isEqualTo(Verdict.DENY);
      assertThat(d.mode()).isEqualTo(Mode.MONITOR);
      assertThat(d.blocks()).isFalse();
      assertThat(d.reasons().get(0)).startsWith("monitor mode: limit requests 1/1m per user reached for user=");
    }
  }

  @Test
  void monitorsEveryLimitWhenTheEngineRunsInMonitorMode() {
    Guardrails g = Guardrails.builder().policies(PolicySet.parse("limits.yaml", policy("{ tokens: 100/1h per user }")))
        .clock(clock).auditLog(false).mode(Mode.MONITOR).build();
    assertThat(admitted(g, as("alice", "acme").tokenEstimate(100).build())).isTrue();

    assertThat(admitted(g, as("alice", "acme").tokenEstimate(100).build())).isTrue();
  }

  @Test
  void keepsCountingAcrossAReloadOfAnUnchangedPolicy() {
    String yaml = policy("{ requests: 1/1m per user }");
    InMemoryLimiter shared = InMemoryLimiter.of(clock);
    Guardrails before = Guardrails.builder().policies(PolicySet.parse("a.yaml", yaml)).clock(clock)
        .auditLog(false).limiter(shared).build();
    Guardrails after = Guardrails.builder().policies(PolicySet.parse("a.yaml", yaml)).clock(clock)
        .auditLog(false).limiter(shared).build();
    admitted(before, by("alice"));

    assertThat(admitted(after, by("alice"))).isFalse();
  }

  /** A test detector that finds the word "forbidden". */
  static final class ForbiddenWord implements DetectorFactory {
    @Override
    public String name() {
      return "forbidden-word";
    }

    @Override
    public Detector create(Map<String, Object> options) {
      return new Detector() {
        @Override
        public String name() {
          return "forbidden-word";
        }

        @Override
        public List<Finding> detect(String text) {
          int i = text.indexOf("forbidden");
          return i < 0 ? List.of() : List.of(Finding.of("forbidden-word", "WORD", i, i + 9, 1.0));
        }
      };
    }
  }
}
