package dev.guardrails4j.core;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.api.spi.DecisionListener;
import dev.guardrails4j.core.limit.Limiter;
import dev.guardrails4j.core.policy.Check;
import dev.guardrails4j.core.policy.OnError;
import dev.guardrails4j.core.policy.Policy;
import dev.guardrails4j.core.policy.PolicySet;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of one guarded call, the step every other step writes to: the pinned policy version
 * and matched policies, the decisions in order (each handed to the decision listeners as it is
 * made), the limit reservation and token usage, the call's redactions, and at the end the one
 * audit event. It knows nothing of the steps that fill it.
 */
final class CallRecord {

  private static final Logger log = LoggerFactory.getLogger("dev.guardrails4j.core.GuardedCall"); // the category users know
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
  private static final String[] PHASE_INFIXES = Arrays.stream(Phase.values())
      .map(p -> "-" + p.name().toLowerCase(Locale.ROOT) + "-").toArray(String[]::new);

  final CallSettings settings;
  final PolicySet set;
  final Invocation invocation;
  final List<Policy> matched;
  final String id;
  final GuardContext.Frame frame;
  private final Instant started;
  private final List<Decision> decisions = new ArrayList<>(4);
  private long guardNanos;
  private @Nullable Redactions redactions;
  Limiter.Reservation reservation = Limiter.Reservation.NONE;
  long estimatedTokens;
  private long inputTokens = -1;
  private long outputTokens = -1;
  private @Nullable String failure;
  private String outputFingerprint = "";
  private @Nullable String rawOutput;
  private boolean closed;

  CallRecord(CallSettings settings, PolicySet set, Invocation invocation) {
    long t0 = System.nanoTime();
    this.settings = settings;
    this.set = set;
    this.invocation = invocation;
    this.matched = set.select(invocation);
    this.id = newId();
    this.started = settings.clock().instant();
    this.frame = GuardContext.current();
    guardNanos += System.nanoTime() - t0;
  }

  /* 96 random bits as 24 lower-case hex digits, built in one array. */
  private static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi = r.nextLong();
    int lo = r.nextInt();
    byte[] hex = new byte[24];
    for (int i = 15; i >= 0; i--, hi >>>= 4) {
      hex[i] = HEX[(int) (hi & 15)];
    }
    for (int i = 23; i >= 16; i--, lo >>>= 4) {
      hex[i] = HEX[lo & 15];
    }
    return new String(hex, StandardCharsets.ISO_8859_1);
  }

  // ---- decisions -----------------------------------------------------------------------------

  Decision.Builder decision(Phase phase) {
    return Decision.builder(phase).id(decisionId(phase)).policyVersion(set.version());
  }

  /* "<call id>-<phase>-<n>": the phase names are lower-cased once, not per decision. */
  String decisionId(Phase phase) {
    return id + PHASE_INFIXES[phase.ordinal()] + decisions.size();
  }

  /** Stamps a decision with the time spent since {@code t0}, which counts as guard time. */
  Decision finish(Decision d, long t0) {
    long spent = System.nanoTime() - t0;
    guardNanos += spent;
    return d.toBuilder().durationNanos(spent).build();
  }

  /** Counts time spent on a step that made no decision. */
  void spent(long t0) {
    guardNanos += System.nanoTime() - t0;
  }

  /** A decision made without an id (the provider guard's) gets this call's id and policy version. */
  Decision own(Decision d) {
    if (!"-".equals(d.id())) {
      return d;
    }
    return d.toBuilder().id(decisionId(d.phase())).policyVersion(set.version()).build();
  }

  /** An error decision: blocks under {@code on-error: block}, says it was ignored under {@code allow}. */
  Decision errorDecision(Phase phase, String reason, OnError onError, long t0) {
    Decision.Builder b = decision(phase).error(true).reason(reason);
    if (onError == OnError.BLOCK) {
      b.verdict(Verdict.DENY).mode(settings.modeOverride() == Mode.MONITOR ? Mode.MONITOR : Mode.ENFORCE);
    } else {
      b.reason("ignored by on-error: allow");
    }
    return b.durationNanos(System.nanoTime() - t0).build();
  }

  /** Adds a decision and hands it to the decision listeners. */
  void record(Decision d) {
    decisions.add(d);
    for (DecisionListener l : settings.listeners()) {
      try {
        l.onDecision(invocation, d);
      } catch (RuntimeException e) {
        if (settings.listenerFailure() == OnError.BLOCK) {
          Decision err = Decision.builder(d.phase()).id(d.id() + "-listener").policyVersion(set.version())
              .verdict(Verdict.DENY).mode(Mode.ENFORCE).error(true)
              .reason("decision listener " + l.getClass().getName() + " failed (" + e.getClass().getSimpleName() + ")")
              .build();
          decisions.add(err);
          fail(err);
        }
        // listener-failure: allow; say so, never swallow it (exception class only: no content)
        log.error("Guardrails decision listener {} failed ({}) on decision {}; listener-failure is allow, "
            + "so the call goes on", l.getClass().getName(), e.getClass().getName(), d.id());
      }
    }
  }

  /** Records a decision and, when it blocks, ends the call and throws the violation. */
  void recordAndEnforce(Decision d) {
    record(d);
    if (d.blocks()) {
      fail(d);
    }
  }

  /** Settles limits, emits the audit event (once) and throws the violation. */
  void fail(Decision d) {
    if (!closed) {
      closed = true;
      try {
        reservation.settle(-1, true);
      } finally {
        emitAudit();
      }
    }
    throw new GuardrailViolationException(d);
  }

  List<Decision> decisions() {
    return List.copyOf(decisions);
  }

  // ---- state ---------------------------------------------------------------------------------

  void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("guarded call " + id + " is already closed");
    }
  }

  Redactions redactions() {
    if (redactions == null) {
      redactions = new Redactions(settings.salt());
    }
    return redactions;
  }

  /** Whether values redacted earlier in this call must be looked for in later texts. */
  boolean hasRedactedValues() {
    return redactions != null && redactions.hasValues();
  }

  @Nullable Redactions redactionsIfAny() {
    return redactions;
  }

  void noteOutput(String answer) {
    if (!answer.isEmpty()) {
      outputFingerprint = settings.fingerprints().of(answer);
      if (settings.rawContent()) {
        rawOutput = answer;
      }
    }
  }

  void usage(long input, long output) {
    this.inputTokens = input;
    this.outputTokens = output;
  }

  void failure(Throwable error) {
    this.failure = error.getClass().getName();
  }

  Mode mode(Policy p) {
    if (settings.modeOverride() == Mode.MONITOR) {
      return Mode.MONITOR;
    }
    return p.mode() != null ? p.mode() : set.defaults().mode();
  }

  /** The content checks of the matched policies for a phase, in file order. */
  List<ContentChecks.Ref> refs(Phase phase, @Nullable Boolean toolArguments) {
    List<ContentChecks.Ref> refs = null;
    for (Policy p : matched) {
      List<Check> checks = switch (phase) {
        case INPUT -> p.input();
        case OUTPUT -> p.output();
        case TOOL -> Boolean.TRUE.equals(toolArguments) ? p.tools().arguments() : p.tools().results();
        default -> List.of();
      };
      for (Check c : checks) {
        if (refs == null) {
          refs = new ArrayList<>(4);
        }
        refs.add(new ContentChecks.Ref(p, c));
      }
    }
    return refs == null ? List.of() : refs;
  }

  /** Runs the content checks of a phase over texts with this call's settings and redactions. */
  ContentChecks.Result runChecks(Phase phase, List<ContentChecks.Ref> refs, List<String> texts,
      ContentChecks.TextFilter filter, boolean apply, Decision.Builder decision) {
    return ContentChecks.run(phase, refs, texts, filter, set.defaults(), settings.modeOverride(),
        redactions(), apply, settings.checkBudget(), decision);
  }

  // ---- the end -------------------------------------------------------------------------------

  /** Settles limits and emits the audit event. Idempotent. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    long used = inputTokens >= 0 || outputTokens >= 0
        ? Math.max(0, inputTokens) + Math.max(0, outputTokens) : -1;
    try {
      reservation.settle(used, failure != null);
    } finally {
      emitAudit();
    }
  }

  private void emitAudit() {
    Verdict outcome = Verdict.ALLOW;
    for (Decision d : decisions) {
      if (d.blocks()) {
        outcome = Verdict.DENY;
        break;
      }
      if (d.verdict() == Verdict.ALLOW_WITH_CHANGES && d.mode() == Mode.ENFORCE) {
        outcome = Verdict.ALLOW_WITH_CHANGES;
      }
    }
    User user = invocation.caller().user();
    List<String> inputs = new ArrayList<>(invocation.messages().size());
    for (Message m : invocation.messages()) {
      inputs.add(m.text());
    }
    Map<String, String> raw = Map.of();
    if (settings.rawContent()) {
      raw = new LinkedHashMap<>();
      raw.put("input", String.join("\n", inputs));
      if (rawOutput != null) {
        raw.put("output", rawOutput);
      }
    }
    long tokensIn = inputTokens >= 0 ? inputTokens : estimatedTokens;
    AuditEvent event = new AuditEvent(id, started, invocation.caller().workload().id(),
        user == null ? null : settings.fingerprints().of(user.subject()), user == null ? null : user.tenant(),
        invocation.model().toString(), invocation.action(), invocation.callSite(), invocation.dataLabels(),
        set.version(), outcome, decisions, settings.fingerprints().of(inputs), outputFingerprint,
        tokensIn, Math.max(0, outputTokens), guardNanos, failure, raw);
    RuntimeException firstFailure = null;
    String failedListener = null;
    for (DecisionListener l : settings.listeners()) {
      try {
        l.onAuditEvent(event);
      } catch (RuntimeException e) {
        if (firstFailure == null) {
          firstFailure = e;
          failedListener = l.getClass().getName();
        }
        if (settings.listenerFailure() != OnError.BLOCK) {
          // the event is lost for this listener: never silently (exception class only: no content)
          log.error("Guardrails audit listener {} failed ({}) on the audit event of call {}; listener-failure "
              + "is allow, so that listener lost the event and the call goes on", l.getClass().getName(),
              e.getClass().getName(), id);
        }
      }
    }
    if (firstFailure != null && settings.listenerFailure() == OnError.BLOCK) {
      Decision err = Decision.builder(Phase.OUTPUT).id(id + "-audit").policyVersion(set.version())
          .verdict(Verdict.DENY).mode(Mode.ENFORCE).error(true)
          .reason("audit listener " + failedListener + " failed (" + firstFailure.getClass().getSimpleName()
              + "); the result is withheld because audit events must not be lost")
          .build();
      throw new GuardrailViolationException(err);
    }
  }
}
