package dev.guardrails4j.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes audit events as one line of JSON, with a stable field order. */
public final class AuditJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AuditJson() {}

  /**
   * The event as a JSON object.
   *
   * @param e the event
   * @return one line of JSON
   */
  public static String toJson(AuditEvent e) {
    try {
      return MAPPER.writeValueAsString(toMap(e));
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot write audit event " + e.id(), ex);
    }
  }

  /**
   * The event as plain maps and lists, the shape of the JSON.
   *
   * @param e the event
   * @return the map
   */
  public static Map<String, Object> toMap(AuditEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event", "guardrails.call");
    m.put("id", e.id());
    m.put("timestamp", e.timestamp().toString());
    m.put("workload", e.workload());
    m.put("user", e.userFingerprint());
    m.put("tenant", e.tenant());
    m.put("model", e.model());
    m.put("action", e.action());
    m.put("callSite", e.callSite());
    m.put("dataLabels", List.copyOf(e.dataLabels()));
    m.put("policyVersion", e.policyVersion());
    m.put("outcome", e.outcome().name());
    List<Object> ds = new ArrayList<>();
    for (Decision d : e.decisions()) {
      Map<String, Object> dm = new LinkedHashMap<>();
      dm.put("id", d.id());
      dm.put("phase", d.phase().name());
      dm.put("verdict", d.verdict().name());
      dm.put("mode", d.mode().name());
      dm.put("policies", d.policyIds());
      dm.put("reasons", d.reasons());
      List<Object> fs = new ArrayList<>();
      for (Finding f : d.findings()) {
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("detector", f.detector());
        fm.put("type", f.type());
        fm.put("message", f.message());
        fm.put("start", f.start());
        fm.put("end", f.end());
        fm.put("score", f.score());
        fm.put("action", f.action().name());
        fs.add(fm);
      }
      dm.put("findings", fs);
      dm.put("changes", d.changes());
      if (d.retryAfter() != null) {
        dm.put("retryAfterMs", d.retryAfter().toMillis());
      }
      if (d.error()) {
        dm.put("error", true);
      }
      dm.put("micros", d.durationNanos() / 1000.0);
      ds.add(dm);
    }
    m.put("decisions", ds);
    m.put("inputFingerprint", e.inputFingerprint());
    m.put("outputFingerprint", e.outputFingerprint());
    m.put("inputTokens", e.inputTokens());
    m.put("outputTokens", e.outputTokens());
    m.put("micros", e.durationNanos() / 1000.0);
    if (e.failure() != null) {
      m.put("failure", e.failure());
    }
    if (!e.rawContent().isEmpty()) {
      m.put("raw", e.rawContent());
    }
    return m;
  }
}
