package dev.guardrails4j.core.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One inventory event: where AI runs in this process, with the controls in force at each call site
 * and the usage since the previous event. It holds names from code, configuration and policy files,
 * counts and fingerprint-derived estimates; never a prompt, an answer or a user id.
 *
 * <p>{@link #toJson()} writes it as one line of JSON (schema version {@value #SCHEMA_VERSION},
 * documented in {@code docs/inventory.md}); its first member is always
 * {@code "event":"guardrails.inventory"}.
 *
 * @param reason why it was written: {@code startup}, {@code policy-change} or {@code heartbeat}
 * @param time when
 * @param sequence 1 for the first event of this process, counting up
 * @param resource where the process runs (OpenTelemetry resource attribute names)
 * @param workload the workload identity
 * @param workloadSource where the identity came from, or an empty string
 * @param policy the active policy set
 * @param modelsConfigured models named in code or configuration ({@code provider:name})
 * @param modelsSeen models seen in guarded calls since startup
 * @param callSites call sites, each with the controls in force there
 * @param unguardedModelBeans model beans calls through which are not guarded
 * @param edgeControls controls declared as enforced outside the process
 * @param usage usage since the previous event
 */
public record InventoryEvent(
    String reason,
    Instant time,
    long sequence,
    Map<String, String> resource,
    String workload,
    String workloadSource,
    Policy policy,
    List<String> modelsConfigured,
    List<String> modelsSeen,
    List<CallSite> callSites,
    List<ModelBean> unguardedModelBeans,
    List<Edge> edgeControls,
    Usage usage) {

  /** The value of the {@code event} member. */
  public static final String EVENT = "guardrails.inventory";

  /** The version of the JSON shape. */
  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Validates and copies. */
  public InventoryEvent {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(workloadSource, "workloadSource");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(usage, "usage");
    resource = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resource));
    modelsConfigured = List.copyOf(modelsConfigured);
    modelsSeen = List.copyOf(modelsSeen);
    callSites = List.copyOf(callSites);
    unguardedModelBeans = List.copyOf(unguardedModelBeans);
    edgeControls = List.copyOf(edgeControls);
  }

  /**
   * The active policy set.
   *
   * @param version its version hash
   * @param sources the documents it was built from
   * @param policies how many policies it has
   * @param defaultAccess what happens when no policy decides ({@code allow} or {@code deny})
   * @param modeOverride {@code monitor} when every policy is overridden to shadow mode, else empty
   */
  public record Policy(String version, List<String> sources, int policies, String defaultAccess,
      String modeOverride) {

    /** Validates and copies. */
    public Policy {
      Objects.requireNonNull(version, "version");
      sources = List.copyOf(sources);
      Objects.requireNonNull(defaultAccess, "defaultAccess");
      Objects.requireNonNull(modeOverride, "modeOverride");
    }
  }

  /**
   * A place where model calls are made, and what holds there.
   *
   * @param id the call site ({@code Class#method}), or {@code action:NAME} for calls seen without one
   * @param kind {@code annotated-method}, {@code model-bean} or {@code seen} (learnt from calls)
   * @param action the business action, or an empty string
   * @param model the model, or an empty string when not fixed
   * @param calls guarded calls through it since startup
   * @param controls the controls in force
   */
  public record CallSite(String id, String kind, String action, String model, long calls, Controls controls) {

    /** Validates. */
    public CallSite {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(controls, "controls");
    }
  }

  /**
   * The controls in force at a call site: those of every policy whose action, model and workload
   * selectors can match it. A policy that also selects users, tenants, data or attributes applies to
   * some of the calls only and is marked {@code conditional}.
   *
   * @param mode {@code enforce}, {@code monitor} or {@code mixed}
   * @param defaultAccess what happens when no policy allows or denies
   * @param access access rules
   * @param input input checks
   * @param output output checks
   * @param tools tool rules
   * @param limits limits
   * @param edge ids of edge controls that cover the call site's model
   */
  public record Controls(String mode, String defaultAccess, List<AccessRule> access, List<DetectorRule> input,
      List<DetectorRule> output, List<ToolRule> tools, List<LimitRule> limits, List<String> edge) {

    /** Validates and copies. */
    public Controls {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(defaultAccess, "defaultAccess");
      access = List.copyOf(access);
      input = List.copyOf(input);
      output = List.copyOf(output);
      tools = List.copyOf(tools);
      limits = List.copyOf(limits);
      edge = List.copyOf(edge);
    }

    /**
     * Whether any policy of the workload applies here.
     *
     * @return true if some access rule, check, tool rule or limit holds
     */
    public boolean any() {
      return !access.isEmpty() || !input.isEmpty() || !output.isEmpty() || !tools.isEmpty() || !limits.isEmpty();
    }
  }

  /**
   * An access rule.
   *
   * @param policy the policy id
   * @param access {@code allow} or {@code deny}
   * @param conditional whether it applies to some callers or data only
   */
  public record AccessRule(String policy, String access, boolean conditional) {

    /** Validates. */
    public AccessRule {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(access, "access");
    }
  }

  /**
   * A content check.
   *
   * @param policy the policy id
   * @param detector the detector name
   * @param action {@code block}, {@code redact} or {@code monitor}
   * @param mode {@code enforce} or {@code monitor}
   */
  public record DetectorRule(String policy, String detector, String action, String mode) {

    /** Validates. */
    public DetectorRule {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(detector, "detector");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(mode, "mode");
    }
  }

  /**
   * Tool rules of one policy.
   *
   * @param policy the policy id
   * @param allow allowed tool globs
   * @param deny denied tool globs
   * @param argumentChecks detectors over tool arguments
   */
  public record ToolRule(String policy, List<String> allow, List<String> deny, List<String> argumentChecks) {

    /** Validates and copies. */
    public ToolRule {
      Objects.requireNonNull(policy, "policy");
      allow = List.copyOf(allow);
      deny = List.copyOf(deny);
      argumentChecks = List.copyOf(argumentChecks);
    }
  }

  /**
   * A limit.
   *
   * @param policy the policy id
   * @param limit the limit as written, for example {@code requests 3/PT1M per user}
   */
  public record LimitRule(String policy, String limit) {

    /** Validates. */
    public LimitRule {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(limit, "limit");
    }
  }

  /**
   * A model bean.
   *
   * @param name the bean name
   * @param type the model's class
   * @param how why it is not guarded
   */
  public record ModelBean(String name, String type, String how) {

    /** Validates. */
    public ModelBean {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(how, "how");
    }
  }

  /**
   * A control enforced outside the process.
   *
   * @param id its id
   * @param control what it does
   * @param enforcedBy what enforces it
   * @param models the model globs it covers
   */
  public record Edge(String id, String control, String enforcedBy, List<String> models) {

    /** Validates and copies. */
    public Edge {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(control, "control");
      Objects.requireNonNull(enforcedBy, "enforcedBy");
      models = List.copyOf(models);
    }
  }

  /**
   * Usage since the previous event of this process.
   *
   * @param since the previous event's time (or startup)
   * @param calls guarded calls
   * @param denials enforced denials per phase ({@code ACCESS}, {@code LIMITS}, {@code INPUT},
   *     {@code OUTPUT}, {@code TOOL})
   * @param monitoredDenials denials recorded in monitor mode, per phase
   * @param tokens estimated tokens per model, each {@code input} and {@code output}
   * @param distinctCallers distinct users (an estimate from salted fingerprints; see
   *     {@code docs/inventory.md})
   * @param distinctCallersAtLeast whether the estimate is only a lower bound
   */
  public record Usage(Instant since, long calls, Map<String, Long> denials, Map<String, Long> monitoredDenials,
      Map<String, Map<String, Long>> tokens, long distinctCallers, boolean distinctCallersAtLeast) {

    /** Validates and copies. */
    public Usage {
      Objects.requireNonNull(since, "since");
      denials = Map.copyOf(denials);
      monitoredDenials = Map.copyOf(monitoredDenials);
      Map<String, Map<String, Long>> t = new LinkedHashMap<>();
      tokens.forEach((k, v) -> t.put(k, Map.copyOf(v)));
      tokens = java.util.Collections.unmodifiableMap(t);
    }
  }

  /**
   * The event as one line of JSON.
   *
   * @return JSON
   */
  public String toJson() {
    try {
      return MAPPER.writeValueAsString(toMap());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write inventory event", e);
    }
  }

  /**
   * The event as plain maps and lists, the shape of the JSON.
   *
   * @return the map
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event", EVENT);
    m.put("schemaVersion", SCHEMA_VERSION);
    m.put("reason", reason);
    m.put("time", time.toString());
    m.put("sequence", sequence);
    m.put("resource", resource);
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("id", workload);
    w.put("source", workloadSource);
    m.put("workload", w);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("version", policy.version());
    p.put("sources", policy.sources());
    p.put("policies", policy.policies());
    p.put("defaultAccess", policy.defaultAccess());
    p.put("modeOverride", policy.modeOverride());
    m.put("policy", p);
    Map<String, Object> models = new LinkedHashMap<>();
    models.put("configured", modelsConfigured);
    models.put("seen", modelsSeen);
    m.put("models", models);
    List<Object> sites = new ArrayList<>();
    for (CallSite c : callSites) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("id", c.id());
      s.put("kind", c.kind());
      s.put("action", c.action());
      s.put("model", c.model());
      s.put("calls", c.calls());
      s.put("controls", controls(c.controls()));
      sites.add(s);
    }
    m.put("callSites", sites);
    List<Object> beans = new ArrayList<>();
    for (ModelBean b : unguardedModelBeans) {
      Map<String, Object> bm = new LinkedHashMap<>();
      bm.put("name", b.name());
      bm.put("type", b.type());
      bm.put("how", b.how());
      beans.add(bm);
    }
    m.put("unguardedModelBeans", beans);
    List<Object> edges = new ArrayList<>();
    for (Edge e : edgeControls) {
      Map<String, Object> em = new LinkedHashMap<>();
      em.put("id", e.id());
      em.put("control", e.control());
      em.put("enforcedBy", e.enforcedBy());
      em.put("models", e.models());
      edges.add(em);
    }
    m.put("edgeControls", edges);
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("since", usage.since().toString());
    u.put("calls", usage.calls());
    u.put("denials", new java.util.TreeMap<>(usage.denials()));
    u.put("monitoredDenials", new java.util.TreeMap<>(usage.monitoredDenials()));
    Map<String, Object> tokens = new java.util.TreeMap<>();
    usage.tokens().forEach((k, v) -> tokens.put(k, new java.util.TreeMap<>(v)));
    u.put("tokens", tokens);
    u.put("distinctCallers", usage.distinctCallers());
    u.put("distinctCallersAtLeast", usage.distinctCallersAtLeast());
    m.put("usage", u);
    return m;
  }

  private static Map<String, Object> controls(Controls c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", c.mode());
    m.put("defaultAccess", c.defaultAccess());
    List<Object> access = new ArrayList<>();
    for (AccessRule a : c.access()) {
      Map<String, Object> am = new LinkedHashMap<>();
      am.put("policy", a.policy());
      am.put("access", a.access());
      am.put("conditional", a.conditional());
      access.add(am);
    }
    m.put("access", access);
    m.put("input", detectors(c.input()));
    m.put("output", detectors(c.output()));
    List<Object> tools = new ArrayList<>();
    for (ToolRule t : c.tools()) {
      Map<String, Object> tm = new LinkedHashMap<>();
      tm.put("policy", t.policy());
      tm.put("allow", t.allow());
      tm.put("deny", t.deny());
      tm.put("argumentChecks", t.argumentChecks());
      tools.add(tm);
    }
    m.put("tools", tools);
    List<Object> limits = new ArrayList<>();
    for (LimitRule l : c.limits()) {
      Map<String, Object> lm = new LinkedHashMap<>();
      lm.put("policy", l.policy());
      lm.put("limit", l.limit());
      limits.add(lm);
    }
    m.put("limits", limits);
    m.put("edge", c.edge());
    return m;
  }

  private static List<Object> detectors(List<DetectorRule> rules) {
    List<Object> out = new ArrayList<>();
    for (DetectorRule r : rules) {
      Map<String, Object> dm = new LinkedHashMap<>();
      dm.put("policy", r.policy());
      dm.put("detector", r.detector());
      dm.put("action", r.action());
      dm.put("mode", r.mode());
      out.add(dm);
    }
    return out;
  }
}
