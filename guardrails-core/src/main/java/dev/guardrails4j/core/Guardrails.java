package dev.guardrails4j.core;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.api.spi.CallerResolver;
import dev.guardrails4j.api.spi.DecisionListener;
import dev.guardrails4j.api.spi.PolicySource;
import dev.guardrails4j.core.audit.Fingerprints;
import dev.guardrails4j.core.audit.Slf4jAuditListener;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.inventory.Inventory;
import dev.guardrails4j.core.inventory.InventorySource;
import dev.guardrails4j.core.limit.InMemoryLimiter;
import dev.guardrails4j.core.limit.Limiter;
import dev.guardrails4j.core.limit.ProviderGuard;
import dev.guardrails4j.core.policy.FilePolicySource;
import dev.guardrails4j.core.policy.OnError;
import dev.guardrails4j.core.policy.PolicyReloader;
import dev.guardrails4j.core.policy.PolicySet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Guardrails4j engine. Build one per application and share it: it is immutable and
 * thread-safe.
 *
 * <pre>{@code
 * Guardrails guardrails = Guardrails.builder()
 *     .policyFile(Path.of("guardrails.yaml"))
 *     .workload(Workload.of("spiffe://example.org/ns/support/sa/api"))
 *     .build();
 *
 * try (GuardedCall call = guardrails.start(invocation)) {   // access and limits
 *   List<Message> safe = call.checkInput();                 // redacted messages to send
 *   String answer = model.chat(safe);
 *   return call.checkOutput(answer);                        // redacted, restored answer
 * }
 * }</pre>
 *
 * <p>Every phase that blocks throws {@link dev.guardrails4j.api.GuardrailViolationException}
 * carrying the {@link dev.guardrails4j.api.Decision}. Closing the call emits one audit event.
 */
public final class Guardrails implements AutoCloseable {

  final Supplier<PolicySet> policies;
  final @Nullable PolicyReloader reloader;
  final Workload workload;
  final CallerResolver callerResolver;
  /** What every guarded call needs from the engine. */
  final CallSettings settings;
  private final @Nullable ScheduledExecutorService poller;
  private final Inventory inventory;

  private Guardrails(Builder b, Supplier<PolicySet> policies, @Nullable PolicyReloader reloader) {
    this.policies = policies;
    this.reloader = reloader;
    this.workload = b.workload;
    this.callerResolver = b.callerResolver;
    this.inventory = Inventory.builder(policies, b.workload)
        .modeOverride(b.mode)
        .source(b.inventorySource)
        .application(b.applicationName, b.applicationVersion)
        .clock(b.clock)
        .interval(b.inventoryEvents ? b.inventoryInterval : null)
        .build();
    List<DecisionListener> ls = new ArrayList<>(b.listeners);
    if (b.auditLog) {
      ls.add(0, new Slf4jAuditListener());
    }
    // the inventory never throws, so it cannot block a call under listenerFailure(BLOCK)
    ls.add(inventory);
    byte[] salt = b.salt != null ? b.salt : CallSettings.randomSalt();
    // The same salt as audit fingerprints, so a user in a limit's key matches the audit events.
    Limiter limiter = b.limiter != null ? b.limiter
        : InMemoryLimiter.builder().clock(b.clock).userKeySalt(salt).build();
    Limiter fallbackLimiter = b.limiter == null ? null
        : InMemoryLimiter.builder().clock(b.clock).userKeySalt(salt).build();
    ProviderGuard providerGuard = b.providerGuard != null ? b.providerGuard : ProviderGuard.inMemory(b.clock);
    this.settings = new CallSettings(ls.toArray(new DecisionListener[0]), limiter, fallbackLimiter,
        providerGuard, b.clock, b.mode, b.rawContent, b.streamWindow, b.listenerFailure, new Fingerprints(salt),
        salt, b.checkBudget);
    this.poller = reloader != null && b.reloadInterval != null
        ? PolicyPoller.start(reloader, b.reloadInterval, b.reloadSettle, b.clock) : null;
    if (b.inventoryEvents) {
      if (reloader != null) {
        reloader.onChange(set -> inventory.emit("policy-change"));
      }
      if (b.inventoryEventOnBuild) {
        inventory.emit("startup");
      }
      inventory.start();
    }
  }

  /**
   * Starts a builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a guarded call: evaluates access and limits. Close the returned call (try-with-resources)
   * to release limits and emit the audit event.
   *
   * @param invocation the call
   * @return the call in progress
   * @throws dev.guardrails4j.api.GuardrailViolationException if access is denied or a limit is
   *     reached (in enforce mode); the audit event is emitted before it is thrown
   */
  public GuardedCall start(Invocation invocation) {
    Objects.requireNonNull(invocation, "invocation");
    GuardedCall call = new GuardedCall(settings, policies.get(), invocation);
    call.begin();
    return call;
  }

  /**
   * Starts a call for checks made outside a model call, for example an AI service's output
   * guardrail or a tool the model asked for: evaluates access as {@link #start(Invocation)} does,
   * but takes no limits (these checks are not model requests, and the model call they belong to is
   * counted where it is made). Close the call to emit its audit event.
   *
   * @param invocation the call
   * @return the call in progress
   * @throws dev.guardrails4j.api.GuardrailViolationException if access is denied (in enforce
   *     mode); the audit event is emitted before it is thrown
   */
  public GuardedCall startChecks(Invocation invocation) {
    Objects.requireNonNull(invocation, "invocation");
    GuardedCall call = new GuardedCall(settings, policies.get(), invocation);
    call.beginAccess();
    return call;
  }

  /**
   * The tools of {@code offered} the invocation's caller may use, as {@link
   * GuardedCall#allowedTools(List)} decides, without starting a call: no access decision, no
   * limits, no audit event. For adapters that list tools before any model call (a tool provider).
   *
   * @param invocation the call the tools would be offered in
   * @param offered tool names
   * @return the allowed ones, in order
   */
  public List<String> allowedTools(Invocation invocation, List<String> offered) {
    Objects.requireNonNull(invocation, "invocation");
    Objects.requireNonNull(offered, "offered");
    return new GuardedCall(settings, policies.get(), invocation).allowedTools(offered);
  }

  /**
   * An invocation builder filled from the current {@link GuardContext}: the caller (or the
   * {@link CallerResolver}, or the workload alone), the action, the model override, the call site,
   * data labels and attributes.
   *
   * @param derivedModel the model the adapter knows; a model set in the context wins
   * @return a builder
   */
  public Invocation.Builder invocation(ModelRef derivedModel) {
    GuardContext.Frame f = GuardContext.current();
    ModelRef model = f.model() != null ? f.model() : derivedModel;
    Invocation.Builder b = Invocation.builder(currentCaller(), model);
    if (f.action() != null) {
      b.action(f.action());
    }
    b.callSite(f.callSite());
    b.dataLabels(f.dataLabels());
    f.attributes().forEach(b::attribute);
    return b;
  }

  /**
   * The caller of the current thread: from {@link GuardContext}, else from the caller resolver,
   * else the workload acting on its own behalf.
   *
   * @return the caller
   */
  public Caller currentCaller() {
    Caller c = GuardContext.current().caller();
    if (c != null) {
      return c;
    }
    Optional<Caller> resolved = callerResolver.resolve();
    return resolved.orElseGet(() -> Caller.of(workload));
  }

  /**
   * Where limit counters live and whether that store answers (may call the store).
   *
   * @return the limiter's status
   */
  public Limiter.Status limitStatus() {
    return settings.limiter().status();
  }

  /**
   * The active policy set.
   *
   * @return the policy set
   */
  public PolicySet policySet() {
    return policies.get();
  }

  /**
   * The reloader, when policies come from a source.
   *
   * @return the reloader
   */
  public Optional<PolicyReloader> reloader() {
    return Optional.ofNullable(reloader);
  }

  /**
   * The workload identity.
   *
   * @return the workload
   */
  public Workload workload() {
    return workload;
  }

  /**
   * How long one content check may run.
   *
   * @return the budget
   */
  public CheckBudget checkBudget() {
    return settings.checkBudget();
  }

  /**
   * The overall mode override, if any.
   *
   * @return the override
   */
  public Optional<Mode> modeOverride() {
    return Optional.ofNullable(settings.modeOverride());
  }

  /**
   * The inventory: where AI runs in this process and the controls in force there, written as
   * inventory events on the logger {@value Inventory#LOGGER_NAME} unless
   * {@link Builder#inventoryEvents(boolean)} switched them off; {@link Inventory#snapshot()} reads
   * it at any time.
   *
   * @return the inventory
   */
  public Inventory inventory() {
    return inventory;
  }

  /** Stops policy polling and inventory heartbeats. */
  @Override
  public void close() {
    if (poller != null) {
      poller.shutdownNow();
    }
    inventory.close();
  }

  /**
   * Builds {@link Guardrails}. Each option may be set once; setting one twice, or combining
   * options that contradict each other, throws at once.
   */
  public static final class Builder {
    private @Nullable PolicySet policySet;
    private @Nullable PolicySource source;
    private @Nullable Duration reloadInterval;
    private Duration reloadSettle = Duration.ofSeconds(1);
    private boolean reloadSettleSet;
    private @Nullable DetectorCatalog catalog;
    private Workload workload = Workload.UNKNOWN;
    private boolean workloadSet;
    private CallerResolver callerResolver = CallerResolver.NONE;
    private boolean callerResolverSet;
    private final List<DecisionListener> listeners = new ArrayList<>();
    private boolean auditLog = true;
    private boolean auditLogSet;
    private boolean rawContent;
    private @Nullable Mode mode;
    private @Nullable Limiter limiter;
    private @Nullable ProviderGuard providerGuard;
    private Clock clock = Clock.systemUTC();
    private boolean clockSet;
    private int streamWindow = 256;
    private boolean streamWindowSet;
    private OnError listenerFailure = OnError.BLOCK;
    private boolean listenerFailureSet;
    private byte @Nullable [] salt;
    private CheckBudget checkBudget = CheckBudget.DEFAULT;
    private boolean checkBudgetSet;
    private boolean inventoryEvents = true;
    private boolean inventoryEventsSet;
    private Duration inventoryInterval = Inventory.DEFAULT_INTERVAL;
    private boolean inventoryIntervalSet;
    private boolean inventoryEventOnBuild = true;
    private boolean inventoryEventOnBuildSet;
    private InventorySource inventorySource = InventorySource.NONE;
    private boolean inventorySourceSet;
    private @Nullable String applicationName;
    private @Nullable String applicationVersion;
    private boolean applicationSet;

    private Builder() {}

    private static void once(boolean set, String option) {
      if (set) {
        throw new IllegalStateException(option + " was already set");
      }
    }

    /**
     * Uses a fixed policy set.
     *
     * @param set the policy set
     * @return this
     */
    public Builder policies(PolicySet set) {
      once(policySet != null || source != null, "policies");
      this.policySet = Objects.requireNonNull(set, "set");
      return this;
    }

    /**
     * Reads policies from a source (reloadable with {@link #reloadEvery(Duration)}).
     *
     * @param source the source
     * @return this
     */
    public Builder policySource(PolicySource source) {
      once(policySet != null || this.source != null, "policies");
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Reads policies from files or directories.
     *
     * @param paths files or directories
     * @return this
     */
    public Builder policyFile(Path... paths) {
      return policySource(FilePolicySource.of(paths));
    }

    /**
     * Polls the policy source and swaps in valid changes; invalid changes are logged and the last
     * good set stays active.
     *
     * @param interval how often to look, at least 100 ms
     * @return this
     */
    public Builder reloadEvery(Duration interval) {
      once(reloadInterval != null, "reloadEvery");
      Objects.requireNonNull(interval, "interval");
      if (interval.toMillis() < 100) {
        throw new IllegalArgumentException("reload interval must be at least 100 ms, got " + interval);
      }
      this.reloadInterval = interval;
      return this;
    }

    /**
     * How long a changed policy source must stay unchanged before polling applies it (default
     * 1 s): a file caught half-written is never applied, the whole one is, one poll later. See
     * {@link PolicyReloader#poll}.
     *
     * @param settle zero or more, at most one hour
     * @return this
     */
    public Builder reloadSettle(Duration settle) {
      Objects.requireNonNull(settle, "settle");
      once(reloadSettleSet, "reloadSettle");
      if (settle.isNegative() || settle.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("reloadSettle must be between 0 and 1 h, got " + settle);
      }
      this.reloadSettle = settle;
      reloadSettleSet = true;
      return this;
    }

    /**
     * The detectors policy files may name (default: built-in plus ServiceLoader).
     *
     * @param catalog the catalog
     * @return this
     */
    public Builder detectors(DetectorCatalog catalog) {
      once(this.catalog != null, "detectors");
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /**
     * The workload identity (see {@code WorkloadIdentities} for SPIFFE and Kubernetes).
     *
     * @param workload the workload
     * @return this
     */
    public Builder workload(Workload workload) {
      once(workloadSet, "workload");
      this.workload = Objects.requireNonNull(workload, "workload");
      workloadSet = true;
      return this;
    }

    /**
     * How to find the user when no {@link GuardContext} names a caller.
     *
     * @param resolver the resolver
     * @return this
     */
    public Builder callerResolver(CallerResolver resolver) {
      once(callerResolverSet, "callerResolver");
      this.callerResolver = Objects.requireNonNull(resolver, "resolver");
      callerResolverSet = true;
      return this;
    }

    /**
     * Adds a listener (metrics, audit sinks, test recorders).
     *
     * @param listener the listener
     * @return this
     */
    public Builder listener(DecisionListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Whether to write audit events to SLF4J (default true).
     *
     * @param enabled whether to
     * @return this
     */
    public Builder auditLog(boolean enabled) {
      once(auditLogSet, "auditLog");
      this.auditLog = enabled;
      auditLogSet = true;
      return this;
    }

    /**
     * Puts raw prompts and answers into audit events. Off by default: switch it on only where the
     * audit store may hold personal data and secrets.
     *
     * @param enabled whether to
     * @return this
     */
    public Builder rawContentInAudit(boolean enabled) {
      this.rawContent = enabled;
      return this;
    }

    /**
     * Overrides every policy's mode; {@link Mode#MONITOR} makes everything shadow mode.
     *
     * @param mode the mode
     * @return this
     */
    public Builder mode(Mode mode) {
      once(this.mode != null, "mode");
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * The limiter (default: in-process, on Resilience4j). When a shared store's limiter (for
     * example {@code RedisLimiter} from {@code guardrails-redis}) throws a
     * {@link dev.guardrails4j.core.limit.LimitStoreException}, the policy set's {@code on-error}
     * decides: {@code block} refuses the call, {@code allow} counts it with an in-process limiter
     * instead, and the limits decision says which.
     *
     * @param limiter the limiter
     * @return this
     */
    public Builder limiter(Limiter limiter) {
      once(this.limiter != null, "limiter");
      this.limiter = Objects.requireNonNull(limiter, "limiter");
      return this;
    }

    /**
     * The provider guard (default: in-process circuit breakers and time limits).
     *
     * @param guard the guard
     * @return this
     */
    public Builder providerGuard(ProviderGuard guard) {
      once(this.providerGuard != null, "providerGuard");
      this.providerGuard = Objects.requireNonNull(guard, "guard");
      return this;
    }

    /**
     * The clock for limits and timestamps (tests inject one instead of sleeping).
     *
     * @param clock the clock
     * @return this
     */
    public Builder clock(Clock clock) {
      once(clockSet, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      clockSet = true;
      return this;
    }

    /**
     * How long one content check (one detector over one text) may run before it is stopped and
     * counts as a detector failure, so the policy's {@code on-error} applies (default {@link
     * CheckBudget#DEFAULT}: 2 ms per KiB, at least 100 ms, at most 2 s). Bounds the checks whose
     * cost a policy author controls, such as {@code pattern} regular expressions.
     *
     * @param budget the budget
     * @return this
     */
    public Builder checkBudget(CheckBudget budget) {
      once(checkBudgetSet, "checkBudget");
      this.checkBudget = Objects.requireNonNull(budget, "budget");
      checkBudgetSet = true;
      return this;
    }

    /**
     * How many characters a streamed answer holds back so that a value split across chunks is
     * found before any of it is released (default 256). Values longer than this may be
     * partly released before they are recognised.
     *
     * @param chars between 16 and 65536
     * @return this
     */
    public Builder streamWindow(int chars) {
      once(streamWindowSet, "streamWindow");
      if (chars < 16 || chars > 65536) {
        throw new IllegalArgumentException("streamWindow must be between 16 and 65536, got " + chars);
      }
      this.streamWindow = chars;
      streamWindowSet = true;
      return this;
    }

    /**
     * What a failing listener does: {@link OnError#BLOCK} (default) withholds the call's result.
     *
     * @param onError the behaviour
     * @return this
     */
    public Builder listenerFailure(OnError onError) {
      once(listenerFailureSet, "listenerFailure");
      this.listenerFailure = Objects.requireNonNull(onError, "onError");
      listenerFailureSet = true;
      return this;
    }

    /**
     * The salt of user and content fingerprints in audit events. Use the same salt on every
     * replica to correlate events; default: random per process.
     *
     * @param secret at least 16 characters
     * @return this
     */
    public Builder fingerprintSalt(String secret) {
      Objects.requireNonNull(secret, "secret");
      if (secret.length() < 16) {
        throw new IllegalArgumentException("fingerprintSalt must have at least 16 characters");
      }
      this.salt = secret.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /**
     * Whether to write inventory events on the logger {@value Inventory#LOGGER_NAME}: at build, after
     * every policy change and every {@link #inventoryInterval(Duration)} (default true). The
     * inventory is counted either way, for {@link Guardrails#inventory()}.
     *
     * @param enabled whether to
     * @return this
     */
    public Builder inventoryEvents(boolean enabled) {
      once(inventoryEventsSet, "inventoryEvents");
      this.inventoryEvents = enabled;
      inventoryEventsSet = true;
      return this;
    }

    /**
     * How often to write a heartbeat inventory event with the usage since the previous one
     * (default 10 minutes).
     *
     * @param interval at least one second
     * @return this
     * @throws IllegalArgumentException for an interval under one second
     */
    public Builder inventoryInterval(Duration interval) {
      once(inventoryIntervalSet, "inventoryInterval");
      Objects.requireNonNull(interval, "interval");
      if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("inventoryInterval must be at least 1s, got " + interval
            + "; switch inventory events off with inventoryEvents(false)");
      }
      this.inventoryInterval = interval;
      inventoryIntervalSet = true;
      return this;
    }

    /**
     * Whether {@link #build()} writes the startup inventory event (default true). Frameworks that
     * find call sites after the engine is built switch it off and call
     * {@code guardrails.inventory().emit("startup")} once the application is ready.
     *
     * @param enabled whether to
     * @return this
     */
    public Builder inventoryEventOnBuild(boolean enabled) {
      once(inventoryEventOnBuildSet, "inventoryEventOnBuild");
      this.inventoryEventOnBuild = enabled;
      inventoryEventOnBuildSet = true;
      return this;
    }

    /**
     * What a framework declares for inventory events: call sites and model beans known before any
     * call (default: none; call sites are then learnt from calls).
     *
     * @param source the source
     * @return this
     */
    public Builder inventorySource(InventorySource source) {
      once(inventorySourceSet, "inventorySource");
      this.inventorySource = Objects.requireNonNull(source, "source");
      inventorySourceSet = true;
      return this;
    }

    /**
     * The application's name and version for inventory events ({@code service.name},
     * {@code service.version}); {@code OTEL_SERVICE_NAME} and {@code OTEL_RESOURCE_ATTRIBUTES} win.
     *
     * @param name the name
     * @param version the version, or null when unknown
     * @return this
     */
    public Builder application(String name, @Nullable String version) {
      once(applicationSet, "application");
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("application name must not be blank");
      }
      this.applicationName = name;
      this.applicationVersion = version;
      applicationSet = true;
      return this;
    }

    /**
     * Builds the engine.
     *
     * @return the engine
     * @throws IllegalStateException if no policies were given
     * @throws dev.guardrails4j.core.policy.PolicyException if the policy source is invalid
     * @throws java.io.UncheckedIOException if the policy source cannot be read
     */
    public Guardrails build() {
      if (policySet == null && source == null) {
        throw new IllegalStateException(
            "no policies: call policies(PolicySet), policyFile(Path) or policySource(PolicySource)");
      }
      if (reloadInterval != null && source == null) {
        throw new IllegalStateException("reloadEvery needs a policy source, not a fixed PolicySet");
      }
      if (policySet != null) {
        PolicySet fixed = policySet;
        return new Guardrails(this, () -> fixed, null);
      }
      PolicyReloader reloader = new PolicyReloader(source,
          catalog == null ? DetectorCatalog.standard() : catalog);
      return new Guardrails(this, reloader, reloader);
    }
  }
}
