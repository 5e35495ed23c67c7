package dev.guardrails4j.core.policy;

/** What happens when a detector, listener or policy fails during a call. */
public enum OnError {
  /** Fail closed: the call is blocked (the default). */
  BLOCK,
  /** Fail open: the failure is recorded and the call goes on. */
  ALLOW
}
