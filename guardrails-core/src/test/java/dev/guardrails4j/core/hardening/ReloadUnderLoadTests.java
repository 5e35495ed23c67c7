package dev.guardrails4j.core.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.api.spi.DecisionListener;
import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.audit.Slf4jAuditListener;
import dev.guardrails4j.core.policy.PolicyReloader;
import dev.guardrails4j.core.policy.PolicySet;
import dev.guardrails4j.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Eight threads make guarded calls while the policy file is rewritten hundreds of times, with
 * valid and invalid versions, and reloaded both by the writer and by a competing reloader thread.
 *
 * <p>Every policy of version {@code N} names {@code N} in its id; version {@code N} denies action
 * {@code a-N} and blocks the input marker {@code [wN]}. So a call decided by a mix of versions, or
 * by a set that was only partly loaded, shows up as a policy id or an outcome that does not belong
 * to the version its audit event names.
 */
class ReloadUnderLoadTests {

  static final int CALLERS = 8;
  static final int CALLS_PER_CALLER = 250;
  static final int VALID_VERSIONS = 100;
  /** Calls per version, to pace writer and callers to each other. */
  static final int QUOTA = CALLERS * CALLS_PER_CALLER / (VALID_VERSIONS + 2);
  static final ModelRef MODEL = ModelRef.of("openai", "gpt-4o");
  static final Caller CALLER = Caller.of(Workload.of("svc"), User.builder("alice").tenant("acme").build());

  @TempDir
  Path dir;

  final Logger auditLogger = (Logger) LoggerFactory.getLogger(Slf4jAuditListener.LOGGER_NAME);
  final Logger reloaderLogger = (Logger) LoggerFactory.getLogger(PolicyReloader.class);
  final ListAppender<ILoggingEvent> auditLines = new ListAppender<>();
  final ListAppender<ILoggingEvent> reloadLines = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    auditLines.start();
    reloadLines.start();
    auditLogger.addAppender(auditLines);
    auditLogger.setAdditive(false);
    auditLogger.setLevel(Level.INFO);
    reloaderLogger.addAppender(reloadLines);
    reloaderLogger.setAdditive(false);
  }

  @AfterEach
  void releaseLogs() {
    auditLogger.detachAppender(auditLines);
    auditLogger.setAdditive(true);
    auditLogger.setLevel(null);
    reloaderLogger.detachAppender(reloadLines);
    reloaderLogger.setAdditive(true);
  }

  static String valid(int n) {
    return """
        version: 1
        defaults: { access: deny }
        policies:
          - id: allow-v%1$d
            access: allow
            input: [ { detector: keyword, word: "[w%1$d]", action: block } ]
          - id: deny-v%1$d
            match: { action: [a-%1$d] }
            access: deny
            reason: action a-%1$d is closed in version %1$d
        """.formatted(n);
  }

  /** Three kinds of bad edit: broken YAML, an unknown detector, a bad value. */
  static String invalid(int n) {
    return switch (n % 3) {
      case 0 -> "version: 1\npolicies:\n  - { id: broken-v" + n + ", access: allow\n";
      case 1 -> valid(n).replace("detector: keyword", "detector: no-such-detector");
      default -> valid(n).replace("access: deny\n", "access: sometimes\n");
    };
  }

  static String versionOf(String yaml) {
    return PolicySet.parse(List.of(new PolicyDocument("v.yaml", yaml)), Fixtures.CATALOG).version();
  }

  /** What one caller did and saw. */
  record Call(String id, int action, int marker, @Nullable Phase blockedIn, List<Decision> thrown) {}

  /** Collects every decision and audit event without a copy-on-write list (thousands of calls). */
  static final class Collector implements DecisionListener {
    final Queue<AuditEvent> events = new ConcurrentLinkedQueue<>();

    @Override
    public void onAuditEvent(AuditEvent event) {
      events.add(event);
    }
  }

  void write(Path file, String yaml) throws Exception {
    // write-then-rename, as a config map or a deployment tool updates a file
    Path tmp = dir.resolve("next.tmp");
    Files.writeString(tmp, yaml);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void everyCallIsDecidedByOneCompleteVersionAndAuditedExactlyOnce() throws Exception {
    Path file = dir.resolve("policies.yaml");
    Map<String, Integer> versions = new HashMap<>();
    for (int n = 0; n <= VALID_VERSIONS; n++) {
      versions.put(versionOf(valid(n)), n);
    }
    assertThat(versions).as("every version has its own hash").hasSize(VALID_VERSIONS + 1);
    write(file, valid(0));
    Collector collector = new Collector();
    Guardrails g = Guardrails.builder().policyFile(file).detectors(Fixtures.CATALOG).listener(collector).build();
    PolicyReloader reloader = g.reloader().orElseThrow();

    AtomicInteger published = new AtomicInteger();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger finished = new AtomicInteger();
    Queue<Call> calls = new ConcurrentLinkedQueue<>();
    List<String> writerProblems = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(CALLERS + 2);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> callers = new ArrayList<>();
      for (int t = 0; t < CALLERS; t++) {
        callers.add(pool.submit(() -> {
          go.await();
          ThreadLocalRandom r = ThreadLocalRandom.current();
          for (int made = 0; made < CALLS_PER_CALLER; made++) {
            while (writing.get() && finished.get() > (published.get() + 2) * QUOTA) {
              Thread.yield();
            }
            int current = published.get();
            int action = Math.max(0, current + r.nextInt(-1, 2));
            int marker = Math.max(0, current + r.nextInt(-1, 2));
            calls.add(call(g, action, marker));
            finished.incrementAndGet();
          }
          return null;
        }));
      }
      Future<?> competingReloader = pool.submit(() -> {
        go.await();
        while (writing.get()) {
          reloader.reload();
          Thread.yield();
        }
        return null;
      });
      go.countDown();
      String lastGood = versionOf(valid(0));
      for (int n = 1; n <= VALID_VERSIONS; n++) {
        // pace the edits to the callers, so that every version meets calls
        while (finished.get() < n * QUOTA) {
          Thread.yield();
        }
        write(file, invalid(n));
        PolicyReloader.Result bad = reloader.reload();
        if (bad.ok() || !bad.activeVersion().equals(lastGood) || !g.policySet().version().equals(lastGood)) {
          writerProblems.add("invalid edit " + n + " was not rejected cleanly: " + bad);
        }
        write(file, valid(n));
        PolicyReloader.Result good = reloader.reload();
        lastGood = versionOf(valid(n));
        if (!good.ok() || !good.activeVersion().equals(lastGood)) {
          writerProblems.add("valid edit " + n + " did not become active: " + good);
        }
        published.set(n);
      }
      writing.set(false);
      competingReloader.get(30, TimeUnit.SECONDS);
      for (Future<?> f : callers) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      writing.set(false);
      pool.shutdownNow();
      g.close();
    }

    assertThat(writerProblems).isEmpty();
    assertThat(g.policySet().version()).isEqualTo(versionOf(valid(VALID_VERSIONS)));
    // each bad edit is reported once, however many times it is read
    assertThat(reloadLines.list).filteredOn(e -> e.getLevel() == Level.ERROR).hasSize(VALID_VERSIONS);

    Map<String, List<AuditEvent>> byId = new HashMap<>();
    for (AuditEvent e : collector.events) {
      byId.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(e);
    }
    assertThat(calls).hasSize(CALLERS * CALLS_PER_CALLER);
    assertThat(collector.events).hasSameSizeAs(calls);
    assertThat(byId.keySet()).isEqualTo(calls.stream().map(Call::id).collect(Collectors.toSet()));
    Map<Integer, AtomicInteger> callsPerVersion = new ConcurrentHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Call c : calls) {
      List<AuditEvent> events = byId.get(c.id());
      if (events.size() != 1) {
        problems.add("call " + c.id() + " has " + events.size() + " audit events");
        continue;
      }
      AuditEvent e = events.get(0);
      Integer n = versions.get(e.policyVersion());
      if (n == null) {
        problems.add("call " + c.id() + " names a version never written whole: " + e.policyVersion());
        continue;
      }
      callsPerVersion.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
      String misfit = misfit(n, c, e);
      if (misfit != null) {
        problems.add(misfit);
      }
    }
    assertThat(problems).isEmpty();
    assertThat(callsPerVersion.size()).as("calls saw many versions").isGreaterThan(VALID_VERSIONS / 2);

    Map<String, Integer> linesPerId = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (ILoggingEvent line : auditLines.list) {
      JsonNode node = json.readTree(line.getFormattedMessage());
      assertThat(versions).containsKey(node.get("policyVersion").asText());
      linesPerId.merge(node.get("id").asText(), 1, Integer::sum);
    }
    assertThat(linesPerId).hasSameSizeAs(calls).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
  }

  static Call call(Guardrails g, int action, int marker) {
    Invocation inv = Invocation.builder(CALLER, MODEL).action("a-" + action)
        .userMessage("please look at [w" + marker + "] today").build();
    String id = null;
    try (GuardedCall call = g.start(inv)) {
      id = call.id();
      call.checkInput();
      call.checkOutput("fine");
      return new Call(id, action, marker, null, List.of());
    } catch (GuardrailViolationException e) {
      String callId = id != null ? id : e.decision().id().substring(0, e.decision().id().indexOf('-'));
      return new Call(callId, action, marker, e.decision().phase(), List.of(e.decision()));
    }
  }

  /** Why the audit event of a call does not fit version {@code n}, or null when it does. */
  static @Nullable String misfit(int n, Call c, AuditEvent e) {
    String version = e.policyVersion();
    for (Decision d : e.decisions()) {
      if (!d.policyVersion().equals(version)) {
        return "decision " + d.id() + " names version " + d.policyVersion() + ", its event " + version;
      }
      for (String p : d.policyIds()) {
        if (!p.endsWith("-v" + n)) {
          return "decision " + d.id() + " of version " + n + " names policy " + p;
        }
      }
    }
    if (!e.decisions().containsAll(c.thrown())) {
      return "the decision thrown is not in the audit event";
    }
    Decision access = e.decisions().get(0);
    List<Phase> phases = e.decisions().stream().map(Decision::phase).toList();
    boolean fits;
    if (c.action() == n) {
      fits = access.policyIds().equals(List.of("deny-v" + n))
          && access.reasons().equals(List.of("action a-" + n + " is closed in version " + n))
          && c.blockedIn() == Phase.ACCESS && e.outcome() == Verdict.DENY && phases.equals(List.of(Phase.ACCESS));
    } else if (c.marker() == n) {
      fits = access.policyIds().equals(List.of("allow-v" + n)) && c.blockedIn() == Phase.INPUT
          && e.outcome() == Verdict.DENY && phases.equals(List.of(Phase.ACCESS, Phase.INPUT))
          && e.decisions().get(1).findingTypes().equals(List.of("KEYWORD"));
    } else {
      fits = access.policyIds().equals(List.of("allow-v" + n)) && c.blockedIn() == null
          && e.outcome() == Verdict.ALLOW && phases.equals(List.of(Phase.ACCESS, Phase.INPUT));
    }
    return fits ? null : "call " + c + " does not fit version " + n + ": " + e.decisions();
  }
}
