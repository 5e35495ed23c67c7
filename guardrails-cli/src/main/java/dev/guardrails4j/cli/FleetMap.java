package dev.guardrails4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guardrails4j.core.match.Glob;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The fleet map built from inventory events: per workload its instances, policy versions, models,
 * call sites with their controls, edge controls and usage totals; then findings. Lines are read one
 * at a time and only this summary is kept, so memory grows with the number of workloads, instances
 * and call sites, never with the number of lines; each of those is capped at {@value #MAX_KEYS} per
 * workload (and workloads at the same number), further ones are counted as dropped.
 */
final class FleetMap {

  static final int MAX_KEYS = 10_000;
  static final String MARKER = "guardrails.inventory";
  private static final String PREFIX = "{\"event\":\"" + MARKER + "\"";
  private static final ObjectMapper JSON = new ObjectMapper();

  final Map<String, Workload> workloads = new TreeMap<>();
  long lines;
  long events;
  long malformed;
  long tooLong;
  long dropped;
  final List<String> malformedExamples = new ArrayList<>();

  /** One workload. */
  static final class Workload {
    final String id;
    final Map<String, Instance> instances = new TreeMap<>();
    final Map<String, Site> sites = new TreeMap<>();
    final Map<String, ModelInfo> models = new TreeMap<>();
    final Map<String, JsonNode> unguarded = new TreeMap<>();
    final Map<String, JsonNode> edge = new TreeMap<>();
    final Map<String, List<String>> policySources = new TreeMap<>();
    final Map<String, Long> denials = new TreeMap<>();
    final Map<String, long[]> tokens = new TreeMap<>();
    String serviceName = "";
    long calls;
    long distinctCallersMax;

    Workload(String id) {
      this.id = id;
    }
  }

  /** One instance (a replica): what its latest event said. */
  static final class Instance {
    final String id;
    String namespace = "";
    String pod = "";
    String node = "";
    String host = "";
    String serviceVersion = "";
    String policyVersion = "";
    Instant lastSeen = Instant.EPOCH;
    long events;

    Instance(String id) {
      this.id = id;
    }
  }

  /** One call site: its calls and its latest controls. */
  static final class Site {
    final String id;
    final String action;
    final String model;
    String kind = "";
    /** Calls since startup per instance: the largest count any of its events gave. */
    final Map<String, Long> callsByInstance = new TreeMap<>();
    Instant controlsAt = Instant.EPOCH;
    @Nullable JsonNode controls;

    Site(String id, String action, String model) {
      this.id = id;
      this.action = action;
      this.model = model;
    }

    long calls() {
      long sum = 0;
      for (long c : callsByInstance.values()) {
        sum += c;
      }
      return sum;
    }
  }

  /** One model. */
  static final class ModelInfo {
    boolean seen;
    boolean configured;
  }

  /**
   * Reads one line: an inventory event as JSON, possibly after a log prefix, or wrapped in a JSON
   * log record's {@code message} or {@code log} member; other lines are ignored, and a line that
   * names inventory events but cannot be read is counted as malformed.
   */
  void accept(String line, String where) {
    lines++;
    int marker = line.indexOf(MARKER);
    if (marker < 0) {
      return;
    }
    JsonNode event = null;
    try {
      int start = line.indexOf(PREFIX);
      if (start >= 0) {
        event = JSON.readTree(line.substring(start));
      } else {
        int brace = line.indexOf('{');
        if (brace >= 0) {
          JsonNode wrapper = JSON.readTree(line.substring(brace));
          for (String field : List.of("message", "log", "msg", "body")) {
            JsonNode m = wrapper.path(field);
            if (m.isTextual() && m.asText().contains(PREFIX)) {
              String text = m.asText();
              event = JSON.readTree(text.substring(text.indexOf(PREFIX)));
              break;
            }
          }
        }
      }
    } catch (IOException e) {
      event = null;
    }
    if (event == null || !event.isObject() || !MARKER.equals(event.path("event").asText())) {
      bad(where, "not a readable inventory event");
      return;
    }
    String problem = add(event);
    if (problem != null) {
      bad(where, problem);
    } else {
      events++;
    }
  }

  void tooLong(String where) {
    tooLong++;
    if (malformedExamples.size() < 10) {
      malformedExamples.add(where + ": line too long, skipped");
    }
  }

  private void bad(String where, String why) {
    malformed++;
    if (malformedExamples.size() < 10) {
      malformedExamples.add(where + ": " + why);
    }
  }

  private @Nullable String add(JsonNode e) {
    if (e.path("schemaVersion").asInt(0) != 1) {
      return "unsupported schemaVersion " + e.path("schemaVersion");
    }
    String workloadId = e.at("/workload/id").asText("");
    JsonNode resource = e.path("resource");
    String instanceId = resource.path("service.instance.id").asText("");
    Instant time;
    try {
      time = Instant.parse(e.path("time").asText(""));
    } catch (DateTimeParseException ex) {
      return "no valid time";
    }
    if (workloadId.isEmpty() || instanceId.isEmpty()) {
      return "no workload id or service.instance.id";
    }
    Workload w = workloads.get(workloadId);
    if (w == null) {
      if (workloads.size() >= MAX_KEYS) {
        dropped++;
        return null;
      }
      w = new Workload(workloadId);
      workloads.put(workloadId, w);
    }
    Instance in = w.instances.get(instanceId);
    if (in == null) {
      if (w.instances.size() >= MAX_KEYS) {
        dropped++;
        return null;
      }
      in = new Instance(instanceId);
      w.instances.put(instanceId, in);
    }
    in.events++;
    boolean latest = !time.isBefore(in.lastSeen);
    if (latest) {
      in.lastSeen = time;
      in.namespace = resource.path("k8s.namespace.name").asText("");
      in.pod = resource.path("k8s.pod.name").asText("");
      in.node = resource.path("k8s.node.name").asText("");
      in.host = resource.path("host.name").asText("");
      in.serviceVersion = resource.path("service.version").asText("");
      in.policyVersion = e.at("/policy/version").asText("");
      w.serviceName = resource.path("service.name").asText(w.serviceName);
    }
    String version = e.at("/policy/version").asText("");
    if (!version.isEmpty() && w.policySources.size() < MAX_KEYS) {
      List<String> sources = new ArrayList<>();
      e.at("/policy/sources").forEach(s -> sources.add(s.asText()));
      w.policySources.put(version, sources);
    }
    for (JsonNode m : e.at("/models/configured")) {
      model(w, m.asText()).configured = true;
    }
    for (JsonNode m : e.at("/models/seen")) {
      model(w, m.asText()).seen = true;
    }
    for (JsonNode s : e.path("callSites")) {
      String id = s.path("id").asText("");
      String action = s.path("action").asText("");
      String model = s.path("model").asText("");
      String key = id + '\u0000' + action + '\u0000' + model;
      Site site = w.sites.get(key);
      if (site == null) {
        if (w.sites.size() >= MAX_KEYS) {
          dropped++;
          continue;
        }
        site = new Site(id, action, model);
        w.sites.put(key, site);
      }
      site.kind = s.path("kind").asText(site.kind);
      // calls are counted since the instance started: keep its largest count, add up instances
      site.callsByInstance.merge(instanceId, s.path("calls").asLong(0), Math::max);
      if (!time.isBefore(site.controlsAt)) {
        site.controlsAt = time;
        site.controls = s.path("controls");
      }
      if (!model.isEmpty()) {
        model(w, model);
      }
    }
    for (JsonNode b : e.path("unguardedModelBeans")) {
      if (w.unguarded.size() < MAX_KEYS) {
        w.unguarded.put(b.path("name").asText("") + " " + b.path("type").asText(""), b);
      }
    }
    for (JsonNode c : e.path("edgeControls")) {
      if (w.edge.size() < MAX_KEYS) {
        w.edge.put(c.path("id").asText(""), c);
      }
    }
    JsonNode usage = e.path("usage");
    w.calls += usage.path("calls").asLong(0);
    for (Map.Entry<String, JsonNode> d : usage.path("denials").properties()) {
      w.denials.merge(d.getKey(), d.getValue().asLong(0), Long::sum);
    }
    for (Map.Entry<String, JsonNode> t : usage.path("tokens").properties()) {
      if (w.tokens.size() < MAX_KEYS || w.tokens.containsKey(t.getKey())) {
        long[] sum = w.tokens.computeIfAbsent(t.getKey(), k -> new long[2]);
        sum[0] += t.getValue().path("input").asLong(0);
        sum[1] += t.getValue().path("output").asLong(0);
      }
    }
    w.distinctCallersMax = Math.max(w.distinctCallersMax, usage.path("distinctCallers").asLong(0));
    return null;
  }

  private ModelInfo model(Workload w, String name) {
    ModelInfo m = w.models.get(name);
    if (m == null) {
      m = w.models.size() >= MAX_KEYS ? new ModelInfo() : w.models.computeIfAbsent(name, k -> new ModelInfo());
    }
    return m;
  }

  // ---- reporting ------------------------------------------------------------------------------

  /** A finding about the fleet. */
  record Finding(String severity, String kind, String workload, String subject, String message) {}

  static boolean stale(Instance i, Instant now, Duration staleAfter) {
    return Duration.between(i.lastSeen, now).compareTo(staleAfter) > 0;
  }

  /** Edge controls of a workload that cover a model. */
  static List<String> edgeFor(Workload w, String model) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : w.edge.values()) {
      for (JsonNode g : c.path("models")) {
        try {
          if (Glob.of(g.asText()).matches(model)) {
            out.add(c.path("id").asText());
            break;
          }
        } catch (IllegalArgumentException e) {
          // a glob the engine wrote is valid; an edited log may not be
        }
      }
    }
    return out;
  }

  /** Whether any call site with this model (or with no fixed model) has workload controls. */
  static boolean workloadControls(Workload w, String model) {
    for (Site s : w.sites.values()) {
      if ((s.model.equals(model) || s.model.isEmpty()) && hasControls(s.controls)) {
        return true;
      }
    }
    return false;
  }

  static boolean hasControls(@Nullable JsonNode c) {
    if (c == null) {
      return false;
    }
    for (String k : List.of("access", "input", "output", "tools", "limits")) {
      if (c.path(k).size() > 0) {
        return true;
      }
    }
    return false;
  }

  /** Policy versions of a workload, newest (by last seen) first, with the instances on each. */
  static Map<String, List<Instance>> versions(Workload w) {
    Map<String, List<Instance>> by = new LinkedHashMap<>();
    w.instances.values().stream()
        .sorted(Comparator.comparing((Instance i) -> i.lastSeen).reversed())
        .forEach(i -> by.computeIfAbsent(i.policyVersion, k -> new ArrayList<>()).add(i));
    return by;
  }

  List<Finding> findings(Instant now, Duration staleAfter) {
    List<Finding> out = new ArrayList<>();
    for (Workload w : workloads.values()) {
      for (JsonNode b : w.unguarded.values()) {
        out.add(new Finding("high", "unguarded-model-bean", w.id, b.path("name").asText(),
            "model bean '" + b.path("name").asText() + "' (" + b.path("type").asText()
                + ") is not guarded: " + b.path("how").asText()));
      }
      for (String model : w.models.keySet()) {
        if (!workloadControls(w, model) && edgeFor(w, model).isEmpty()) {
          out.add(new Finding("high", "model-without-controls", w.id, model,
              "model " + model + " has no control in the workload and none at the edge"));
        }
      }
      for (Site s : w.sites.values()) {
        if (!hasControls(s.controls)) {
          out.add(new Finding("medium", "call-site-without-controls", w.id, s.id,
              "call site " + s.id + (s.action.isEmpty() ? "" : " (action " + s.action + ")")
                  + " has no workload control; default access is "
                  + (s.controls == null ? "unknown" : s.controls.path("defaultAccess").asText("unknown"))));
        }
      }
      Map<String, List<Instance>> versions = versions(w);
      if (versions.size() > 1) {
        List<String> parts = new ArrayList<>();
        versions.forEach((v, is) -> parts.add(v + " on " + String.join(", ", is.stream().map(i -> i.id).sorted().toList())));
        out.add(new Finding("medium", "policy-drift", w.id, String.join(", ", versions.keySet()),
            versions.size() + " policy versions across " + w.instances.size() + " instances: "
                + String.join("; ", parts)));
      }
      for (Instance i : w.instances.values()) {
        if (stale(i, now, staleAfter)) {
          out.add(new Finding("low", "stale-instance", w.id, i.id,
              "instance " + i.id + " last seen " + i.lastSeen + ", more than " + Durations.format(staleAfter) + " ago"));
        }
      }
    }
    return out;
  }

  static String joinSorted(java.util.Collection<String> c) {
    return String.join(", ", new TreeSet<>(c));
  }
}
