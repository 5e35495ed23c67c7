package dev.guardrails4j.api.spi;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Invocation;

/**
 * Receives decisions and audit events: metrics, audit sinks, test recorders. Methods are called on
 * the calling thread and must be quick and thread-safe. An exception thrown here is treated like a
 * detector failure: by default it blocks the call (fail closed).
 */
public interface DecisionListener {

  /** A listener that does nothing. */
  DecisionListener NOOP = new DecisionListener() {};

  /**
   * Called after each phase.
   *
   * @param invocation the invocation as evaluated (content may already be redacted)
   * @param decision the decision
   */
  default void onDecision(Invocation invocation, Decision decision) {}

  /**
   * Called once per guarded call, when it completes.
   *
   * @param event the audit event
   */
  default void onAuditEvent(AuditEvent event) {}
}
