package dev.guardrails4j.core.inventory;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.api.spi.DecisionListener;
import dev.guardrails4j.core.limit.LimitRule;
import dev.guardrails4j.core.match.Glob;
import dev.guardrails4j.core.policy.Check;
import dev.guardrails4j.core.policy.EdgeControl;
import dev.guardrails4j.core.policy.Policy;
import dev.guardrails4j.core.policy.PolicyMatch;
import dev.guardrails4j.core.policy.PolicySet;
import dev.guardrails4j.core.policy.ToolRules;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inventory of one engine: which models and call sites it has seen, the controls in force at
 * each, and the usage since the previous event. The engine registers it as a
 * {@link DecisionListener} and writes an {@link InventoryEvent} as one JSON line on the logger
 * {@value #LOGGER_NAME} at startup, after every policy change and as a heartbeat (see
 * {@link dev.guardrails4j.core.Guardrails.Builder#inventoryInterval(Duration)}).
 *
 * <p>Memory is bounded: at most {@value #MAX_KEYS} distinct models, call sites and token keys are
 * kept, further names count under {@value #OTHER}; distinct callers are estimated with an 8 KiB
 * bitmap of salted fingerprints, and no user id is kept. Nothing here ever throws into a model
 * call: a failure to count or to write an event is logged once and ignored.
 */
public final class Inventory implements DecisionListener, AutoCloseable {

  /** The logger inventory events are written to, at INFO. */
  public static final String LOGGER_NAME = "dev.guardrails4j.inventory";

  /** The default heartbeat interval. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);

  /** The most distinct names kept per kind. */
  public static final int MAX_KEYS = 1000;

  /** The name counted for names beyond {@link #MAX_KEYS}. */
  public static final String OTHER = "(other)";

  private static final Logger problems = LoggerFactory.getLogger("dev.guardrails4j");
  private static final String UNKNOWN_MODEL = ModelRef.UNKNOWN.toString();

  private final Supplier<PolicySet> policies;
  private final Workload workload;
  private final @Nullable Mode modeOverride;
  private final InventorySource source;
  private final Map<String, String> resource;
  private final Clock clock;
  private final Logger log;
  private final @Nullable Duration interval;
  private final Set<String> modelsSeen = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, SeenSite> sitesSeen = new ConcurrentHashMap<>();
  private final AtomicReference<Period> period;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicBoolean failureLogged = new AtomicBoolean();
  private volatile @Nullable ScheduledFuture<?> heartbeat;

  private Inventory(Builder b) {
    this.policies = b.policies;
    this.workload = b.workload;
    this.modeOverride = b.modeOverride;
    this.source = b.source;
    this.clock = b.clock;
    this.log = b.logger != null ? b.logger : LoggerFactory.getLogger(LOGGER_NAME);
    this.interval = b.interval;
    this.resource = b.resource != null ? Map.copyOf(b.resource)
        : InventoryResource.detect(b.applicationName, b.applicationVersion, workload.id());
    this.period = new AtomicReference<>(new Period(clock.instant()));
  }

  /**
   * Starts a builder; the engine builds its inventory, applications read it with
   * {@code Guardrails.inventory()}.
   *
   * @param policies the active policy set
   * @param workload the workload
   * @return a builder
   */
  public static Builder builder(Supplier<PolicySet> policies, Workload workload) {
    return new Builder(policies, workload);
  }

  @Override
  public void onAuditEvent(AuditEvent event) {
    try {
      count(event);
    } catch (RuntimeException e) {
      failed("count a call", e);
    }
  }

  private void count(AuditEvent e) {
    Period p = period.get();
    p.calls.increment();
    String model = e.model();
    // an annotated method's own event names no model; the model call inside it does
    boolean known = !model.equals(UNKNOWN_MODEL);
    String boundedModel = known ? bounded(modelsSeen, model) : model;
    String siteId = e.callSite().isEmpty() ? "action:" + e.action() : e.callSite();
    String key = siteId + '\u0000' + e.action() + '\u0000' + model;
    SeenSite s = sitesSeen.get(key);
    if (s == null) {
      s = sitesSeen.size() >= MAX_KEYS
          ? sitesSeen.computeIfAbsent(OTHER, k -> new SeenSite(OTHER, "", ""))
          : sitesSeen.computeIfAbsent(key, k -> new SeenSite(siteId, e.action(), model));
    }
    s.calls.increment();
    for (Decision d : e.decisions()) {
      if (d.isDeny()) {
        (d.mode() == Mode.MONITOR ? p.monitoredDenials : p.denials)
            .computeIfAbsent(d.phase().name(), k -> new LongAdder()).increment();
      }
    }
    if (known && (e.inputTokens() > 0 || e.outputTokens() > 0)) {
      LongAdder[] t = p.tokens.get(boundedModel);
      if (t == null) {
        t = p.tokens.size() >= MAX_KEYS ? p.tokens.computeIfAbsent(OTHER, k -> adders())
            : p.tokens.computeIfAbsent(boundedModel, k -> adders());
      }
      t[0].add(e.inputTokens());
      t[1].add(e.outputTokens());
    }
    String user = e.userFingerprint();
    if (user != null && !user.isEmpty()) {
      p.callers.add(fingerprintBits(user));
    }
  }

  private static long fingerprintBits(String fingerprint) {
    try {
      return Long.parseUnsignedLong(fingerprint, 16);
    } catch (NumberFormatException e) {
      return fingerprint.hashCode() * 0xC2B2AE3D27D4EB4FL;
    }
  }

  private static LongAdder[] adders() {
    return new LongAdder[] {new LongAdder(), new LongAdder()};
  }

  private static String bounded(Set<String> set, String key) {
    if (set.contains(key)) {
      return key;
    }
    if (set.size() >= MAX_KEYS) {
      set.add(OTHER);
      return OTHER;
    }
    set.add(key);
    return key;
  }

  /**
   * The inventory as it stands, with the usage of the current period so far; resets nothing.
   *
   * @return the snapshot, with reason {@code snapshot}
   */
  public InventoryEvent snapshot() {
    Period p = period.get();
    return build("snapshot", clock.instant(), sequence.get(), p, p.since);
  }

  /**
   * Writes an event now: the usage since the previous event, then starts a new period. Never throws;
   * a failure is logged once.
   *
   * @param reason {@code startup}, {@code policy-change}, {@code heartbeat} or another word
   * @return the event written, or empty if writing failed
   */
  public Optional<InventoryEvent> emit(String reason) {
    Objects.requireNonNull(reason, "reason");
    try {
      Instant now = clock.instant();
      Period previous = period.getAndSet(new Period(now));
      InventoryEvent event = build(reason, now, sequence.incrementAndGet(), previous, previous.since);
      if (log.isInfoEnabled()) {
        log.info("{}", event.toJson());
      }
      return Optional.of(event);
    } catch (RuntimeException e) {
      failed("write an inventory event", e);
      return Optional.empty();
    }
  }

  /**
   * Starts writing a heartbeat event every interval, if an interval was set; {@link #close()} stops
   * it. Every inventory of the process shares one daemon thread, and an inventory that is no longer
   * referenced (an engine dropped without closing) stops its heartbeat by itself.
   */
  public synchronized void start() {
    if (interval == null || heartbeat != null) {
      return;
    }
    heartbeat = Heartbeats.schedule(this, interval);
  }

  /** Whether heartbeats are scheduled (for tests). */
  boolean heartbeatsRunning() {
    ScheduledFuture<?> h = heartbeat;
    return h != null && !h.isDone();
  }

  /**
   * The heartbeat interval, if heartbeats are written.
   *
   * @return the interval
   */
  public Optional<Duration> interval() {
    return Optional.ofNullable(interval);
  }

  /**
   * Where this process runs (OpenTelemetry resource attribute names).
   *
   * @return attributes
   */
  public Map<String, String> resource() {
    return resource;
  }

  /** Stops heartbeats. */
  @Override
  public synchronized void close() {
    ScheduledFuture<?> h = heartbeat;
    if (h != null) {
      h.cancel(false);
    }
  }

  private void failed(String what, RuntimeException e) {
    if (failureLogged.compareAndSet(false, true)) {
      problems.warn("Guardrails inventory could not {} ({}); model calls go on, further failures are not logged",
          what, e.getClass().getName());
    }
  }

  // ---- building an event ---------------------------------------------------------------------

  private InventoryEvent build(String reason, Instant now, long seq, Period p, Instant since) {
    PolicySet set = policies.get();
    String defaultAccess = lower(set.defaults().access());
    List<InventorySource.DeclaredCallSite> declared = source.callSites();
    Map<String, List<SeenSite>> seenById = new LinkedHashMap<>();
    for (SeenSite s : sitesSeen.values()) {
      seenById.computeIfAbsent(s.id, k -> new ArrayList<>()).add(s);
    }
    Set<String> configured = new TreeSet<>();
    List<InventoryEvent.CallSite> sites = new ArrayList<>();
    Set<String> declaredIds = new LinkedHashSet<>();
    for (InventorySource.DeclaredCallSite d : declared) {
      if (!declaredIds.add(d.id() + '\u0000' + d.kind())) {
        continue;
      }
      if (!d.model().isEmpty()) {
        configured.add(d.model());
      }
      List<SeenSite> seen = seenById.getOrDefault(d.id(), List.of());
      long calls = 0;
      Set<String> models = new TreeSet<>();
      for (SeenSite s : seen) {
        // the annotated method's own event and the model call inside it share the call site
        calls = Math.max(calls, s.calls.sum());
        if (!s.model.equals(UNKNOWN_MODEL)) {
          models.add(s.model);
        }
      }
      if (!d.model().isEmpty()) {
        models = Set.of(d.model());
      }
      sites.add(new InventoryEvent.CallSite(d.id(), d.kind(), d.action(), d.model(), calls,
          controls(set, d.action(), d.model(), models)));
    }
    Set<String> declaredOnly = new TreeSet<>();
    declared.forEach(d -> declaredOnly.add(d.id()));
    List<SeenSite> learnt = new ArrayList<>();
    for (SeenSite s : sitesSeen.values()) {
      if (!declaredOnly.contains(s.id)) {
        learnt.add(s);
      }
    }
    learnt.sort((a, b) -> (a.id + a.action + a.model).compareTo(b.id + b.action + b.model));
    for (SeenSite s : learnt) {
      sites.add(new InventoryEvent.CallSite(s.id, "seen", s.action, s.model, s.calls.sum(),
          controls(set, s.action, s.model, Set.of(s.model))));
    }
    List<InventoryEvent.ModelBean> unguarded = new ArrayList<>();
    for (InventorySource.DeclaredModelBean b : source.modelBeans()) {
      if (!b.guarded()) {
        unguarded.add(new InventoryEvent.ModelBean(b.name(), b.type(), b.how()));
      }
    }
    List<InventoryEvent.Edge> edges = new ArrayList<>();
    for (EdgeControl e : set.edgeControls()) {
      edges.add(new InventoryEvent.Edge(e.id(), e.control(), e.enforcedBy(),
          e.models().stream().map(Glob::pattern).toList()));
    }
    Map<String, Map<String, Long>> tokens = new TreeMap<>();
    p.tokens.forEach((k, v) -> tokens.put(k, Map.of("input", v[0].sum(), "output", v[1].sum())));
    InventoryEvent.Usage usage = new InventoryEvent.Usage(since, p.calls.sum(), sums(p.denials),
        sums(p.monitoredDenials), tokens, p.callers.estimate(), p.callers.saturated());
    InventoryEvent.Policy policy = new InventoryEvent.Policy(set.version(), set.sources(), set.policies().size(),
        defaultAccess, modeOverride == null ? "" : lower(modeOverride));
    return new InventoryEvent(reason, now, seq, resource, workload.id(),
        workload.attributes().getOrDefault("source", ""), policy, List.copyOf(configured),
        List.copyOf(new TreeSet<>(modelsSeen)), sites, unguarded, edges, usage);
  }

  private static Map<String, Long> sums(Map<String, LongAdder> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /**
   * The controls of every policy that can apply at a call site with this action and model, in this
   * workload. An unknown action or model (empty) keeps policies that select one, marked conditional.
   */
  InventoryEvent.Controls controls(PolicySet set, String action, String model, Set<String> models) {
    List<InventoryEvent.AccessRule> access = new ArrayList<>();
    List<InventoryEvent.DetectorRule> input = new ArrayList<>();
    List<InventoryEvent.DetectorRule> output = new ArrayList<>();
    List<InventoryEvent.ToolRule> tools = new ArrayList<>();
    List<InventoryEvent.LimitRule> limits = new ArrayList<>();
    Set<String> modes = new TreeSet<>();
    for (Policy p : set.policies()) {
      PolicyMatch m = p.match();
      boolean conditional = !m.subjects().isEmpty() || !m.roles().isEmpty() || !m.groups().isEmpty()
          || !m.tenants().isEmpty() || m.userPresence() != PolicyMatch.UserPresence.ANY || !m.data().isEmpty()
          || !m.attributes().isEmpty();
      if (!m.workloads().isEmpty() && !any(m.workloads(), workload.id())) {
        continue;
      }
      if (!m.actions().isEmpty()) {
        if (action.isEmpty()) {
          conditional = true;
        } else if (!m.matchesAction(action)) {
          continue;
        }
      }
      if (!m.models().isEmpty()) {
        if (model.isEmpty() || model.equals("unknown:unknown")) {
          conditional = true;
        } else if (!any(m.models(), model)) {
          continue;
        }
      }
      Mode policyMode = modeOverride != null ? modeOverride : p.mode() != null ? p.mode() : set.defaults().mode();
      modes.add(lower(policyMode));
      if (p.access() != null) {
        access.add(new InventoryEvent.AccessRule(p.id(), lower(p.access()), conditional));
      }
      for (Check c : p.input()) {
        input.add(rule(p, c, policyMode));
      }
      for (Check c : p.output()) {
        output.add(rule(p, c, policyMode));
      }
      ToolRules t = p.tools();
      if (!t.allow().isEmpty() || !t.deny().isEmpty() || !t.arguments().isEmpty()) {
        tools.add(new InventoryEvent.ToolRule(p.id(), t.allow().stream().map(Glob::pattern).toList(),
            t.deny().stream().map(Glob::pattern).toList(),
            t.arguments().stream().map(c -> c.detector().name() + ":" + lower(c.action())).toList()));
      }
      for (LimitRule l : p.limits()) {
        limits.add(new InventoryEvent.LimitRule(p.id(), limit(l)));
      }
    }
    if (modes.isEmpty()) {
      modes.add(lower(modeOverride != null ? modeOverride : set.defaults().mode()));
    }
    List<String> edge = new ArrayList<>();
    for (EdgeControl e : set.edgeControls()) {
      for (String mm : models) {
        if (!mm.isEmpty() && e.covers(mm)) {
          edge.add(e.id());
          break;
        }
      }
    }
    return new InventoryEvent.Controls(modes.size() == 1 ? modes.iterator().next() : "mixed",
        lower(set.defaults().access()), access, input, output, tools, limits, edge);
  }

  /** A limit as a policy file writes it: {@code requests 3/1m per user}. */
  static String limit(LimitRule l) {
    StringBuilder sb = new StringBuilder(l.kind().label()).append(' ').append(l.amount());
    Duration period = l.period();
    if (period != null) {
      long s = period.getSeconds();
      String p = s % 86400 == 0 ? s / 86400 + "d" : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m"
          : s + "s";
      sb.append('/').append(p);
    }
    if (!l.key().isEmpty()) {
      sb.append(" per ").append(String.join("+", l.key().stream()
          .map(k -> k.name().toLowerCase(Locale.ROOT)).toList()));
    }
    return sb.toString();
  }

  private static InventoryEvent.DetectorRule rule(Policy p, Check c, Mode policyMode) {
    Mode m = c.mode() != null ? c.mode() : policyMode;
    return new InventoryEvent.DetectorRule(p.id(), c.detector().name(), lower(c.action()), lower(m));
  }

  private static boolean any(List<Glob> globs, String value) {
    for (Glob g : globs) {
      if (g.matches(value)) {
        return true;
      }
    }
    return false;
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** The one daemon thread that writes every inventory's heartbeats. */
  private static final class Heartbeats {
    private static final ScheduledThreadPoolExecutor EXECUTOR = executor();

    private static ScheduledThreadPoolExecutor executor() {
      ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "guardrails-inventory");
        t.setDaemon(true);
        return t;
      });
      e.setRemoveOnCancelPolicy(true);
      return e;
    }

    static ScheduledFuture<?> schedule(Inventory inventory, Duration interval) {
      // a weak reference, so that the schedule does not keep a dropped engine alive
      WeakReference<Inventory> ref = new WeakReference<>(inventory);
      AtomicReference<@Nullable ScheduledFuture<?>> self = new AtomicReference<>();
      long ms = interval.toMillis();
      ScheduledFuture<?> f = EXECUTOR.scheduleAtFixedRate(() -> {
        Inventory i = ref.get();
        if (i != null) {
          i.emit("heartbeat");
        } else {
          ScheduledFuture<?> me = self.get();
          if (me != null) {
            me.cancel(false);
          }
        }
      }, ms, ms, TimeUnit.MILLISECONDS);
      self.set(f);
      return f;
    }
  }

  /** One call site seen at run time, with its action and model. */
  private static final class SeenSite {
    final String id;
    final String action;
    final String model;
    final LongAdder calls = new LongAdder();

    SeenSite(String id, String action, String model) {
      this.id = id;
      this.action = action;
      this.model = model;
    }
  }

  /** The usage counted between two events. */
  private static final class Period {
    final Instant since;
    final LongAdder calls = new LongAdder();
    final ConcurrentHashMap<String, LongAdder> denials = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, LongAdder> monitoredDenials = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, LongAdder[]> tokens = new ConcurrentHashMap<>();
    final DistinctCounter callers = new DistinctCounter();

    Period(Instant since) {
      this.since = since;
    }
  }

  /** Builds an {@link Inventory}. */
  public static final class Builder {
    private final Supplier<PolicySet> policies;
    private final Workload workload;
    private @Nullable Mode modeOverride;
    private InventorySource source = InventorySource.NONE;
    private @Nullable Map<String, String> resource;
    private @Nullable String applicationName;
    private @Nullable String applicationVersion;
    private Clock clock = Clock.systemUTC();
    private @Nullable Logger logger;
    private @Nullable Duration interval = DEFAULT_INTERVAL;

    private Builder(Supplier<PolicySet> policies, Workload workload) {
      this.policies = Objects.requireNonNull(policies, "policies");
      this.workload = Objects.requireNonNull(workload, "workload");
    }

    /**
     * The engine's mode override.
     *
     * @param mode the override, or null
     * @return this
     */
    public Builder modeOverride(@Nullable Mode mode) {
      this.modeOverride = mode;
      return this;
    }

    /**
     * What a framework declares (call sites, model beans).
     *
     * @param source the source
     * @return this
     */
    public Builder source(InventorySource source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * A fixed resource instead of detecting one from the environment.
     *
     * @param resource attributes
     * @return this
     */
    public Builder resource(Map<String, String> resource) {
      this.resource = Objects.requireNonNull(resource, "resource");
      return this;
    }

    /**
     * The application's name and version, for {@code service.name} and {@code service.version}
     * (OpenTelemetry variables win).
     *
     * @param name the name, or null
     * @param version the version, or null
     * @return this
     */
    public Builder application(@Nullable String name, @Nullable String version) {
      this.applicationName = name;
      this.applicationVersion = version;
      return this;
    }

    /**
     * The clock of event times.
     *
     * @param clock the clock
     * @return this
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The logger events go to (default {@value Inventory#LOGGER_NAME}).
     *
     * @param logger the logger
     * @return this
     */
    public Builder logger(Logger logger) {
      this.logger = Objects.requireNonNull(logger, "logger");
      return this;
    }

    /**
     * The heartbeat interval, or null for no heartbeats.
     *
     * @param interval at least one second, or null
     * @return this
     * @throws IllegalArgumentException for an interval under one second
     */
    public Builder interval(@Nullable Duration interval) {
      if (interval != null && interval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("inventory interval must be at least 1s, got " + interval);
      }
      this.interval = interval;
      return this;
    }

    /**
     * Builds the inventory (heartbeats start with {@link Inventory#start()}).
     *
     * @return the inventory
     */
    public Inventory build() {
      return new Inventory(this);
    }
  }
}
