package dev.guardrails4j.core;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.ToolCall;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.api.spi.DecisionListener;
import dev.guardrails4j.core.limit.LimitRule;
import dev.guardrails4j.core.limit.LimitStoreException;
import dev.guardrails4j.core.limit.Limiter;
import dev.guardrails4j.core.limit.ProviderGuard;
import dev.guardrails4j.core.limit.ProviderProtection;
import dev.guardrails4j.core.policy.Access;
import dev.guardrails4j.core.policy.Check;
import dev.guardrails4j.core.policy.Glob;
import dev.guardrails4j.core.policy.OnError;
import dev.guardrails4j.core.policy.Policy;
import dev.guardrails4j.core.policy.PolicySet;
import dev.guardrails4j.core.policy.ToolRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One guarded model call in progress, from {@link Guardrails#start(Invocation)} to {@link
 * #close()}. Every phase of the call is decided by the same policy version, pinned at start.
 *
 * <p>A call is used by one flow of control at a time (streaming callbacks may arrive on other
 * threads, one after another); it is not safe for concurrent use.
 */
public final class GuardedCall implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GuardedCall.class);
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  private static final String[] PHASE_INFIXES = java.util.Arrays.stream(Phase.values())
      .map(p -> "-" + p.name().toLowerCase(Locale.ROOT) + "-").toArray(String[]::new);

  private final Guardrails g;
  private final PolicySet set;
  private final Invocation invocation;
  private final List<Policy> matched;
  private final String id;
  private final Instant started;
  private final List<Decision> decisions = new ArrayList<>(4);
  private final GuardContext.Frame frame;
  private long guardNanos;
  private @Nullable Redactions redactions;
  private Limiter.Reservation reservation = Limiter.Reservation.NONE;
  private long estimatedTokens;
  private long inputTokens = -1;
  private long outputTokens = -1;
  private @Nullable String failure;
  private String outputFingerprint = "";
  private @Nullable String rawOutput;
  private boolean closed;

  GuardedCall(Guardrails g, PolicySet set, Invocation invocation) {
    this.g = g;
    this.set = set;
    this.invocation = invocation;
    long t0 = System.nanoTime();
    this.matched = set.select(invocation);
    this.id = newId();
    this.started = g.clock.instant();
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
    return new String(hex, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** Access and limits. */
  void begin() {
    long t0 = System.nanoTime();
    Decision access = access(t0);
    record(access);
    if (access.blocks()) {
      fail(access);
    }
    List<LimitRule> rules = null;
    for (Policy p : matched) {
      if (!p.limits().isEmpty()) {
        if (rules == null) {
          rules = new ArrayList<>();
        }
        for (LimitRule r : p.limits()) {
          rules.add(g.modeOverride == Mode.MONITOR && r.mode() != Mode.MONITOR
              ? new LimitRule(r.policyId(), r.kind(), r.amount(), r.period(), r.key(), Mode.MONITOR) : r);
        }
      }
    }
    if (rules != null) {
      long t1 = System.nanoTime();
      estimatedTokens = invocation.tokenEstimate() > 0 ? invocation.tokenEstimate() : estimateTokens(invocation);
      Decision limits;
      try {
        Limiter.Outcome outcome = g.limiter.acquire(invocation, rules, estimatedTokens);
        reservation = outcome.reservation();
        limits = limitDecision(outcome.violations(), t1);
      } catch (RuntimeException e) {
        limits = limiterFailed(e, rules, set.defaults().onError(), t1);
      }
      record(limits);
      if (limits.blocks()) {
        fail(limits);
      }
    }
  }

  /** Access only, for checks outside a model call (output guardrails, tools): they are not model requests. */
  void beginAccess() {
    Decision access = access(System.nanoTime());
    record(access);
    if (access.blocks()) {
      fail(access);
    }
  }

  private Decision access(long t0) {
    Decision.Builder b = decision(Phase.ACCESS);
    // one pass to classify, a second only over what decides: no lists on the hot path
    boolean anyAllow = false;
    boolean anyEnforcedDeny = false;
    boolean anyMonitorDeny = false;
    for (int i = 0, n = matched.size(); i < n; i++) {
      Policy p = matched.get(i);
      if (p.access() == Access.DENY) {
        if (mode(p) == Mode.ENFORCE) {
          anyEnforcedDeny = true;
        } else {
          anyMonitorDeny = true;
        }
      } else if (p.access() == Access.ALLOW) {
        anyAllow = true;
      }
    }
    if (anyEnforcedDeny) {
      for (int i = 0, n = matched.size(); i < n; i++) {
        Policy p = matched.get(i);
        if (p.access() == Access.DENY && mode(p) == Mode.ENFORCE) {
          b.policy(p.id()).reason(p.reason().isEmpty() ? "denied by policy " + p.id() : p.reason());
        }
      }
      return b.verdict(Verdict.DENY).mode(Mode.ENFORCE).durationNanos(System.nanoTime() - t0).build();
    }
    boolean allowed = anyAllow || set.defaults().access() == Access.ALLOW;
    if (anyMonitorDeny) {
      for (int i = 0, n = matched.size(); i < n; i++) {
        Policy p = matched.get(i);
        if (p.access() == Access.DENY) {
          b.policy(p.id()).reason("monitor mode: " + (p.reason().isEmpty() ? "would be denied by policy " + p.id() : p.reason()));
        }
      }
      if (allowed) {
        return b.verdict(Verdict.DENY).mode(Mode.MONITOR).durationNanos(System.nanoTime() - t0).build();
      }
    }
    if (anyAllow) {
      for (int i = 0, n = matched.size(); i < n; i++) {
        Policy p = matched.get(i);
        if (p.access() == Access.ALLOW) {
          b.policy(p.id());
        }
      }
      return b.verdict(Verdict.ALLOW).mode(g.modeOverride == Mode.MONITOR ? Mode.MONITOR : Mode.ENFORCE)
          .durationNanos(System.nanoTime() - t0).build();
    }
    if (allowed) {
      return b.verdict(Verdict.ALLOW).reason("no policy decides; default access is allow")
          .mode(g.modeOverride == Mode.MONITOR ? Mode.MONITOR : Mode.ENFORCE)
          .durationNanos(System.nanoTime() - t0).build();
    }
    b.verdict(Verdict.DENY).reason("no policy allows workload " + invocation.caller().workload().id()
        + (invocation.caller().user() != null ? " acting for this user" : "") + " to use model "
        + invocation.model().provider() + ":" + invocation.model().name() + " for action " + invocation.action()
        + "; default access is deny");
    b.mode(g.modeOverride == Mode.MONITOR ? Mode.MONITOR : set.defaults().mode());
    return b.durationNanos(System.nanoTime() - t0).build();
  }

  private Decision limitDecision(List<Limiter.Violation> violations, long t0) {
    Decision.Builder b = decision(Phase.LIMITS);
    if (violations.isEmpty()) {
      return b.durationNanos(System.nanoTime() - t0).build();
    }
    boolean enforced = false;
    Duration retry = null;
    for (Limiter.Violation v : violations) {
      boolean e = v.rule().mode() != Mode.MONITOR;
      enforced |= e;
      b.policy(v.rule().policyId());
      b.reason((e ? "" : "monitor mode: ") + "limit " + describe(v.rule()) + " reached for " + v.key()
          + (v.retryAfter() != null ? "; retry after " + v.retryAfter().toSeconds() + " s" : ""));
      if (e && v.retryAfter() != null && (retry == null || v.retryAfter().compareTo(retry) > 0)) {
        retry = v.retryAfter();
      }
    }
    return b.verdict(Verdict.DENY).mode(enforced ? Mode.ENFORCE : Mode.MONITOR).retryAfter(retry)
        .durationNanos(System.nanoTime() - t0).build();
  }

  private static String describe(LimitRule r) {
    StringBuilder sb = new StringBuilder(r.kind().label()).append(' ').append(r.amount());
    if (r.period() != null) {
      sb.append('/').append(humanPeriod(r.period()));
    }
    if (!r.key().isEmpty()) {
      sb.append(" per ");
      for (int i = 0; i < r.key().size(); i++) {
        sb.append(i == 0 ? "" : "+").append(r.key().get(i).name().toLowerCase(Locale.ROOT));
      }
    }
    return sb.toString();
  }

  private static String humanPeriod(Duration d) {
    if (d.toDaysPart() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
      return d.toDays() + "d";
    }
    if (d.equals(Duration.ofHours(d.toHours()))) {
      return d.toHours() + "h";
    }
    if (d.equals(Duration.ofMinutes(d.toMinutes()))) {
      return d.toMinutes() + "m";
    }
    if (d.equals(Duration.ofSeconds(d.toSeconds()))) {
      return d.toSeconds() + "s";
    }
    return d.toMillis() + "ms";
  }

  // ---- input ---------------------------------------------------------------------------------

  /**
   * Checks the invocation's messages.
   *
   * @return the messages to send, with enforced redactions applied
   * @throws GuardrailViolationException if a check blocks
   */
  public List<Message> checkInput() {
    return checkInput(invocation.messages());
  }

  /**
   * Checks messages as input (for adapters whose request differs from the invocation's).
   *
   * @param messages the messages
   * @return the messages to send, with enforced redactions applied
   * @throws GuardrailViolationException if a check blocks
   */
  public List<Message> checkInput(List<Message> messages) {
    Objects.requireNonNull(messages, "messages");
    ensureOpen();
    long t0 = System.nanoTime();
    List<ContentChecks.Ref> refs = refs(Phase.INPUT, null);
    if (refs.isEmpty()) {
      guardNanos += System.nanoTime() - t0;
      return messages;
    }
    List<String> texts = new ArrayList<>(messages.size());
    for (Message m : messages) {
      texts.add(m.text());
    }
    GuardContext.CheckedContent checked = frame.checked();
    boolean scoped = frame != GuardContext.Frame.EMPTY;
    ContentChecks.Result r = ContentChecks.run(Phase.INPUT, refs, texts,
        (ref, i) -> ref.check().roles().contains(messages.get(i).role())
            && !(scoped && checked.isChecked(Phase.INPUT, texts.get(i))),
        set.defaults(), g.modeOverride, redactions(), decision(Phase.INPUT));
    Decision d = finish(r.decision(), t0);
    record(d);
    if (d.blocks()) {
      fail(d);
    }
    List<Message> out = messages;
    if (r.texts() != texts) {
      out = new ArrayList<>(messages.size());
      for (int i = 0; i < messages.size(); i++) {
        out.add(r.texts().get(i) == texts.get(i) ? messages.get(i) : messages.get(i).withText(r.texts().get(i)));
      }
      out = Collections.unmodifiableList(out);
    }
    if (scoped) {
      for (Message m : out) {
        checked.markChecked(Phase.INPUT, m.text());
      }
    }
    return out;
  }

  /**
   * Checks one text as user input (for a {@code @Prompt} parameter or a single-prompt API).
   *
   * @param text the text
   * @return the text to send, with enforced redactions applied
   * @throws GuardrailViolationException if a check blocks
   */
  public String checkInput(String text) {
    return checkInput(List.of(Message.user(text))).get(0).text();
  }

  // ---- output --------------------------------------------------------------------------------

  /**
   * Checks the model's answer, applies redactions, and restores reversible input redactions for
   * the caller.
   *
   * @param answer the answer
   * @return the answer to give the caller
   * @throws GuardrailViolationException if a check blocks
   */
  public String checkOutput(String answer) {
    Objects.requireNonNull(answer, "answer");
    ensureOpen();
    long t0 = System.nanoTime();
    noteOutput(answer);
    boolean scoped = frame != GuardContext.Frame.EMPTY;
    List<ContentChecks.Ref> refs = refs(Phase.OUTPUT, null);
    String text = answer;
    if (!refs.isEmpty() && !(scoped && frame.checked().isChecked(Phase.OUTPUT, answer))) {
      ContentChecks.Result r = ContentChecks.run(Phase.OUTPUT, refs, List.of(answer), (ref, i) -> true,
          set.defaults(), g.modeOverride, redactions(), decision(Phase.OUTPUT));
      Decision d = finish(r.decision(), t0);
      record(d);
      if (d.blocks()) {
        fail(d);
      }
      text = r.texts().get(0);
    } else {
      guardNanos += System.nanoTime() - t0;
    }
    if (redactions != null) {
      text = redactions.restore(text);
    }
    if (scoped) {
      frame.checked().markChecked(Phase.OUTPUT, text);
    }
    return text;
  }

  /**
   * Starts incremental output checks for a streamed answer.
   *
   * @return the stream guard
   */
  public StreamingOutput streamOutput() {
    ensureOpen();
    return new StreamingOutput(this, refs(Phase.OUTPUT, null), g.streamWindow);
  }

  // ---- tools ---------------------------------------------------------------------------------

  /**
   * The tools of {@code offered} this caller may use (denied tools are hidden from the model).
   * Policies in monitor mode hide nothing.
   *
   * @param offered tool names
   * @return the allowed ones, in order
   */
  public List<String> allowedTools(List<String> offered) {
    List<String> out = new ArrayList<>(offered.size());
    for (String t : offered) {
      ToolVerdict v = toolVerdict(t);
      if (v.allowed || !v.enforced) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Checks a tool call the model requested: whether the caller may use the tool, and its
   * arguments.
   *
   * @param toolCall the call
   * @return the decision and the arguments to run the tool with (redacted where policy says so);
   *     when {@code decision().blocks()} the tool must not run and the model should see
   *     {@link ToolDecision#message()}
   * @throws GuardrailViolationException when a deciding policy says {@code on-deny: stop}
   */
  public ToolDecision checkToolCall(ToolCall toolCall) {
    Objects.requireNonNull(toolCall, "toolCall");
    ensureOpen();
    long t0 = System.nanoTime();
    ToolVerdict v = toolVerdict(toolCall.name());
    Decision.Builder b = decision(Phase.TOOL);
    String arguments = toolCall.arguments();
    Decision d;
    if (!v.allowed) {
      if (v.policy != null) {
        b.policy(v.policy.id());
      }
      b.reason((v.enforced ? "" : "monitor mode: ") + "tool '" + toolCall.name() + "' is not allowed for this caller");
      d = b.verdict(Verdict.DENY).mode(v.enforced ? Mode.ENFORCE : Mode.MONITOR).build();
    } else {
      List<ContentChecks.Ref> refs = refs(Phase.TOOL, true);
      if (refs.isEmpty()) {
        d = b.build();
      } else {
        ContentChecks.Result r = ContentChecks.run(Phase.TOOL, refs, List.of(arguments), (ref, i) -> true,
            set.defaults(), g.modeOverride, redactions(), b);
        d = r.decision();
        arguments = r.texts().get(0);
        if (d.blocks()) {
          d = d.toBuilder().reason("tool '" + toolCall.name() + "' arguments were blocked").build();
        }
      }
    }
    d = finish(d, t0);
    record(d);
    if (d.blocks() && stops(d)) {
      fail(d);
    }
    return new ToolDecision(d, arguments, d.blocks()
        ? "Tool call refused by policy (decision " + d.id() + "): " + String.join("; ", d.reasons()) : "");
  }

  /**
   * Checks what a tool returned before it goes back to the model.
   *
   * @param toolName the tool
   * @param result the result
   * @return the result to give the model, redacted where policy says so
   * @throws GuardrailViolationException if a check blocks
   */
  public String checkToolResult(String toolName, String result) {
    Objects.requireNonNull(toolName, "toolName");
    Objects.requireNonNull(result, "result");
    ensureOpen();
    long t0 = System.nanoTime();
    List<ContentChecks.Ref> refs = refs(Phase.TOOL, false);
    if (refs.isEmpty()) {
      guardNanos += System.nanoTime() - t0;
      return result;
    }
    ContentChecks.Result r = ContentChecks.run(Phase.TOOL, refs, List.of(result), (ref, i) -> true,
        set.defaults(), g.modeOverride, redactions(), decision(Phase.TOOL));
    Decision d = r.decision();
    if (d.blocks()) {
      d = d.toBuilder().reason("result of tool '" + toolName + "' was blocked").build();
    }
    d = finish(d, t0);
    record(d);
    if (d.blocks()) {
      fail(d);
    }
    return r.texts().get(0);
  }

  /**
   * The outcome of a tool call check.
   *
   * @param decision the decision
   * @param arguments the arguments to run the tool with
   * @param message for a refused call, the text to give the model instead of a result; otherwise
   *     empty
   */
  public record ToolDecision(Decision decision, String arguments, String message) {

    /** Validates. */
    public ToolDecision {
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(arguments, "arguments");
      Objects.requireNonNull(message, "message");
    }

    /**
     * Whether the tool may run.
     *
     * @return true unless an enforced policy refused it
     */
    public boolean allowed() {
      return !decision.blocks();
    }
  }

  private record ToolVerdict(boolean allowed, boolean enforced, @Nullable Policy policy, boolean stop) {}

  private ToolVerdict toolVerdict(String tool) {
    boolean restricted = false;
    Policy allowedBy = null;
    Policy restrictingPolicy = null;
    for (Policy p : matched) {
      ToolRules t = p.tools();
      if (anyMatch(t.deny(), tool)) {
        return new ToolVerdict(false, mode(p) == Mode.ENFORCE, p, t.onDeny() == ToolRules.OnDeny.STOP);
      }
      if (!t.allow().isEmpty()) {
        restricted = true;
        restrictingPolicy = restrictingPolicy == null ? p : restrictingPolicy;
        if (allowedBy == null && anyMatch(t.allow(), tool)) {
          allowedBy = p;
        }
      }
    }
    if (allowedBy != null) {
      return new ToolVerdict(true, true, allowedBy, false);
    }
    if (restricted) {
      return new ToolVerdict(false, mode(restrictingPolicy) == Mode.ENFORCE, restrictingPolicy,
          restrictingPolicy.tools().onDeny() == ToolRules.OnDeny.STOP);
    }
    if (set.defaults().tools() == Access.DENY) {
      return new ToolVerdict(false, g.modeOverride != Mode.MONITOR && set.defaults().mode() == Mode.ENFORCE, null, false);
    }
    return new ToolVerdict(true, true, null, false);
  }

  private boolean stops(Decision d) {
    for (String pid : d.policyIds()) {
      for (Policy p : matched) {
        if (p.id().equals(pid) && p.tools().onDeny() == ToolRules.OnDeny.STOP) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean anyMatch(List<Glob> globs, String value) {
    for (Glob gl : globs) {
      if (gl.matches(value)) {
        return true;
      }
    }
    return false;
  }

  // ---- the model call ------------------------------------------------------------------------

  /**
   * Runs the model call behind the provider's circuit breaker and time limit, if the policy set
   * configures them, and records a failure for the audit event.
   *
   * @param modelCall the call
   * @param <T> the result type
   * @return the result
   * @throws GuardrailViolationException when the circuit is open or the time limit is exceeded
   */
  public <T> T callModel(Supplier<T> modelCall) {
    Objects.requireNonNull(modelCall, "modelCall");
    ProviderGuard.Permit permit = modelPermit();
    long t0 = System.nanoTime();
    try {
      T result = permit.call(modelCall);
      permit.success(System.nanoTime() - t0);
      return result;
    } catch (GuardrailViolationException e) {
      permit.failure(System.nanoTime() - t0, e);
      Decision d = own(e.decision());
      record(d);
      fail(d);
      throw e;
    } catch (RuntimeException | Error e) {
      permit.failure(System.nanoTime() - t0, e);
      recordFailure(e);
      throw e;
    }
  }

  /**
   * A permit for a model call whose outcome arrives later (streaming): report success or failure
   * on it.
   *
   * @return the permit
   * @throws GuardrailViolationException when the provider's circuit is open
   */
  public ProviderGuard.Permit modelPermit() {
    ensureOpen();
    String model = invocation.model().toString();
    for (ProviderProtection p : set.providers()) {
      if (p.model().matches(model)) {
        try {
          return g.providerGuard.acquire(invocation.model(), p);
        } catch (GuardrailViolationException e) {
          Decision d = own(e.decision());
          record(d);
          fail(d);
          throw e;
        }
      }
    }
    return ProviderGuard.Permit.NONE;
  }

  /** A decision made without an id (the provider guard's) gets this call's id and policy version. */
  private Decision own(Decision d) {
    if (!"-".equals(d.id())) {
      return d;
    }
    return d.toBuilder().id(decisionId(d.phase()))
        .policyVersion(set.version()).build();
  }

  /**
   * Records the token usage the provider reported, to settle token budgets.
   *
   * @param input input tokens, or a negative number when unknown
   * @param output output tokens, or a negative number when unknown
   */
  public void recordUsage(long input, long output) {
    this.inputTokens = input;
    this.outputTokens = output;
  }

  /**
   * Records that the model call failed (reserved tokens are returned to the budget).
   *
   * @param error the error
   */
  public void recordFailure(Throwable error) {
    this.failure = error.getClass().getName();
  }

  // ---- bookkeeping ---------------------------------------------------------------------------

  /**
   * The invocation this call evaluates.
   *
   * @return the invocation
   */
  public Invocation invocation() {
    return invocation;
  }

  /**
   * The call id, the prefix of every decision id.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * The policies that matched, in file order.
   *
   * @return the policies
   */
  public List<Policy> policies() {
    return matched;
  }

  /**
   * The version of the policy set deciding this call.
   *
   * @return the version
   */
  public String policyVersion() {
    return set.version();
  }

  /**
   * Every decision so far, in order.
   *
   * @return the decisions
   */
  public List<Decision> decisions() {
    return List.copyOf(decisions);
  }

  /**
   * Settles limits and emits the audit event. Idempotent.
   *
   * @throws GuardrailViolationException if an audit listener fails and listener failures block
   */
  @Override
  public void close() {
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

  // ---- package-private plumbing --------------------------------------------------------------

  Decision.Builder decision(Phase phase) {
    return Decision.builder(phase).id(decisionId(phase)).policyVersion(set.version());
  }

  /* "<call id>-<phase>-<n>": the phase names are lower-cased once, not per decision. */
  private String decisionId(Phase phase) {
    return id + PHASE_INFIXES[phase.ordinal()] + decisions.size();
  }

  Decision finish(Decision d, long t0) {
    long spent = System.nanoTime() - t0;
    guardNanos += spent;
    return d.toBuilder().durationNanos(spent).build();
  }

  @Nullable Redactions redactions() {
    if (redactions == null) {
      redactions = new Redactions(g.salt);
    }
    return redactions;
  }

  PolicySet policySet() {
    return set;
  }

  Guardrails engine() {
    return g;
  }

  void noteOutput(String answer) {
    if (!answer.isEmpty()) {
      outputFingerprint = g.fingerprints.of(answer);
      if (g.rawContent) {
        rawOutput = answer;
      }
    }
  }

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

  void record(Decision d) {
    decisions.add(d);
    for (DecisionListener l : g.listeners) {
      try {
        l.onDecision(invocation, d);
      } catch (RuntimeException e) {
        if (g.listenerFailure == OnError.BLOCK) {
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

  /** Emits the audit event (once) and throws the violation. */
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

  void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("guarded call " + id + " is already closed");
    }
  }

  /**
   * The limiter threw. With {@code on-error: block} the call is refused with an error decision
   * naming the store; with {@code allow}, a shared store's failure falls back to this process's
   * in-memory limiter (limits still hold per replica), and the decision says so.
   */
  private Decision limiterFailed(RuntimeException e, List<LimitRule> rules, OnError onError, long t0) {
    String what = e instanceof LimitStoreException store
        ? "limit store " + store.store() + " failed" : "limiter failed (" + e.getClass().getSimpleName() + ")";
    if (onError == OnError.ALLOW && e instanceof LimitStoreException && g.fallbackLimiter != null) {
      try {
        Limiter.Outcome outcome = g.fallbackLimiter.acquire(invocation, rules, estimatedTokens);
        reservation = outcome.reservation();
        Decision counted = limitDecision(outcome.violations(), t0);
        Decision.Builder b = decision(Phase.LIMITS).error(true).verdict(counted.verdict()).mode(counted.mode())
            .reason(what + "; on-error: allow, so this process's in-memory limiter counted the call");
        counted.policyIds().forEach(b::policy);
        counted.reasons().forEach(b::reason);
        if (counted.retryAfter() != null) {
          b.retryAfter(counted.retryAfter());
        }
        return b.durationNanos(System.nanoTime() - t0).build();
      } catch (RuntimeException fallbackFailed) {
        return errorDecision(Phase.LIMITS, what + " and so did the in-memory fallback ("
            + fallbackFailed.getClass().getSimpleName() + ")", onError, t0);
      }
    }
    return errorDecision(Phase.LIMITS, what, onError, t0);
  }

  private Decision errorDecision(Phase phase, String reason, OnError onError, long t0) {
    Decision.Builder b = decision(phase).error(true).reason(reason);
    if (onError == OnError.BLOCK) {
      b.verdict(Verdict.DENY).mode(g.modeOverride == Mode.MONITOR ? Mode.MONITOR : Mode.ENFORCE);
    } else {
      b.reason("ignored by on-error: allow");
    }
    return b.durationNanos(System.nanoTime() - t0).build();
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
    if (g.rawContent) {
      raw = new LinkedHashMap<>();
      raw.put("input", String.join("\n", inputs));
      if (rawOutput != null) {
        raw.put("output", rawOutput);
      }
    }
    long tokensIn = inputTokens >= 0 ? inputTokens : estimatedTokens;
    AuditEvent event = new AuditEvent(id, started, invocation.caller().workload().id(),
        user == null ? null : g.fingerprints.of(user.subject()), user == null ? null : user.tenant(),
        invocation.model().toString(), invocation.action(), invocation.callSite(), invocation.dataLabels(),
        set.version(), outcome, decisions, g.fingerprints.of(inputs), outputFingerprint,
        tokensIn, Math.max(0, outputTokens), guardNanos, failure, raw);
    RuntimeException firstFailure = null;
    String failedListener = null;
    for (DecisionListener l : g.listeners) {
      try {
        l.onAuditEvent(event);
      } catch (RuntimeException e) {
        if (firstFailure == null) {
          firstFailure = e;
          failedListener = l.getClass().getName();
        }
        if (g.listenerFailure != OnError.BLOCK) {
          // the event is lost for this listener: never silently (exception class only: no content)
          log.error("Guardrails audit listener {} failed ({}) on the audit event of call {}; listener-failure "
              + "is allow, so that listener lost the event and the call goes on", l.getClass().getName(),
              e.getClass().getName(), id);
        }
      }
    }
    if (firstFailure != null && g.listenerFailure == OnError.BLOCK) {
      Decision err = Decision.builder(Phase.OUTPUT).id(id + "-audit").policyVersion(set.version())
          .verdict(Verdict.DENY).mode(Mode.ENFORCE).error(true)
          .reason("audit listener " + failedListener + " failed (" + firstFailure.getClass().getSimpleName()
              + "); the result is withheld because audit events must not be lost")
          .build();
      throw new GuardrailViolationException(err);
    }
  }

  private Mode mode(Policy p) {
    if (g.modeOverride == Mode.MONITOR) {
      return Mode.MONITOR;
    }
    return p.mode() != null ? p.mode() : set.defaults().mode();
  }

  /**
   * The documented token estimate when the adapter has no tokenizer: one token per four UTF-16
   * characters, rounded up, plus four per message for the chat format.
   */
  static long estimateTokens(Invocation inv) {
    long chars = 0;
    for (Message m : inv.messages()) {
      chars += m.text().length();
    }
    return (chars + 3) / 4 + 4L * inv.messages().size();
  }
}
