package dev.guardrails4j.spring;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.spi.DecisionListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the engine decided, for assertions. */
final class RecordingListener implements DecisionListener {

  final List<Decision> decisions = new CopyOnWriteArrayList<>();
  final List<Invocation> invocations = new CopyOnWriteArrayList<>();
  final List<AuditEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void onDecision(Invocation invocation, Decision decision) {
    invocations.add(invocation);
    decisions.add(decision);
  }

  @Override
  public void onAuditEvent(AuditEvent event) {
    events.add(event);
  }

  List<Decision> phase(Phase phase) {
    return decisions.stream().filter(d -> d.phase() == phase).toList();
  }
}
