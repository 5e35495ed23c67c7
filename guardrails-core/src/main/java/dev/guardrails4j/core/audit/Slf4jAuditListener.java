package dev.guardrails4j.core.audit;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.api.spi.DecisionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one JSON line per guarded call on the logger {@value #LOGGER_NAME}: at INFO for allowed
 * calls, at WARN for blocked ones. Route that logger to your log pipeline as you would any other.
 */
public final class Slf4jAuditListener implements DecisionListener {

  /** The logger name audit events are written to. */
  public static final String LOGGER_NAME = "dev.guardrails4j.audit";

  private final Logger log;

  /** Logs to {@value #LOGGER_NAME}. */
  public Slf4jAuditListener() {
    this(LoggerFactory.getLogger(LOGGER_NAME));
  }

  /**
   * Logs to a given logger.
   *
   * @param log the logger
   */
  public Slf4jAuditListener(Logger log) {
    this.log = log;
    if (!log.isInfoEnabled()) {
      // never drop audit events silently: say once, loudly, that logging configuration drops them
      LoggerFactory.getLogger("dev.guardrails4j").warn(
          "Guardrails audit logger '{}' is not enabled at INFO: allowed calls will not be audited. "
              + "Enable it, or register another DecisionListener.", log.getName());
    }
  }

  @Override
  public void onAuditEvent(AuditEvent event) {
    if (event.outcome() == Verdict.DENY) {
      log.warn("{}", AuditJson.toJson(event));
    } else if (log.isInfoEnabled()) {
      log.info("{}", AuditJson.toJson(event));
    }
  }
}
