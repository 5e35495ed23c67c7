package dev.guardrails4j.test;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.spi.DecisionListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A {@link DecisionListener} that records every decision and audit event, for tests. Thread-safe:
 * calls made on many threads are all recorded, each list in the order the events arrived.
 *
 * <pre>{@code
 * RecordingDecisionListener recorder = new RecordingDecisionListener();
 * Guardrails guardrails = Guardrails.builder().policyFile(path).listener(recorder).build();
 * ...
 * assertThat(recorder.lastDecision(Phase.INPUT).orElseThrow()).isAllowedWithChanges();
 * recorder.clear();
 * }</pre>
 */
public final class RecordingDecisionListener implements DecisionListener {

  /** Decisions with their invocation in one queue, so the pairs stay together under concurrency. */
  private final ConcurrentLinkedQueue<Recorded> decisions = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<AuditEvent> events = new ConcurrentLinkedQueue<>();

  /** Creates an empty recorder. */
  public RecordingDecisionListener() {}

  @Override
  public void onDecision(Invocation invocation, Decision decision) {
    decisions.add(new Recorded(Objects.requireNonNull(invocation, "invocation"),
        Objects.requireNonNull(decision, "decision")));
  }

  @Override
  public void onAuditEvent(AuditEvent event) {
    events.add(event);
  }

  /**
   * Every decision recorded so far.
   *
   * @return a snapshot, in arrival order
   */
  public List<Decision> decisions() {
    return decisions.stream().map(Recorded::decision).toList();
  }

  /**
   * The decisions of one phase.
   *
   * @param phase the phase
   * @return a snapshot, in arrival order
   */
  public List<Decision> decisions(Phase phase) {
    Objects.requireNonNull(phase, "phase");
    List<Decision> out = new ArrayList<>();
    for (Recorded r : decisions) {
      if (r.decision().phase() == phase) {
        out.add(r.decision());
      }
    }
    return List.copyOf(out);
  }

  /**
   * The invocations the decisions were made for, as evaluated (content may be redacted).
   *
   * @return a snapshot, one per decision, in arrival order
   */
  public List<Invocation> invocations() {
    return decisions.stream().map(Recorded::invocation).toList();
  }

  /**
   * The last decision recorded.
   *
   * @return the decision, or empty
   */
  public Optional<Decision> lastDecision() {
    Decision last = null;
    for (Recorded r : decisions) {
      last = r.decision();
    }
    return Optional.ofNullable(last);
  }

  /**
   * The last decision of a phase.
   *
   * @param phase the phase
   * @return the decision, or empty
   */
  public Optional<Decision> lastDecision(Phase phase) {
    List<Decision> of = decisions(phase);
    return of.isEmpty() ? Optional.empty() : Optional.of(of.get(of.size() - 1));
  }

  /**
   * Every audit event recorded so far (one per completed call).
   *
   * @return a snapshot, in arrival order
   */
  public List<AuditEvent> auditEvents() {
    return List.copyOf(events);
  }

  /**
   * The last audit event recorded.
   *
   * @return the event, or empty
   */
  public Optional<AuditEvent> lastAuditEvent() {
    AuditEvent last = null;
    for (AuditEvent e : events) {
      last = e;
    }
    return Optional.ofNullable(last);
  }

  /** Forgets everything recorded so far. */
  public void clear() {
    decisions.clear();
    events.clear();
  }

  private record Recorded(Invocation invocation, Decision decision) {}
}
