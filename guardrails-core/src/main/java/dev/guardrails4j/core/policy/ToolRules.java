package dev.guardrails4j.core.policy;

import dev.guardrails4j.core.match.Glob;
import java.util.List;
import java.util.Objects;

/**
 * A policy's tool rules:
 *
 * <pre>{@code
 * tools:
 *   allow: [lookupTicket, "search*"]
 *   deny: [deleteTicket]
 *   on-deny: error        # error: the model sees an error message; stop: the call fails
 *   arguments: [ { detector: secrets, action: block } ]
 *   results:   [ { detector: pii, action: redact } ]
 * }</pre>
 *
 * @param allow globs of tools allowed; empty means this policy does not restrict tools
 * @param deny globs of tools denied; a deny wins
 * @param onDeny what a denied tool call does
 * @param arguments checks over tool call arguments
 * @param results checks over tool results
 */
public record ToolRules(
    List<Glob> allow, List<Glob> deny, OnDeny onDeny, List<Check> arguments, List<Check> results) {

  /** Validates and copies. */
  public ToolRules {
    allow = List.copyOf(allow);
    deny = List.copyOf(deny);
    Objects.requireNonNull(onDeny, "onDeny");
    arguments = List.copyOf(arguments);
    results = List.copyOf(results);
  }

  /** No restriction. */
  public static final ToolRules NONE =
      new ToolRules(List.of(), List.of(), OnDeny.ERROR, List.of(), List.of());

  /** What a denied tool call does. */
  public enum OnDeny {
    /** Soft deny: the tool is not run and the model gets an error message it can react to. */
    ERROR,
    /** Hard deny: the whole call fails with a violation. */
    STOP
  }
}
