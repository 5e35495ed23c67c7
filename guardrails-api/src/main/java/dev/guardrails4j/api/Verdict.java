package dev.guardrails4j.api;

/** The outcome of one phase. */
public enum Verdict {
  /** Nothing to change. */
  ALLOW,
  /** Allowed after changes, for example redactions. */
  ALLOW_WITH_CHANGES,
  /** Denied. In {@link Mode#MONITOR} this is what would have happened. */
  DENY
}
