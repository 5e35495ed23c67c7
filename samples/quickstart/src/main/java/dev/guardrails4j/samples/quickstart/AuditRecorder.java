package dev.guardrails4j.samples.quickstart;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.spi.DecisionListener;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the audit events of the guarded calls, one per call, so the demo's table is made of what
 * the engine really decided. A real application would send them to its log pipeline instead.
 */
final class AuditRecorder implements DecisionListener {

  private final List<AuditEvent> events = new ArrayList<>();

  @Override
  public synchronized void onAuditEvent(AuditEvent event) {
    events.add(event);
  }

  /**
   * Takes the events recorded since the last call.
   *
   * @return the events, oldest first
   */
  synchronized List<AuditEvent> drain() {
    List<AuditEvent> out = List.copyOf(events);
    events.clear();
    return out;
  }
}
