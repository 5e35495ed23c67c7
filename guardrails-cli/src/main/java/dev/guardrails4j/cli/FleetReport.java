package dev.guardrails4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link FleetMap} as JSON (the documented, stable schema), text, Markdown or one
 * self-contained HTML page. Every format is rendered from the same JSON tree.
 */
final class FleetReport {

  static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final JsonNode tree;

  FleetReport(FleetMap map, List<String> files, Instant now, Duration staleAfter) {
    this.tree = JSON.valueToTree(model(map, files, now, staleAfter));
  }

  JsonNode tree() {
    return tree;
  }

  static Map<String, Object> model(FleetMap map, List<String> files, Instant now, Duration staleAfter) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("generatedAt", now.toString());
    root.put("staleAfter", Durations.format(staleAfter));
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("files", files);
    input.put("lines", map.lines);
    input.put("events", map.events);
    input.put("malformed", map.malformed);
    input.put("tooLong", map.tooLong);
    input.put("dropped", map.dropped);
    input.put("problems", map.malformedExamples);
    root.put("input", input);
    List<Object> workloads = new ArrayList<>();
    for (FleetMap.Workload w : map.workloads.values()) {
      Map<String, Object> wm = new LinkedHashMap<>();
      wm.put("id", w.id);
      wm.put("serviceName", w.serviceName);
      List<Object> instances = new ArrayList<>();
      for (FleetMap.Instance i : w.instances.values()) {
        Map<String, Object> im = new LinkedHashMap<>();
        im.put("id", i.id);
        im.put("namespace", i.namespace);
        im.put("pod", i.pod);
        im.put("node", i.node);
        im.put("host", i.host);
        im.put("serviceVersion", i.serviceVersion);
        im.put("policyVersion", i.policyVersion);
        im.put("lastSeen", i.lastSeen.toString());
        im.put("events", i.events);
        im.put("stale", FleetMap.stale(i, now, staleAfter));
        instances.add(im);
      }
      wm.put("instances", instances);
      Map<String, List<FleetMap.Instance>> versions = FleetMap.versions(w);
      List<Object> pv = new ArrayList<>();
      versions.forEach((v, is) -> {
        Map<String, Object> vm = new LinkedHashMap<>();
        vm.put("version", v);
        vm.put("sources", w.policySources.getOrDefault(v, List.of()));
        vm.put("instances", is.stream().map(i -> i.id).sorted().toList());
        pv.add(vm);
      });
      wm.put("policyVersions", pv);
      wm.put("policyDrift", versions.size() > 1);
      List<Object> models = new ArrayList<>();
      w.models.forEach((name, info) -> {
        Map<String, Object> mm = new LinkedHashMap<>();
        mm.put("name", name);
        mm.put("configured", info.configured);
        mm.put("seen", info.seen);
        mm.put("workloadControls", FleetMap.workloadControls(w, name));
        mm.put("edgeControls", FleetMap.edgeFor(w, name));
        models.add(mm);
      });
      wm.put("models", models);
      List<Object> sites = new ArrayList<>();
      for (FleetMap.Site s : w.sites.values()) {
        Map<String, Object> sm = new LinkedHashMap<>();
        sm.put("id", s.id);
        sm.put("kind", s.kind);
        sm.put("action", s.action);
        sm.put("model", s.model);
        sm.put("calls", s.calls());
        sm.put("controls", s.controls == null ? Map.of() : s.controls);
        sites.add(sm);
      }
      wm.put("callSites", sites);
      wm.put("unguardedModelBeans", new ArrayList<>(w.unguarded.values()));
      wm.put("edgeControls", new ArrayList<>(w.edge.values()));
      Map<String, Object> usage = new LinkedHashMap<>();
      usage.put("calls", w.calls);
      usage.put("denials", w.denials);
      Map<String, Object> tokens = new LinkedHashMap<>();
      w.tokens.forEach((k, v) -> tokens.put(k, Map.of("input", v[0], "output", v[1])));
      usage.put("tokens", tokens);
      usage.put("distinctCallersMaxPerEvent", w.distinctCallersMax);
      wm.put("usage", usage);
      workloads.add(wm);
    }
    root.put("workloads", workloads);
    List<Object> findings = new ArrayList<>();
    for (FleetMap.Finding f : map.findings(now, staleAfter)) {
      Map<String, Object> fm = new LinkedHashMap<>();
      fm.put("severity", f.severity());
      fm.put("kind", f.kind());
      fm.put("workload", f.workload());
      fm.put("subject", f.subject());
      fm.put("message", f.message());
      findings.add(fm);
    }
    if (map.malformed + map.tooLong > 0) {
      Map<String, Object> fm = new LinkedHashMap<>();
      fm.put("severity", "low");
      fm.put("kind", "malformed-lines");
      fm.put("workload", "");
      fm.put("subject", "");
      fm.put("message", map.malformed + " malformed and " + map.tooLong + " too long inventory lines were skipped");
      findings.add(fm);
    }
    root.put("findings", findings);
    return root;
  }

  String json() {
    try {
      return JSON.writeValueAsString(tree) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report", e);
    }
  }

  // ---- text -----------------------------------------------------------------------------------

  String text() {
    StringBuilder sb = new StringBuilder();
    JsonNode in = tree.path("input");
    sb.append("Fleet inventory: ").append(tree.path("workloads").size()).append(" workload(s) from ")
        .append(in.path("events").asLong()).append(" event(s) in ").append(in.path("lines").asLong())
        .append(" line(s); ").append(in.path("malformed").asLong()).append(" malformed, ")
        .append(in.path("tooLong").asLong()).append(" too long\n");
    for (JsonNode w : tree.path("workloads")) {
      sb.append("\nWorkload ").append(w.path("id").asText());
      if (!w.path("serviceName").asText().isEmpty()) {
        sb.append(" (service ").append(w.path("serviceName").asText()).append(')');
      }
      sb.append('\n');
      sb.append("  Instances:\n");
      for (JsonNode i : w.path("instances")) {
        sb.append("    ").append(i.path("id").asText())
            .append("  namespace=").append(dash(i.path("namespace").asText()))
            .append("  node=").append(dash(i.path("node").asText()))
            .append("  policy=").append(i.path("policyVersion").asText())
            .append("  last seen ").append(i.path("lastSeen").asText())
            .append(i.path("stale").asBoolean() ? "  STALE" : "").append('\n');
      }
      sb.append("  Policy versions:").append(w.path("policyDrift").asBoolean() ? " DRIFT" : "").append('\n');
      for (JsonNode v : w.path("policyVersions")) {
        sb.append("    ").append(v.path("version").asText()).append("  ").append(join(v.path("instances")))
            .append("  from ").append(join(v.path("sources"))).append('\n');
      }
      sb.append("  Models:\n");
      for (JsonNode m : w.path("models")) {
        sb.append("    ").append(m.path("name").asText())
            .append("  workload controls: ").append(m.path("workloadControls").asBoolean() ? "yes" : "NO")
            .append("  edge: ").append(m.path("edgeControls").isEmpty() ? "none" : join(m.path("edgeControls")))
            .append('\n');
      }
      sb.append("  Call sites:\n");
      for (JsonNode s : w.path("callSites")) {
        sb.append("    ").append(s.path("id").asText()).append("  [").append(s.path("kind").asText()).append("]")
            .append("  action=").append(dash(s.path("action").asText()))
            .append("  model=").append(dash(s.path("model").asText()))
            .append("  calls=").append(s.path("calls").asLong()).append('\n');
        sb.append("      ").append(controlsLine(s.path("controls"))).append('\n');
      }
      JsonNode u = w.path("usage");
      sb.append("  Usage: ").append(u.path("calls").asLong()).append(" calls, denials ")
          .append(u.path("denials").isEmpty() ? "none" : u.path("denials").toString().replace("\"", ""))
          .append(", at most ").append(u.path("distinctCallersMaxPerEvent").asLong())
          .append(" distinct callers per event\n");
    }
    sb.append("\nFindings (").append(tree.path("findings").size()).append("):\n");
    for (JsonNode f : tree.path("findings")) {
      sb.append("  ").append(f.path("severity").asText().toUpperCase(Locale.ROOT)).append("  ")
          .append(f.path("kind").asText()).append("  ").append(f.path("message").asText()).append('\n');
    }
    return sb.toString();
  }

  static String controlsLine(JsonNode c) {
    List<String> parts = new ArrayList<>();
    parts.add("mode " + c.path("mode").asText("?"));
    List<String> access = new ArrayList<>();
    for (JsonNode a : c.path("access")) {
      access.add(a.path("access").asText() + " " + a.path("policy").asText()
          + (a.path("conditional").asBoolean() ? "*" : ""));
    }
    parts.add("access " + (access.isEmpty() ? "default " + c.path("defaultAccess").asText("?") : String.join(", ", access)));
    parts.add("input " + detectors(c.path("input")));
    parts.add("output " + detectors(c.path("output")));
    List<String> tools = new ArrayList<>();
    for (JsonNode t : c.path("tools")) {
      tools.add("allow " + join(t.path("allow")) + (t.path("deny").isEmpty() ? "" : " deny " + join(t.path("deny"))));
    }
    parts.add("tools " + (tools.isEmpty() ? "-" : String.join("; ", tools)));
    List<String> limits = new ArrayList<>();
    c.path("limits").forEach(l -> limits.add(l.path("limit").asText()));
    parts.add("limits " + (limits.isEmpty() ? "-" : String.join(", ", limits)));
    parts.add("edge " + (c.path("edge").isEmpty() ? "-" : join(c.path("edge"))));
    return String.join("; ", parts);
  }

  private static String detectors(JsonNode rules) {
    List<String> out = new ArrayList<>();
    rules.forEach(r -> out.add(r.path("detector").asText() + ":" + r.path("action").asText()));
    return out.isEmpty() ? "-" : String.join(", ", out);
  }

  private static String join(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return String.join(", ", out);
  }

  private static String dash(String s) {
    return s.isEmpty() ? "-" : s;
  }

  // ---- Markdown -------------------------------------------------------------------------------

  String markdown() {
    StringBuilder sb = new StringBuilder("# Where AI runs\n\n");
    JsonNode in = tree.path("input");
    sb.append(in.path("events").asLong()).append(" inventory events in ").append(in.path("lines").asLong())
        .append(" lines (").append(in.path("malformed").asLong()).append(" malformed, ")
        .append(in.path("tooLong").asLong()).append(" too long); generated ").append(tree.path("generatedAt").asText())
        .append(", stale after ").append(tree.path("staleAfter").asText()).append(".\n\n");
    sb.append("## Findings\n\n");
    if (tree.path("findings").isEmpty()) {
      sb.append("None.\n\n");
    } else {
      sb.append("| severity | kind | workload | finding |\n| --- | --- | --- | --- |\n");
      for (JsonNode f : tree.path("findings")) {
        sb.append("| ").append(f.path("severity").asText()).append(" | ").append(f.path("kind").asText()).append(" | ")
            .append(md(f.path("workload").asText())).append(" | ").append(md(f.path("message").asText())).append(" |\n");
      }
      sb.append('\n');
    }
    for (JsonNode w : tree.path("workloads")) {
      sb.append("## ").append(md(w.path("id").asText())).append("\n\n");
      sb.append("| instance | namespace | node | policy version | last seen | stale |\n| --- | --- | --- | --- | --- | --- |\n");
      for (JsonNode i : w.path("instances")) {
        sb.append("| ").append(md(i.path("id").asText())).append(" | ").append(md(i.path("namespace").asText()))
            .append(" | ").append(md(i.path("node").asText())).append(" | ").append(md(i.path("policyVersion").asText()))
            .append(" | ").append(i.path("lastSeen").asText()).append(" | ")
            .append(i.path("stale").asBoolean() ? "**stale**" : "").append(" |\n");
      }
      sb.append("\n| model | workload controls | edge controls |\n| --- | --- | --- |\n");
      for (JsonNode m : w.path("models")) {
        sb.append("| ").append(md(m.path("name").asText())).append(" | ")
            .append(m.path("workloadControls").asBoolean() ? "yes" : "**no**").append(" | ")
            .append(m.path("edgeControls").isEmpty() ? "none" : md(join(m.path("edgeControls")))).append(" |\n");
      }
      sb.append("\n| call site | action | model | calls | controls |\n| --- | --- | --- | --- | --- |\n");
      for (JsonNode s : w.path("callSites")) {
        sb.append("| ").append(md(s.path("id").asText())).append(" | ").append(md(s.path("action").asText()))
            .append(" | ").append(md(s.path("model").asText())).append(" | ").append(s.path("calls").asLong())
            .append(" | ").append(md(controlsLine(s.path("controls")))).append(" |\n");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String md(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ");
  }

  // ---- HTML -----------------------------------------------------------------------------------

  String html() {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Guardrails4j fleet inventory</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#1d2327}\n")
        .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}\n")
        .append("th,td{border:1px solid #c3c4c7;padding:4px 8px;text-align:left;vertical-align:top;font-size:14px}\n")
        .append("th{background:#f0f0f1}\n")
        .append(".high{background:#fcd7d7}.medium{background:#fff2c2}.low{background:#e5eefc}\n")
        .append(".ok{color:#0a7a2f}.bad{color:#b32d2e;font-weight:bold}\n")
        .append("code{font-size:13px}\n</style>\n</head>\n<body>\n");
    JsonNode in = tree.path("input");
    sb.append("<h1>Where AI runs</h1>\n<p>").append(in.path("events").asLong()).append(" inventory events in ")
        .append(in.path("lines").asLong()).append(" lines (").append(in.path("malformed").asLong())
        .append(" malformed, ").append(in.path("tooLong").asLong()).append(" too long); generated ")
        .append(esc(tree.path("generatedAt").asText())).append(", stale after ")
        .append(esc(tree.path("staleAfter").asText())).append(".</p>\n");
    sb.append("<h2>Findings</h2>\n");
    if (tree.path("findings").isEmpty()) {
      sb.append("<p class=\"ok\">None.</p>\n");
    } else {
      sb.append("<table>\n<tr><th>severity</th><th>kind</th><th>workload</th><th>finding</th></tr>\n");
      for (JsonNode f : tree.path("findings")) {
        sb.append("<tr class=\"").append(esc(f.path("severity").asText())).append("\"><td>")
            .append(esc(f.path("severity").asText())).append("</td><td>").append(esc(f.path("kind").asText()))
            .append("</td><td>").append(esc(f.path("workload").asText())).append("</td><td>")
            .append(esc(f.path("message").asText())).append("</td></tr>\n");
      }
      sb.append("</table>\n");
    }
    for (JsonNode w : tree.path("workloads")) {
      sb.append("<h2>").append(esc(w.path("id").asText())).append("</h2>\n");
      sb.append("<table>\n<tr><th>instance</th><th>namespace</th><th>node</th><th>policy version</th>")
          .append("<th>last seen</th><th>state</th></tr>\n");
      boolean drift = w.path("policyDrift").asBoolean();
      for (JsonNode i : w.path("instances")) {
        boolean stale = i.path("stale").asBoolean();
        sb.append("<tr").append(stale ? " class=\"low\"" : "").append("><td>").append(esc(i.path("id").asText()))
            .append("</td><td>").append(esc(i.path("namespace").asText())).append("</td><td>")
            .append(esc(i.path("node").asText())).append("</td><td").append(drift ? " class=\"medium\"" : "")
            .append("><code>").append(esc(i.path("policyVersion").asText())).append("</code></td><td>")
            .append(esc(i.path("lastSeen").asText())).append("</td><td>").append(stale ? "stale" : "reporting")
            .append("</td></tr>\n");
      }
      sb.append("</table>\n");
      sb.append("<table>\n<tr><th>model</th><th>workload controls</th><th>edge controls</th></tr>\n");
      for (JsonNode m : w.path("models")) {
        boolean wc = m.path("workloadControls").asBoolean();
        boolean none = !wc && m.path("edgeControls").isEmpty();
        sb.append("<tr").append(none ? " class=\"high\"" : "").append("><td>").append(esc(m.path("name").asText()))
            .append("</td><td class=\"").append(wc ? "ok" : "bad").append("\">").append(wc ? "yes" : "no")
            .append("</td><td>").append(m.path("edgeControls").isEmpty() ? "none" : esc(join(m.path("edgeControls"))))
            .append("</td></tr>\n");
      }
      sb.append("</table>\n");
      sb.append("<table>\n<tr><th>call site</th><th>action</th><th>model</th><th>calls</th><th>controls</th></tr>\n");
      for (JsonNode s : w.path("callSites")) {
        boolean controlled = FleetMap.hasControls(s.path("controls"));
        sb.append("<tr").append(controlled ? "" : " class=\"medium\"").append("><td><code>")
            .append(esc(s.path("id").asText())).append("</code></td><td>").append(esc(s.path("action").asText()))
            .append("</td><td>").append(esc(s.path("model").asText())).append("</td><td>")
            .append(s.path("calls").asLong()).append("</td><td>").append(esc(controlsLine(s.path("controls"))))
            .append("</td></tr>\n");
      }
      sb.append("</table>\n");
    }
    sb.append("</body>\n</html>\n");
    return sb.toString();
  }

  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
