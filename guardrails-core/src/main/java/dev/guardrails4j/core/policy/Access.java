package dev.guardrails4j.core.policy;

/** What a policy says about access. */
public enum Access {
  /** The caller may use the model for the action. */
  ALLOW,
  /** The caller may not; an explicit deny wins over every allow. */
  DENY
}
