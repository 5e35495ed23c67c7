package dev.guardrails4j.api;

/** The phases of a guarded call, in the order they run. */
public enum Phase {
  /** May this caller use this model for this action with this data? */
  ACCESS,
  /** Rate limits, token budgets, concurrency and provider protection. */
  LIMITS,
  /** Checks over the messages that will be sent. */
  INPUT,
  /** Checks over the model's answer. */
  OUTPUT,
  /** Checks of a tool call the model requested, or of its result. */
  TOOL
}
