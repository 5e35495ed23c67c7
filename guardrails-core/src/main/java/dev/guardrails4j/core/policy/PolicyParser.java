package dev.guardrails4j.core.policy;

import dev.guardrails4j.api.FindingAction;
import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.internal.PositionedNode.Kind;
import dev.guardrails4j.core.internal.PositionedNode;
import dev.guardrails4j.core.limit.LimitRule;
import dev.guardrails4j.core.limit.ProviderProtection;
import dev.guardrails4j.core.match.Glob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads policy documents into policies, collecting every problem with its file, line, column and
 * field instead of stopping at the first.
 */
final class PolicyParser extends PolicyFields {

  static final Set<String> TOP_KEYS = Set.of("version", "description", "defaults", "policies", "providers",
      "edge");
  static final Set<String> DEFAULT_KEYS = Set.of("mode", "access", "on-error", "tools");
  static final Set<String> POLICY_KEYS = Set.of("id", "description", "match", "access", "reason",
      "mode", "on-error", "input", "output", "tools", "limits");
  static final Set<String> MATCH_KEYS = Set.of("user", "workload", "model", "action", "data", "attributes");
  static final Set<String> USER_KEYS = Set.of("subject", "roles", "groups", "tenant");
  static final Set<String> TOOL_KEYS = Set.of("allow", "deny", "on-deny", "arguments", "results");
  static final Set<String> LIMIT_KEYS = Set.of("requests", "tokens", "concurrent");
  static final Set<String> PROVIDER_KEYS = Set.of("model", "timeout", "circuit-breaker");
  static final Set<String> EDGE_KEYS = Set.of("id", "control", "enforced-by", "model", "description");
  static final Set<String> BREAKER_KEYS =
      Set.of("failure-rate", "minimum-calls", "window", "open-for", "half-open-calls");
  /** Keys of a check that the engine reads; everything else goes to the detector factory. */
  static final Set<String> CHECK_KEYS = Set.of("detector", "action", "types", "min-score", "mode",
      "on-error", "roles", "style", "reversible");

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private final DetectorCatalog catalog;
  private final PositionedNode.Problems sink =
      (line, column, field, message) -> problems.add(new PolicyProblem(this.file, line, column, field, message));
  /** Detectors with identical options are created once and shared. */
  private final Map<String, Detector> detectors = new HashMap<>();

  PolicyParser(DetectorCatalog catalog) {
    this.catalog = catalog;
  }

  /** The result of parsing every document. */
  record Parsed(PolicyDefaults defaults, List<Policy> policies, List<ProviderProtection> providers,
      List<EdgeControl> edge) {}

  Parsed parse(List<PolicyDocument> documents) {
    PolicyDefaults defaults = null;
    List<Policy> policies = new ArrayList<>();
    List<ProviderProtection> providers = new ArrayList<>();
    List<EdgeControl> edge = new ArrayList<>();
    Map<String, EdgeControl> edgeIds = new HashMap<>();
    Map<String, Policy> byId = new HashMap<>();
    if (documents.isEmpty()) {
      problems.add(new PolicyProblem("<none>", 0, 0, "", "no policy document was given"));
    }
    for (PolicyDocument doc : documents) {
      file = doc.name();
      PositionedNode root = read(doc);
      if (root == null) {
        continue;
      }
      if (root.kind() != Kind.MAP) {
        problem(root, "", "a policy file must be a map with 'version' and 'policies'");
        continue;
      }
      root.unknownKeys("", TOP_KEYS, sink);
      PositionedNode version = root.map().get("version");
      if (version == null) {
        problem(root, "version", "missing; write 'version: 1' at the top of the file");
      } else if (!(version.kind() == Kind.NUMBER && ((Number) version.scalar()).intValue() == 1
          && ((Number) version.scalar()).doubleValue() == 1.0)) {
        problem(version, "version", "unsupported version '" + version.text() + "'; only 1 is supported");
      }
      PositionedNode d = root.map().get("defaults");
      if (d != null) {
        PolicyDefaults parsed = defaults(d);
        if (defaults != null && parsed != null && !parsed.equals(defaults)) {
          problem(d, "defaults", "differs from the defaults of an earlier file; declare defaults once or identically");
        }
        if (parsed != null) {
          defaults = parsed;
        }
      }
    }
    PolicyDefaults effective = defaults == null ? PolicyDefaults.STANDARD : defaults;
    for (PolicyDocument doc : documents) {
      file = doc.name();
      PositionedNode root = readQuietly(doc);
      if (root == null || root.kind() != Kind.MAP) {
        continue;
      }
      PositionedNode ps = root.map().get("policies");
      if (ps != null) {
        if (ps.kind() != Kind.LIST) {
          problem(ps, "policies", "expected a list of policies");
        } else {
          for (int i = 0; i < ps.list().size(); i++) {
            Policy p = policy(ps.list().get(i), "policies[" + i + "]", effective);
            if (p != null) {
              Policy earlier = byId.putIfAbsent(p.id(), p);
              if (earlier != null) {
                PositionedNode idNode = ps.list().get(i).map().get("id");
                problem(idNode == null ? ps.list().get(i) : idNode, "policies[" + i + "].id",
                    "duplicate policy id '" + p.id() + "', first defined at " + earlier.file() + ":" + earlier.line());
              } else {
                policies.add(p);
              }
            }
          }
        }
      }
      PositionedNode pr = root.map().get("providers");
      if (pr != null) {
        if (pr.kind() != Kind.LIST) {
          problem(pr, "providers", "expected a list of { model, timeout, circuit-breaker }");
        } else {
          for (int i = 0; i < pr.list().size(); i++) {
            ProviderProtection p = provider(pr.list().get(i), "providers[" + i + "]");
            if (p != null) {
              providers.add(p);
            }
          }
        }
      }
      PositionedNode ed = root.map().get("edge");
      if (ed != null) {
        if (ed.kind() != Kind.LIST) {
          problem(ed, "edge", "expected a list of { id, control, enforced-by, model }");
        } else {
          for (int i = 0; i < ed.list().size(); i++) {
            EdgeControl c = edgeControl(ed.list().get(i), "edge[" + i + "]");
            if (c != null) {
              EdgeControl earlier = edgeIds.putIfAbsent(c.id(), c);
              if (earlier != null) {
                PositionedNode idNode = ed.list().get(i).map().get("id");
                problem(idNode == null ? ed.list().get(i) : idNode, "edge[" + i + "].id",
                    "duplicate edge control id '" + c.id() + "', first defined at " + earlier.file() + ":" + earlier.line());
              } else {
                edge.add(c);
              }
            }
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new PolicyException(problems);
    }
    return new Parsed(effective, policies, providers, edge);
  }

  private final Map<PolicyDocument, PositionedNode> cache = new HashMap<>();

  private @Nullable PositionedNode readQuietly(PolicyDocument doc) {
    return cache.get(doc);
  }

  private @Nullable PositionedNode read(PolicyDocument doc) {
    PositionedNode n = PositionedNode.parse(file, doc.content(),
        "the file is empty; it needs 'version: 1' and 'policies'",
        "put every policy in one 'policies' list",
        sink);
    if (n != null) {
      cache.put(doc, n);
    }
    return n;
  }

  private @Nullable PolicyDefaults defaults(PositionedNode d) {
    if (!d.expectMap("defaults", sink)) {
      return null;
    }
    d.unknownKeys("defaults", DEFAULT_KEYS, sink);
    Mode mode = enumValue(d, "mode", "defaults.mode", Mode::parse, Mode.ENFORCE);
    Access access = enumValue(d, "access", "defaults.access", PolicyParser::access, Access.DENY);
    OnError onError = enumValue(d, "on-error", "defaults.on-error", PolicyParser::onError, OnError.BLOCK);
    Access tools = enumValue(d, "tools", "defaults.tools", PolicyParser::access, Access.ALLOW);
    return new PolicyDefaults(mode, access, onError, tools);
  }

  private @Nullable Policy policy(PositionedNode n, String path, PolicyDefaults defaults) {
    if (!n.expectMap(path, sink)) {
      return null;
    }
    int before = problems.size();
    n.unknownKeys(path, POLICY_KEYS, sink);
    PositionedNode idNode = n.map().get("id");
    String id = null;
    if (idNode == null) {
      problem(n, path + ".id", "missing; every policy needs a unique id");
    } else if (!idNode.isScalar() || !ID.matcher(idNode.text()).matches()) {
      problem(idNode, path + ".id", "'" + idNode.text()
          + "' is not a valid id; use letters, digits, '.', '_', ':' and '-' (at most 128)");
    } else {
      id = idNode.text();
    }
    String pid = id == null ? path : id;
    String description = string(n, "description", path + ".description", "");
    Mode mode = enumValue(n, "mode", path + ".mode", Mode::parse, null);
    OnError onError = enumValue(n, "on-error", path + ".on-error", PolicyParser::onError, null);
    Access access = enumValue(n, "access", path + ".access", PolicyParser::access, null);
    String reason = string(n, "reason", path + ".reason", "");
    PolicyMatch match = n.map().containsKey("match") ? match(n.map().get("match"), path + ".match") : PolicyMatch.ALL;
    List<Check> input = checks(n.map().get("input"), path + ".input", true);
    List<Check> output = checks(n.map().get("output"), path + ".output", false);
    ToolRules tools = n.map().containsKey("tools") ? tools(n.map().get("tools"), path + ".tools") : ToolRules.NONE;
    List<LimitRule> limits = limits(n.map().get("limits"), path + ".limits", pid, mode == null ? defaults.mode() : mode);
    if (access == Access.DENY && (!input.isEmpty() || !output.isEmpty() || !limits.isEmpty())) {
      problem(n.map().get("access"), path + ".access",
          "a policy with 'access: deny' never lets a call through, so its input, output and limits would never run; move them to another policy");
    }
    if (!reason.isEmpty() && access != Access.DENY) {
      problem(n.map().get("reason"), path + ".reason", "'reason' explains a denial; it needs 'access: deny'");
    }
    if (access == null && !n.map().containsKey("access") && input.isEmpty() && output.isEmpty()
        && !n.map().containsKey("tools") && !n.map().containsKey("input") && !n.map().containsKey("output")
        && limits.isEmpty()) {
      problem(n, path, "policy '" + pid + "' does nothing; give it access, input, output, tools or limits");
    }
    if (problems.size() > before || id == null || match == null) {
      return null;
    }
    return new Policy(id, description, match, access, reason, mode, onError, input, output, tools,
        limits, file, n.line());
  }

  private @Nullable PolicyMatch match(PositionedNode n, String path) {
    if (!n.expectMap(path, sink)) {
      return null;
    }
    n.unknownKeys(path, MATCH_KEYS, sink);
    List<Glob> subjects = List.of();
    Set<String> roles = Set.of();
    Set<String> groups = Set.of();
    List<Glob> tenants = List.of();
    PolicyMatch.UserPresence presence = PolicyMatch.UserPresence.ANY;
    PositionedNode user = n.map().get("user");
    if (user != null) {
      if (user.kind() == Kind.STRING) {
        switch (user.text()) {
          case "none" -> presence = PolicyMatch.UserPresence.ABSENT;
          case "required" -> presence = PolicyMatch.UserPresence.REQUIRED;
          case "any" -> presence = PolicyMatch.UserPresence.ANY;
          default -> problem(user, path + ".user", "expected a map { subject, roles, groups, tenant } or one of none, required, any; got '" + user.text() + "'");
        }
      } else if (user.expectMap(path + ".user", sink)) {
        user.unknownKeys(path + ".user", USER_KEYS, sink);
        subjects = globs(user.map().get("subject"), path + ".user.subject", Glob::of);
        roles = new LinkedHashSet<>(strings(user.map().get("roles"), path + ".user.roles"));
        groups = new LinkedHashSet<>(strings(user.map().get("groups"), path + ".user.groups"));
        tenants = globs(user.map().get("tenant"), path + ".user.tenant", Glob::of);
        presence = PolicyMatch.UserPresence.REQUIRED;
      }
    }
    List<Glob> workloads = globs(n.map().get("workload"), path + ".workload", Glob::ofPath);
    List<Glob> models = globs(n.map().get("model"), path + ".model", PolicyParser::modelGlob);
    List<Glob> actions = globs(n.map().get("action"), path + ".action", Glob::of);
    List<Glob> data = globs(n.map().get("data"), path + ".data", Glob::of);
    Map<String, List<Glob>> attributes = new LinkedHashMap<>();
    PositionedNode attrs = n.map().get("attributes");
    if (attrs != null && attrs.expectMap(path + ".attributes", sink)) {
      attrs.map().forEach((k, v) -> attributes.put(k, globs(v, path + ".attributes." + k, Glob::of)));
    }
    return new PolicyMatch(subjects, roles, groups, tenants, presence, workloads, models, actions,
        data, attributes);
  }

  private List<Check> checks(@Nullable PositionedNode n, String path, boolean input) {
    if (n == null) {
      return List.of();
    }
    if (n.kind() != Kind.LIST) {
      problem(n, path, "expected a list of checks such as '- { detector: pii, action: redact }'");
      return List.of();
    }
    List<Check> out = new ArrayList<>();
    for (int i = 0; i < n.list().size(); i++) {
      Check c = check(n.list().get(i), path + "[" + i + "]", input);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  private @Nullable Check check(PositionedNode n, String path, boolean input) {
    if (!n.expectMap(path, sink)) {
      return null;
    }
    int before = problems.size();
    PositionedNode det = n.map().get("detector");
    if (det == null || det.kind() != Kind.STRING) {
      problem(det == null ? n : det, path + ".detector",
          "missing or not a name; known detectors: " + String.join(", ", catalog.names()));
      return null;
    }
    Optional<DetectorFactory> factory = catalog.find(det.text());
    if (factory.isEmpty()) {
      problem(det, path + ".detector", "unknown detector '" + det.text() + "'; known detectors: "
          + String.join(", ", catalog.names()));
      return null;
    }
    DetectorFactory f = factory.get();
    PositionedNode actionNode = n.map().get("action");
    FindingAction action = null;
    if (actionNode == null) {
      problem(n, path + ".action", "missing; one of block, redact, monitor");
    } else {
      action = enumValue(n, "action", path + ".action", FindingAction::parse, null);
    }
    Set<String> types = new LinkedHashSet<>(strings(n.map().get("types"), path + ".types"));
    double minScore = 0.0;
    PositionedNode ms = n.map().get("min-score");
    if (ms != null) {
      if (ms.kind() != Kind.NUMBER || ((Number) ms.scalar()).doubleValue() < 0 || ((Number) ms.scalar()).doubleValue() > 1) {
        problem(ms, path + ".min-score", "expected a number between 0 and 1, got '" + ms.text() + "'");
      } else {
        minScore = ((Number) ms.scalar()).doubleValue();
      }
    }
    Mode mode = enumValue(n, "mode", path + ".mode", Mode::parse, null);
    OnError onError = enumValue(n, "on-error", path + ".on-error", PolicyParser::onError, null);
    Set<Message.Role> roles = EnumSet.of(Message.Role.USER, Message.Role.ASSISTANT, Message.Role.TOOL_RESULT);
    PositionedNode rolesNode = n.map().get("roles");
    if (rolesNode != null) {
      if (!input) {
        problem(rolesNode, path + ".roles", "'roles' selects input messages; output checks read the answer");
      }
      roles = EnumSet.noneOf(Message.Role.class);
      for (String r : strings(rolesNode, path + ".roles")) {
        try {
          roles.add(Message.Role.valueOf(r.toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
          problem(rolesNode, path + ".roles", "unknown role '" + r + "'; allowed: system, user, assistant, tool_result");
        }
      }
    }
    RedactionStyle style = enumValue(n, "style", path + ".style", PolicyParser::style, RedactionStyle.PLACEHOLDER);
    boolean reversible = bool(n, "reversible", path + ".reversible", false);
    if (action != null && action != FindingAction.REDACT) {
      if (n.map().containsKey("style")) {
        problem(n.map().get("style"), path + ".style", "'style' applies to 'action: redact' only");
      }
      if (reversible) {
        problem(n.map().get("reversible"), path + ".reversible", "'reversible' applies to 'action: redact' only");
      }
    }
    if (reversible && style != RedactionStyle.PLACEHOLDER) {
      problem(n.map().get("reversible"), path + ".reversible", "reversible redaction needs 'style: placeholder'");
    }
    if (reversible && !input) {
      problem(n.map().get("reversible"), path + ".reversible", "reversible redaction applies to input checks: the originals are restored in the answer");
    }
    Map<String, Object> options = new LinkedHashMap<>();
    Set<String> accepted = f.options();
    for (Map.Entry<String, PositionedNode> e : n.map().entrySet()) {
      String key = e.getKey();
      if (CHECK_KEYS.contains(key) && !(key.equals("types") && accepted.contains("types"))) {
        continue;
      }
      if (!accepted.contains(key)) {
        problems.add(new PolicyProblem(file, n.keyLine(key), n.keyColumn(key), path + "." + key,
            "unknown option '" + key + "' for detector '" + f.name() + "'; allowed: "
                + join(union(CHECK_KEYS, accepted))));
        continue;
      }
      Object plain = e.getValue().toPlain();
      if (plain != null) {
        options.put(key, plain);
      }
    }
    if (problems.size() > before || action == null) {
      return null;
    }
    String cacheKey = f.name() + "\u0000" + options;
    Detector detector = detectors.get(cacheKey);
    if (detector == null) {
      try {
        detector = f.create(options);
      } catch (IllegalArgumentException e) {
        problem(n, path, "detector '" + f.name() + "': " + e.getMessage());
        return null;
      } catch (RuntimeException e) {
        problem(n, path, "detector '" + f.name() + "' could not be created: " + e);
        return null;
      }
      detectors.put(cacheKey, detector);
    }
    if (!detector.types().isEmpty()) {
      for (String t : types) {
        if (!detector.types().contains(t)) {
          problem(n.map().get("types"), path + ".types", "detector '" + f.name() + "' reports no type '"
              + t + "'; it reports: " + join(detector.types()));
          return null;
        }
      }
    }
    return new Check(detector, action, types, minScore, mode, onError, roles, style, reversible,
        options, n.line());
  }

  private @Nullable ToolRules tools(PositionedNode n, String path) {
    if (!n.expectMap(path, sink)) {
      return null;
    }
    n.unknownKeys(path, TOOL_KEYS, sink);
    List<Glob> allow = globs(n.map().get("allow"), path + ".allow", Glob::of);
    List<Glob> deny = globs(n.map().get("deny"), path + ".deny", Glob::of);
    for (Glob a : allow) {
      for (Glob d : deny) {
        if (a.pattern().equals(d.pattern())) {
          problem(n.map().get("deny"), path + ".deny", "tool '" + a.pattern() + "' is both allowed and denied");
        }
      }
    }
    ToolRules.OnDeny onDeny = enumValue(n, "on-deny", path + ".on-deny", s -> switch (s) {
      case "error" -> ToolRules.OnDeny.ERROR;
      case "stop" -> ToolRules.OnDeny.STOP;
      default -> throw new IllegalArgumentException("expected 'error' (the model sees an error) or 'stop' (the call fails), got '" + s + "'");
    }, ToolRules.OnDeny.ERROR);
    List<Check> arguments = checks(n.map().get("arguments"), path + ".arguments", false);
    List<Check> results = checks(n.map().get("results"), path + ".results", false);
    return new ToolRules(allow, deny, onDeny, arguments, results);
  }

  private List<LimitRule> limits(@Nullable PositionedNode n, String path, String policyId, @Nullable Mode mode) {
    if (n == null) {
      return List.of();
    }
    List<LimitRule> out = new ArrayList<>();
    List<PositionedNode> maps = n.kind() == Kind.LIST ? n.list() : List.of(n);
    for (int i = 0; i < maps.size(); i++) {
      PositionedNode m = maps.get(i);
      String p = n.kind() == Kind.LIST ? path + "[" + i + "]" : path;
      if (!m.expectMap(p, sink)) {
        continue;
      }
      m.unknownKeys(p, LIMIT_KEYS, sink);
      for (Map.Entry<String, PositionedNode> e : m.map().entrySet()) {
        if (!LIMIT_KEYS.contains(e.getKey())) {
          continue;
        }
        LimitRule.Kind kind = LimitRule.Kind.parse(e.getKey());
        List<PositionedNode> values = e.getValue().kind() == Kind.LIST ? e.getValue().list() : List.of(e.getValue());
        for (PositionedNode v : values) {
          if (!v.isScalar()) {
            problem(v, p + "." + e.getKey(), "expected a limit such as '60/1m per user'");
            continue;
          }
          try {
            out.add(LimitRule.parse(policyId, kind, v.text(), mode));
          } catch (IllegalArgumentException ex) {
            problem(v, p + "." + e.getKey(), ex.getMessage());
          }
        }
      }
    }
    return out;
  }

  private @Nullable ProviderProtection provider(PositionedNode n, String path) {
    if (!n.expectMap(path, sink)) {
      return null;
    }
    int before = problems.size();
    n.unknownKeys(path, PROVIDER_KEYS, sink);
    List<Glob> model = globs(n.map().get("model"), path + ".model", Glob::of);
    if (model.size() != 1) {
      problem(n, path + ".model", "exactly one model glob is required, for example 'openai:*'");
    }
    Duration timeout = duration(n.map().get("timeout"), path + ".timeout");
    ProviderProtection.CircuitBreakerSpec breaker = null;
    PositionedNode cb = n.map().get("circuit-breaker");
    if (cb != null && cb.expectMap(path + ".circuit-breaker", sink)) {
      cb.unknownKeys(path + ".circuit-breaker", BREAKER_KEYS, sink);
      double rate = number(cb, "failure-rate", path + ".circuit-breaker.failure-rate", 50);
      int minimum = (int) number(cb, "minimum-calls", path + ".circuit-breaker.minimum-calls", 10);
      int window = (int) number(cb, "window", path + ".circuit-breaker.window", 20);
      int halfOpen = (int) number(cb, "half-open-calls", path + ".circuit-breaker.half-open-calls", 3);
      Duration openFor = duration(cb.map().get("open-for"), path + ".circuit-breaker.open-for");
      try {
        breaker = new ProviderProtection.CircuitBreakerSpec((float) rate, minimum, window,
            openFor == null ? Duration.ofSeconds(30) : openFor, halfOpen);
      } catch (IllegalArgumentException e) {
        problem(cb, path + ".circuit-breaker", e.getMessage());
      }
    }
    if (timeout == null && cb == null) {
      problem(n, path, "a provider entry needs 'timeout' or 'circuit-breaker'");
    }
    if (problems.size() > before) {
      return null;
    }
    return new ProviderProtection(model.get(0), timeout, breaker);
  }

  private @Nullable EdgeControl edgeControl(PositionedNode n, String path) {
    if (!n.expectMap(path, sink)) {
      return null;
    }
    int before = problems.size();
    n.unknownKeys(path, EDGE_KEYS, sink);
    String id = required(n, "id", path);
    if (id != null && !ID.matcher(id).matches()) {
      problem(n.map().get("id"), path + ".id", "invalid id '" + id
          + "': use letters, digits, '.', '_', ':' or '-', starting with a letter or digit, at most 128 characters");
    }
    String control = required(n, "control", path);
    String enforcedBy = required(n, "enforced-by", path);
    List<Glob> models = globs(n.map().get("model"), path + ".model", PolicyParser::modelGlob);
    if (n.map().get("model") == null) {
      problem(n, path + ".model", "missing; name the models this control covers, for example [\"openai:*\"]");
    }
    String description = string(n, "description", path + ".description", "");
    if (problems.size() > before || id == null || control == null || enforcedBy == null) {
      return null;
    }
    return new EdgeControl(id, control, enforcedBy, models, description, file, n.line());
  }

  /** A required, non-blank text, or null after reporting the problem. */
  private @Nullable String required(PositionedNode map, String key, String path) {
    PositionedNode v = map.map().get(key);
    if (v == null) {
      problem(map, path + "." + key, "missing; an edge control needs id, control, enforced-by and model");
      return null;
    }
    String s = string(map, key, path + "." + key, "");
    if (s.isBlank()) {
      if (v.kind() == Kind.STRING) {
        problem(v, path + "." + key, "must not be empty");
      }
      return null;
    }
    return s;
  }

  private static Glob modelGlob(String g) {
    if (g.indexOf(':') < 0 && !g.equals("*")) {
      throw new IllegalArgumentException("model glob '" + g + "' must be 'provider:name', for example 'openai:gpt-4o*' or 'ollama:*'");
    }
    return Glob.of(g);
  }

  private static Access access(String s) {
    return switch (s) {
      case "allow" -> Access.ALLOW;
      case "deny" -> Access.DENY;
      default -> throw new IllegalArgumentException("expected 'allow' or 'deny', got '" + s + "'");
    };
  }

  private static OnError onError(String s) {
    return switch (s) {
      case "block" -> OnError.BLOCK;
      case "allow" -> OnError.ALLOW;
      default -> throw new IllegalArgumentException(
          "expected 'block' (fail closed) or 'allow' (fail open), got '" + s + "'");
    };
  }

  private static RedactionStyle style(String s) {
    try {
      return RedactionStyle.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "expected one of placeholder, mask, hash, remove; got '" + s + "'", e);
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new java.util.TreeSet<>(a);
    u.addAll(b);
    return u;
  }

  private static String join(Set<String> s) {
    return String.join(", ", new java.util.TreeSet<>(s));
  }
}
